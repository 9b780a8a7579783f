// metrex diagnostics: the one diagnostic type and its one renderer.
//
// Contract
//   Every stage that can reject input (rule loading, expression parsing, compilation,
//   example checking) reports through `Diagnostics`, never by throwing or printing.
//   A diagnostic names a place in a *file the user edits* (line and column are 1-based;
//   the column counts characters, i.e. Unicode code points, so a caret can be placed
//   under a CJK character) and says what is wrong in short lowercase words.
//
//   render() prints the jq / Spirit X3 style:
//
//       rules/x.yaml:12:18: error: expected a closing ')'
//          12 |     match: 收到 (行政复议 申请 {count}
//             |                  ^
//          hint: every '(' needs a matching ')'
//
//   Collect, don't stop: stages add every problem they find and carry on; the caller
//   decides when to stop (`error_count() > 0`) and prints `render_all`, which ends with
//   "N errors".
//
// Thread safety: a Diagnostics object is not synchronised; use one per thread.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace metrex {

enum class Severity { error, warning, note };

struct Diagnostic {
    std::string file;     // as the user named it, e.g. "rules/reconsideration.yaml"
    int line = 0;         // 1-based; 0 when the problem concerns a whole file
    int column = 0;       // 1-based, in code points; 0 when unknown
    Severity severity = Severity::error;
    std::string code;     // stable identifier, e.g. "expr.unclosed-group", used by tests
    std::string message;  // short, lowercase, quotes the offending fragment
    std::string hint;     // optional one-line advice
};

// Where a message points. Stages that know a place in a file pass one of these along.
struct SourcePosition {
    std::string file;
    int line = 0;    // 1-based
    int column = 0;  // 1-based, code points
};

class Diagnostics {
public:
    void add(Diagnostic diagnostic);
    void error(const SourcePosition& at, std::string code, std::string message,
               std::string hint = {});
    void warning(const SourcePosition& at, std::string code, std::string message,
                 std::string hint = {});

    const std::vector<Diagnostic>& items() const { return items_; }
    std::size_t error_count() const;
    bool empty() const { return items_.empty(); }
    void append(const Diagnostics& other);
    // Orders by file, line and column (stable), as a reader goes through the files.
    void sort_by_position();

private:
    std::vector<Diagnostic> items_;
};

// Supplies the text of source lines for rendering. Reads each file at most once.
// Tests may preload contents with `set` so that no file system is touched.
class SourceLines {
public:
    void set(const std::string& file, std::string contents);
    // The 1-based line of `file`, without its line break; empty if unknown.
    std::string line(const std::string& file, int line_number);

private:
    std::map<std::string, std::vector<std::string>> files_;
};

// One diagnostic: the "file:line:col: error: message" line, then (when the line is known)
// the source line and a caret under the column, then the hint. Wide (CJK) characters
// count as two terminal columns when placing the caret. Ends with a newline.
std::string render(const Diagnostic& diagnostic, SourceLines& sources);

// Every diagnostic in order, then "N errors" (or "1 error"; warnings counted likewise
// when present). Empty string when there is nothing to report.
std::string render_all(const Diagnostics& diagnostics, SourceLines& sources);

// The choice closest to `word` by edit distance, if any is within `max_distance` edits:
// the base of every "did you mean" hint.
std::optional<std::string> closest_match(const std::string& word, const std::vector<std::string>& choices,
                                         std::size_t max_distance = 2);

// Shortens a quoted fragment for a message: at most `max_chars` code points, "…" appended.
std::string quote_fragment(std::string_view text, std::size_t max_chars = 24);

}  // namespace metrex
