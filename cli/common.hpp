// Shared plumbing of the metrex subcommands: rule loading with diagnostics, input
// discovery, document loading. Each subcommand lives in its own .cpp.
#pragma once

#include "engine/compile/compile.hpp"
#include "engine/records/records.hpp"
#include "engine/text/text.hpp"

#include <CLI/CLI.hpp>

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

void add_extract(CLI::App& app);
void add_test(CLI::App& app);
void add_explain(CLI::App& app);
void add_check(CLI::App& app);
void add_panel(CLI::App& app);

}  // namespace metrex::cli
