// Tested by tests/review/review_page.sh (the page rendered in headless Chromium) and
// tests/cli_core.cmake (usage_review_needs_output, review_unwritable_output)
//
// metrex review: one self-contained HTML page showing each report with every record
// highlighted (the page itself is built by engine/output review_html).
#include "cli/common.hpp"

#include "engine/match/match.hpp"
#include "engine/output/output.hpp"

#include <fstream>
#include <iostream>

namespace metrex::cli {

namespace {

struct ReviewOptions {
    std::vector<std::string> rules;
    std::vector<std::string> inputs;
    std::string output;
    std::string title = "metrex review";
    std::string encoding;
    ProgressMode progress = ProgressMode::automatic;
};

int run_review(const ReviewOptions& o) {
    auto compiled = load_compiled_rules(rule_paths(o.rules));
    if (!compiled) return kExitBadRules;

    // Open the output first: a typo in the path should not cost a whole extraction.
    std::ofstream file;
    const bool to_stdout = o.output == "-";
    if (!to_stdout) {
        file.open(o.output, std::ios::binary);
        if (!file) {
            std::cerr << "metrex: error: cannot write '" << o.output << "'\n";
            return kExitBadRules;
        }
    }

    text::LoadOptions load_options;
    load_options.encoding = o.encoding;
    std::vector<output::ReviewDocument> documents;
    std::size_t records = 0;
    const auto inputs = gather_inputs(o.inputs);
    Progress progress(o.progress, inputs.size());
    for (const auto& input : inputs) {
        auto doc = load_input(input, load_options);
        output::ReviewDocument review;
        review.id = doc.id;
        if (doc.loaded.error) {
            review.error = doc.loaded.error->message;
            review.records.push_back(error_record(doc.id, doc.loaded.error->code, doc.loaded.error->message));
        } else {
            const auto normalised = text::normalise(doc.loaded.text);
            review.records = match::extract(*compiled, doc.id, normalised);
            review.text = std::move(doc.loaded.text);
        }
        records += review.records.size();
        documents.push_back(std::move(review));
        progress.advance(input_bytes(input));
    }
    progress.finish();

    output::ReviewOptions page;
    page.title = o.title;
    const std::string html = output::review_html(documents, page);
    std::ostream& out = to_stdout ? std::cout : file;
    out << html;
    out.flush();
    if (!out) {
        std::cerr << "metrex: error: cannot write '" << (to_stdout ? "standard output" : o.output) << "'\n";
        return kExitFailed;
    }
    if (!to_stdout)
        std::cerr << "metrex: wrote " << o.output << " (" << documents.size()
                  << (documents.size() == 1 ? " document, " : " documents, ") << records
                  << " records); open it in a browser\n";
    return kExitOk;
}

}  // namespace

void add_review(CLI::App& app) {
    auto o = std::make_shared<ReviewOptions>();
    auto* cmd = app.add_subcommand("review", "Write an HTML page showing each report with its records highlighted");
    cmd->footer(R"help(Extracts the reports and writes ONE self-contained HTML file (no network: styles
and script are inside it) for reading the results against the text:
  - each report's original text, line breaks kept, with every record highlighted in
    its type's colour: indicator (blue), unclaimed metric (grey, dashed), program
    (green), document (orange), field (purple); planned figures in italics;
    nested and crossing records (a document title holding a program) both show;
  - hover a highlight for a summary, click it for all of the record's fields in the
    side panel (every record under the pointer);
  - the legend's boxes hide a type; the indicator list dims every other highlight,
    and the arrows (or keys n / p) step through its matches;
  - the address keeps the view: review.html#indicator=reconsideration.received.
Records that have no place in the text (e.g. unreadable documents) are listed above it.

Examples:
  metrex review samples/kunshan-2021.txt -o review.html
  metrex review samples/ -o samples.html --title "samples, rules of $(date +%F)"
  metrex review --rules my-rules/ report.pdf -o - > report.html

Exit: 0 ok; 1 writing failed; 2 rule errors, bad usage, or the output cannot be opened.)help");
    cmd->add_option("INPUT", o->inputs, "Report files or directories; '-' reads standard input")->required();
    cmd->add_option("-o,--output", o->output, "HTML file to write ('-': standard output)")->required();
    cmd->add_option("-r,--rules", o->rules, "Rule file or directory (repeatable; default: the bundled rules/)")
        ->allow_extra_args(false);  // one path per --rules: what follows is an INPUT
    cmd->add_option("--title", o->title, "Page title")->capture_default_str();
    cmd->add_option("--encoding", o->encoding, "Input encoding (e.g. GB18030); default: detect");
    add_progress_options(cmd, o->progress);
    cmd->callback([o] { throw CLI::RuntimeError(run_review(*o)); });
}

}  // namespace metrex::cli
