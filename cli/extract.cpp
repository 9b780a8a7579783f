// Tested by tests/cli_tests.cmake (end-to-end runs of the binary)
#include "cli/common.hpp"

#include "engine/match/match.hpp"
#include "engine/output/output.hpp"

#include <fstream>
#include <iostream>

namespace metrex::cli {

namespace {

struct ExtractOptions {
    std::vector<std::string> rules;
    std::vector<std::string> inputs;
    std::string output;
    std::string format = "jsonl";
    std::string encoding;
    bool bom = false;
    bool strict = false;
};

int run_extract(const ExtractOptions& o) {
    auto compiled = load_compiled_rules(rule_paths(o.rules));
    if (!compiled) return kExitBadRules;

    std::ofstream file;
    std::ostream* out = &std::cout;
    if (!o.output.empty() && o.output != "-") {
        file.open(o.output, std::ios::binary);
        if (!file) {
            std::cerr << "metrex: error: cannot write '" << o.output << "'\n";
            return kExitBadRules;
        }
        out = &file;
    }
    std::unique_ptr<output::RecordWriter> writer =
        o.format == "csv" ? output::csv_writer(*out, {o.bom}) : output::jsonl_writer(*out);

    text::LoadOptions load_options;
    load_options.encoding = o.encoding;
    std::size_t errors = 0;
    for (const auto& input : gather_inputs(o.inputs)) {
        const auto doc = load_input(input, load_options);
        output::DocumentMeta meta;
        meta.id = doc.id;
        meta.path = doc.path;
        if (doc.loaded.error) {
            ++errors;
            meta.status = "error";
            meta.error = doc.loaded.error->code;
            writer->begin_document(meta);
            writer->write(error_record(doc.id, doc.loaded.error->code, doc.loaded.error->message));
            writer->end_document();
            continue;
        }
        const auto normalised = text::normalise(doc.loaded.text);
        meta.status = "ok";
        meta.chars = normalised.original_length();
        writer->begin_document(meta);
        for (const auto& record : match::extract(*compiled, doc.id, normalised)) writer->write(record);
        writer->end_document();
    }
    writer->finish();
    return (o.strict && errors > 0) ? kExitFailed : kExitOk;
}

}  // namespace

void add_extract(CLI::App& app) {
    auto o = std::make_shared<ExtractOptions>();
    auto* cmd = app.add_subcommand("extract", "Extract records from reports");
    cmd->footer(R"(Reads UTF-8/GB18030/UTF-16 text, HTML and PDF reports (files, or directories
searched for .txt .html .htm .pdf) and writes one record per fact found.
A document that cannot be read yields an `error` record; the batch goes on.

Examples:
  metrex extract samples/                      # JSON Lines on stdout
  metrex extract -o out.jsonl report.txt
  metrex extract --format csv --bom -o out.csv samples/
  metrex extract --rules my-rules/ report.html
  echo '{"id":"a","text":"收到行政复议申请169件"}' | metrex extract -)");
    cmd->add_option("inputs", o->inputs, "Report files or directories; '-' reads standard input")
        ->required();
    cmd->add_option("-r,--rules", o->rules, "Rule file or directory (repeatable; default: the bundled rules/)");
    cmd->add_option("-o,--output", o->output, "Write here instead of standard output");
    cmd->add_option("-f,--format", o->format, "Output format")
        ->check(CLI::IsMember({"jsonl", "csv"}))
        ->capture_default_str();
    cmd->add_flag("--bom", o->bom, "CSV: start with a UTF-8 byte order mark (for Excel)");
    cmd->add_option("--encoding", o->encoding, "Input encoding (e.g. GB18030, UTF-16LE); default: detect");
    cmd->add_flag("--strict", o->strict, "Exit 1 when any document could not be read");
    cmd->callback([o] { throw CLI::RuntimeError(run_extract(*o)); });
}

}  // namespace metrex::cli
