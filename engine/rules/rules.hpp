// metrex rules: YAML rule files -> rule specs that remember where every piece came from.
//
// Contract
//   load_rules(paths, diagnostics): each path is a `.yaml` file or a directory searched
//   recursively for `*.yaml` and `*.yml` (sorted by path, so load order and rule order are stable).
//   The result holds lexicons and rules exactly as written (expressions are NOT parsed
//   here; engine/compile does that) plus, for every expression and example, a map from
//   each character of the YAML value back to its line and column in the file, so that an
//   error anywhere inside a `match:` string is reported at the right column of the file.
//
//   Lexicon names are unique across the set; a file may add words to a lexicon of
//   another file under `extend_lexicons:` (same shape: plain list or categories).
//
//   Validation done here, before any document is read: YAML syntax, unknown keys (with a
//   "did you mean" hint), missing required keys, wrong value types, duplicate rule ids
//   and lexicon names across all files, malformed examples, bad enum values (value kind,
//   within, category ...). Every problem in every file is reported; loading goes on
//   past errors so one run shows them all.
//
//   Expression keys (`match`, `context`, `not_context`) in block style take the rest of
//   their line verbatim (`match: @receive ~8 {count: @case_unit}` needs no quoting,
//   though YAML alone would reject '@' and read ': ' as a key); a ' #' starts a comment.
//   Quoted values, block scalars (| >) and [lists] are read as YAML as usual.
//
// Thread safety: load_rules is reentrant; a RuleSet is a plain value.
//
// Example
//   metrex::Diagnostics diags;
//   auto set = metrex::rules::load_rules({"rules/"}, diags);
//   if (diags.error_count() > 0) { /* print render_all(diags, ...) and exit 2 */ }
#pragma once

#include "engine/diagnostics/diagnostics.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace metrex::rules {

// A YAML string value and where each of its characters stands in the file.
struct SourceText {
    std::string value;                  // UTF-8, as YAML decoded it
    std::string file;
    std::vector<int> lines, columns;    // per code point of `value`, plus one past the end
    // Position of the character at `byte_offset` into `value` (clamped to the end).
    SourcePosition at(std::size_t byte_offset) const;
    SourcePosition start() const { return at(0); }
};

// A lexicon: plain (`name: [w1, w2]`) or categorised (`name: {cat1: [..], cat2: [..]}`).
struct Lexicon {
    std::string name;
    SourcePosition position;
    std::vector<std::string> words;               // all words, in file order
    std::map<std::string, std::string> category;  // word -> category (categorised only)
};

// Record kinds a rule can produce, plus the kinds that shape matching without
// producing records of their own.
enum class RuleKind {
    indicator,    // a typed value (records.md `indicator`)
    program,      // a named program (`program`)
    document,     // a cited document (`document`)
    field,        // a document-level fact (`field`)
    exclusion,    // text that is not a quantity: dates, document numbers, phone numbers …
    boilerplate,  // lines that are page debris: nothing inside them yields records
    planned,      // markers of plans/targets: `applies_to: sentence | section`
    change,       // a change stated after a value (同比上升56.7%), attached to that value
};
const char* to_string(RuleKind kind);

enum class Scope { clause, sentence, section };

// One expected outcome of an example: field name -> expected value as YAML text or a
// nested map (for `change`). Numbers are kept as written and compared numerically.
struct ExpectedValue {
    std::string scalar;                                // when not a map
    std::map<std::string, std::string> fields;         // when a map (change: {...})
    bool is_map = false;
};
using ExpectedRecord = std::map<std::string, ExpectedValue>;

struct Example {
    SourceText text;
    SourcePosition position;              // of the `- text:` entry
    bool expect_none = false;             // `expect: none`
    std::vector<ExpectedRecord> records;  // in order of appearance in the text
};

struct Rule {
    RuleKind kind = RuleKind::indicator;
    std::string id;
    SourcePosition position;  // of the rule's first key
    std::string file;

    SourceText match;
    std::vector<SourceText> context;      // any one must be present in the scope
    std::vector<SourceText> not_context;  // none may be present in the scope
    Scope within = Scope::sentence;        // where `context` is looked for
    std::optional<Scope> not_within;       // where `not_context` is (default: `within`)
    int priority = 0;
    bool overlapping = false;  // the next match may start inside the previous one

    // Kind-specific attributes; empty when not given.
    std::map<std::string, std::string> attributes;  // label, value, unit, subject, name,
                                                    // category, applies_to, doc_type ...
    std::vector<Example> examples;
};

// `aliases:` entries: several ways of writing one program or document, and the name it
// is known by (放管服 / “放管服”改革 / 简政放权、放管结合、优化服务改革 -> 放管服).
struct Alias {
    std::string canonical;
    std::vector<std::string> variants;
    SourcePosition position;
};

struct RuleSet {
    std::vector<std::string> files;  // as loaded, in order
    std::vector<Lexicon> lexicons;
    std::vector<Alias> aliases;
    std::vector<Rule> rules;         // file order, then order within the file
    const Lexicon* lexicon(const std::string& name) const;
    const Rule* rule(const std::string& id) const;
};

// Loads every rule file under `paths`. Problems go to `diagnostics`; the returned set
// holds whatever could be read (callers stop when diagnostics.error_count() > 0).
RuleSet load_rules(const std::vector<std::string>& paths, Diagnostics& diagnostics);

// Loads rules from a string (tests, stdin); `file` names it in diagnostics.
RuleSet load_rules_from_string(const std::string& yaml, const std::string& file,
                               Diagnostics& diagnostics);

}  // namespace metrex::rules
