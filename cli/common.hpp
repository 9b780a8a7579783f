// Shared plumbing of the metrex subcommands: rule loading with diagnostics, input
// discovery, document loading. Each subcommand lives in its own .cpp.
#pragma once

#include "engine/compile/compile.hpp"
#include "engine/records/records.hpp"
#include "engine/text/text.hpp"

#include <CLI/CLI.hpp>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace metrex::cli {

// Exit codes (documented in `metrex --help`).
constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;     // tests or checks failed, or a document errored with --strict
constexpr int kExitBadRules = 2;   // rule files have errors, or bad usage

// --rules given, else $METREX_RULES, else the repository's rules/ directory.
std::vector<std::string> rule_paths(const std::vector<std::string>& given);

// Loads and compiles rules; prints every diagnostic to stderr with the "N errors" line.
// Returns nullptr when there were errors.
std::shared_ptr<const compile::CompiledRuleSet> load_compiled_rules(
    const std::vector<std::string>& paths, const compile::CompileOptions& options = {});

struct InputDocument {
    std::string id;    // the path as given or as found under a given directory; JSONL id
    std::string path;  // file to read; "-" for standard input
    std::optional<std::string> inline_text;  // standard input documents
};

// Expands files and directories (recursively: .txt .html .htm .pdf, sorted) and "-".
// Unknown paths are returned too so that they yield an error record.
std::vector<InputDocument> gather_inputs(const std::vector<std::string>& inputs);

struct LoadedDocument {
    std::string id;
    std::string path;
    text::Loaded loaded;
    std::string bytes_sha256;  // SHA-256 hex of the file's bytes (stdin: of the document's text); "" if unreadable
};

LoadedDocument load_input(const InputDocument& input, const text::LoadOptions& options);

// Bytes of an input as read (file size; standard input: the document's text), for
// throughput figures. 0 when unknown.
std::size_t input_bytes(const InputDocument& input);

// Progress of a batch on stderr: "metrex: 12/345 documents, 4.1 docs/s, 1.3 MB/s".
// automatic (the default) shows it only when stderr is a terminal, redrawn in place with
// '\r' at most ten times a second and ended with a newline; so pipes, logs and tests see
// nothing. --progress forces it (on a non-terminal: one plain line a second and a last
// one); --no-progress silences it.
enum class ProgressMode { automatic, on, off };
void add_progress_options(CLI::App* command, ProgressMode& mode);

class Progress {
public:
    Progress(ProgressMode mode, std::size_t total_documents);
    ~Progress();  // finishes the line if finish() was not called
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;
    void advance(std::size_t bytes);  // one more document done
    void finish();                    // the final figures and a newline

private:
    void draw(bool last);
    bool enabled_ = false;
    bool in_place_ = false;
    bool finished_ = false;
    std::size_t total_ = 0, done_ = 0, bytes_ = 0;
    double started_ = 0, drawn_ = -1;
    std::size_t width_ = 0;  // of the last in-place line, to blank what is left of it
};

void add_extract(CLI::App& app);
void add_test(CLI::App& app);
void add_explain(CLI::App& app);
void add_check(CLI::App& app);
void add_panel(CLI::App& app);
void add_coverage(CLI::App& app);
void add_review(CLI::App& app);

}  // namespace metrex::cli
