// Tested by tests/cli_tests.cmake (end-to-end runs of the binary)
#include "cli/common.hpp"

#include "engine/match/match.hpp"
#include "engine/output/output.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <thread>
#include <iostream>

namespace metrex::cli {

namespace {

struct ExtractOptions {
    std::vector<std::string> rules;
    std::vector<std::string> inputs;
    std::string output;
    std::string db;
    std::string format;  // "" = infer (see resolve_format)
    std::string encoding;
    bool bom = false;
    bool strict = false;
    unsigned jobs = 0;  // 0: one per core
    ProgressMode progress = ProgressMode::automatic;
};

std::string lowercase_extension(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext;
}

// --format when given; else --db means sqlite, and -o's extension decides
// (.db .sqlite .sqlite3 -> sqlite, .csv -> csv); else JSON Lines. Sets `error` on
// contradictions.
std::string resolve_format(const ExtractOptions& o, std::string& error) {
    if (!o.db.empty()) {
        if (!o.format.empty() && o.format != "sqlite")
            error = "--db writes SQLite; for --format " + o.format + " use -o FILE";
        return "sqlite";
    }
    const bool to_file = !o.output.empty() && o.output != "-";
    if (!o.format.empty()) {
        if (o.format == "sqlite" && !to_file)
            error = "--format sqlite needs a database file: -o FILE or --db FILE";
        return o.format;
    }
    if (!to_file) return "jsonl";
    const std::string ext = lowercase_extension(o.output);
    if (ext == ".db" || ext == ".sqlite" || ext == ".sqlite3") return "sqlite";
    if (ext == ".csv") return "csv";
    return "jsonl";
}

// Extracts every input into `writer`; returns the number of documents that errored.
// `records` counts what was written.
// One document, read and extracted: what the writer needs, in order.
struct Processed {
    output::DocumentMeta meta;
    std::vector<Record> records;
    bool failed = false;
};

Processed process(const InputDocument& input, const text::LoadOptions& load_options,
                  const compile::CompiledRuleSet& compiled) {
    Processed out;
    const auto doc = load_input(input, load_options);
    out.meta.id = doc.id;
    out.meta.path = doc.path;
    out.meta.sha256 = doc.bytes_sha256;
    if (doc.loaded.error) {
        out.failed = true;
        out.meta.status = "error";
        out.meta.error = doc.loaded.error->code;
        out.records.push_back(error_record(doc.id, doc.loaded.error->code, doc.loaded.error->message));
        return out;
    }
    const auto normalised = text::normalise(doc.loaded.text);
    out.meta.status = "ok";
    out.meta.chars = normalised.original_length();
    out.records = match::extract(compiled, doc.id, normalised);
    return out;
}

// Documents are read and extracted by `jobs` threads (the compiled rule set is immutable
// and shared), a window of documents at a time, and written in input order: the output
// does not depend on the number of jobs.
std::size_t extract_all(const ExtractOptions& o, const compile::CompiledRuleSet& compiled,
                        output::RecordWriter& writer, std::size_t& documents, std::size_t& records) {
    text::LoadOptions load_options;
    load_options.encoding = o.encoding;
    std::size_t errors = 0;
    const auto inputs = gather_inputs(o.inputs);
    // Records streaming to the terminal would be torn by the progress line: keep quiet
    // unless asked.
    const bool records_to_terminal = (o.output.empty() || o.output == "-") && o.db.empty() && isatty(STDOUT_FILENO);
    Progress progress(o.progress == ProgressMode::automatic && records_to_terminal ? ProgressMode::off : o.progress,
                      inputs.size());
    unsigned jobs = o.jobs > 0 ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
    jobs = static_cast<unsigned>(std::min<std::size_t>(jobs, std::max<std::size_t>(1, inputs.size())));
    const std::size_t window = jobs == 1 ? 1 : std::size_t{jobs} * 8;
    for (std::size_t start = 0; start < inputs.size(); start += window) {
        const std::size_t end = std::min(inputs.size(), start + window);
        std::vector<Processed> done(end - start);
        if (jobs == 1) {
            done[0] = process(inputs[start], load_options, compiled);
        } else {
            std::atomic<std::size_t> next{start};
            std::vector<std::thread> pool;
            for (unsigned j = 0; j < jobs; ++j)
                pool.emplace_back([&] {
                    for (std::size_t i = next++; i < end; i = next++)
                        done[i - start] = process(inputs[i], load_options, compiled);
                });
            for (auto& t : pool) t.join();
        }
        for (std::size_t i = start; i < end; ++i) {
            Processed& p = done[i - start];
            ++documents;
            errors += p.failed;
            writer.begin_document(p.meta);
            for (const auto& record : p.records) writer.write(record);
            records += p.records.size();
            writer.end_document();
            progress.advance(input_bytes(inputs[i]));
        }
    }
    progress.finish();
    writer.finish();
    return errors;
}

// Documents that could not be read are error records in the output; say so on stderr
// too, so that nobody has to grep the records to notice.
int finish(const ExtractOptions& o, std::size_t errors, std::size_t documents) {
    if (errors > 0)
        std::cerr << "metrex: " << errors << " of " << documents
                  << " documents could not be read; their error records say why"
                  << (o.strict ? "" : " (--strict makes this exit 1)") << '\n';
    return (o.strict && errors > 0) ? kExitFailed : kExitOk;
}

int run_extract(const ExtractOptions& o) {
    std::string usage_error;
    const std::string format = resolve_format(o, usage_error);
    if (usage_error.empty() && o.bom && format != "csv") usage_error = "--bom applies to CSV output only";
    if (!usage_error.empty()) {
        std::cerr << "metrex: error: " << usage_error << "\n";
        return kExitBadRules;
    }

    auto compiled = load_compiled_rules(rule_paths(o.rules));
    if (!compiled) return kExitBadRules;

    std::size_t documents = 0, records = 0, errors = 0;
    if (format == "sqlite") {
        const std::string db = o.db.empty() ? o.output : o.db;
        std::unique_ptr<output::RecordWriter> writer;
        try {
            writer = output::sqlite_writer(db);
        } catch (const output::StoreError& e) {
            std::cerr << "metrex: error: " << e.what() << "\n";
            return kExitBadRules;
        }
        try {
            errors = extract_all(o, *compiled, *writer, documents, records);
            writer.reset();
            const auto held = output::store_counts(db);
            std::cerr << "metrex: stored " << documents << " documents (" << records << " records) in " << db
                      << "; it holds " << held.documents << " documents, " << held.records << " records\n";
        } catch (const output::StoreError& e) {
            // The writer's destructor rolls the batch back: the store is as it was.
            std::cerr << "metrex: error: " << e.what() << " (nothing of this run was stored)\n";
            return kExitFailed;
        }
        return finish(o, errors, documents);
    }

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
    auto writer = format == "csv" ? output::csv_writer(*out, {o.bom}) : output::jsonl_writer(*out);
    errors = extract_all(o, *compiled, *writer, documents, records);
    if (!*out) {
        std::cerr << "metrex: error: cannot write '" << (out == &file ? o.output : "standard output") << "'\n";
        return kExitFailed;
    }
    return finish(o, errors, documents);
}

}  // namespace

void add_extract(CLI::App& app) {
    auto o = std::make_shared<ExtractOptions>();
    auto* cmd = app.add_subcommand("extract", "Extract records from reports");
    cmd->footer(R"(Reads UTF-8/GB18030/UTF-16 text, HTML and PDF reports (files, or directories
searched for .txt .html .htm .pdf) and writes one record per fact found.
A document that cannot be read yields an `error` record; the batch goes on.

Output format: --format when given; else --db FILE writes SQLite; else -o decides by
its extension (.db .sqlite .sqlite3: SQLite; .csv: CSV; anything else: JSON Lines);
without -o, JSON Lines on standard output.
  JSON Lines  one record per line (docs/records.md)
  CSV         fixed columns, CRLF, RFC 4180 quoting; --bom for Excel
  SQLite      tables documents + records (docs/sqlite-schema.md). The run is one
              transaction: it is stored whole or not at all. A document already in
              the store (same id) is replaced, so re-running never duplicates rows.
              Prints what was stored and what the store now holds to stderr.

Examples:
  metrex extract samples/                      # JSON Lines on stdout
  metrex extract -o out.jsonl report.txt
  metrex extract --bom -o out.csv samples/     # CSV (from the extension), Excel-ready
  metrex extract --db reports.db samples/      # SQLite; run again to refresh
  metrex panel --db reports.db --indicator reconsideration.received
  metrex extract --rules my-rules/ report.html
  echo '{"id":"a","text":"收到行政复议申请169件"}' | metrex extract -

Progress: on a terminal, stderr shows documents done / total with docs/s and MB/s,
redrawn in place; nothing when stderr is a file or pipe, or when the records go to
that same terminal. --progress / --no-progress force it on or off.

Exit: 0 ok; 1 a document could not be read (--strict) or writing failed midway
(SQLite: nothing of the run is kept); 2 rule errors, bad usage, or the output
cannot be opened.)");
    cmd->add_option("INPUT", o->inputs, "Report files or directories; '-' reads standard input")
        ->required();
    cmd->add_option("-r,--rules", o->rules, "Rule file or directory (repeatable; default: the bundled rules/)")
        ->allow_extra_args(false);  // one path per --rules: what follows is an INPUT
    auto* output_option = cmd->add_option("-o,--output", o->output,
                                   "Write here instead of standard output (for sqlite: the database)");
    cmd->add_option("--db", o->db, "SQLite store to create or update (same as --format sqlite -o FILE)")
        ->excludes(output_option);
    cmd->add_option("-f,--format", o->format, "Output format (default: from --db / -o, else jsonl)")
        ->check(CLI::IsMember({"jsonl", "csv", "sqlite"}));
    cmd->add_flag("--bom", o->bom, "CSV: start with a UTF-8 byte order mark (for Excel)");
    cmd->add_option("--encoding", o->encoding, "Input encoding (e.g. GB18030, UTF-16LE); default: detect");
    cmd->add_flag("--strict", o->strict, "Exit 1 when any document could not be read");
    cmd->add_option("-j,--jobs", o->jobs, "Documents extracted in parallel (default: one per core); the output is the same for any number")->check(CLI::Range(0u, 256u));
    add_progress_options(cmd, o->progress);
    cmd->callback([o] { throw CLI::RuntimeError(run_extract(*o)); });
}

}  // namespace metrex::cli
