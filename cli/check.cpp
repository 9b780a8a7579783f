// Tested by tests/cli_tests.cmake (end-to-end runs of the binary)
#include "cli/common.hpp"

#include "engine/check/check.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>

namespace metrex::cli {

namespace {

namespace fs = std::filesystem;

struct CheckOptions {
    std::vector<std::string> rules;
    std::string samples;
    std::optional<double> min_f1;
    std::string junit;
    std::string baseline;
    bool update_baseline = false;
    bool quiet = false;
};

// samples/<name>.expected.yaml -> the sample file beside it (document: names it).
std::vector<std::pair<std::string, check::Expectation>> find_samples(const std::string& dir, Diagnostics& diags) {
    std::vector<std::pair<std::string, check::Expectation>> out;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        if (name.size() > 14 && name.compare(name.size() - 14, 14, ".expected.yaml") == 0) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
        auto expectation = check::load_expectation(f.string(), diags);
        std::string document = expectation.document;
        if (document.empty()) {
            const std::string stem = f.filename().string().substr(0, f.filename().string().size() - 14);
            for (const char* ext : {".txt", ".html", ".htm", ".pdf"})
                if (fs::exists(fs::path(dir) / (stem + ext))) document = stem + ext;
        }
        if (document.empty()) {
            diags.error({f.string(), 1, 1}, "expected.no-document", "no 'document:' and no sample file beside it");
            continue;
        }
        out.emplace_back((fs::path(dir) / document).string(), std::move(expectation));
    }
    return out;
}

int run_check(const CheckOptions& o) {
    auto compiled = load_compiled_rules(rule_paths(o.rules));
    if (!compiled) return kExitBadRules;
    std::string dir = o.samples;
    if (dir.empty()) dir = fs::exists("samples") ? "samples" : METREX_DEFAULT_SAMPLES_DIR;
    if (!fs::is_directory(dir)) {
        std::cerr << "metrex: error: samples directory '" << dir << "' not found\n";
        return kExitBadRules;
    }
    Diagnostics diags;
    const auto samples = find_samples(dir, diags);
    if (samples.empty() && diags.error_count() == 0) {
        std::cerr << "metrex: error: no <name>.expected.yaml files in '" << dir
                  << "' (docs/expected-records.md says how to write one)\n";
        return kExitBadRules;
    }
    if (!diags.empty()) {
        SourceLines sources;
        std::cerr << render_all(diags, sources);
        if (diags.error_count() > 0) return kExitBadRules;
    }

    std::vector<check::SampleReport> reports;
    std::map<std::string, check::Score> total;
    bool failed = false;
    for (const auto& [path, expectation] : samples) {
        reports.push_back(check::check_sample(*compiled, path, expectation));
        const auto& r = reports.back();
        if (r.error) failed = true;
        for (const auto& [type, s] : r.scores) total[type] += s;
        std::cout << check::render(r, !o.quiet);
        if (r.min_f1 && r.scores.at("indicator").f1() + 1e-9 < *r.min_f1) {
            std::cout << "  FAIL: indicator F1 below this sample's min_f1 " << *r.min_f1 << '\n';
            failed = true;
        }
    }

    // Which rules produce the extras: the first place to look when precision drops.
    std::map<std::string, std::size_t> extras_by_rule;
    for (const auto& r : reports)
        for (const auto& x : r.extras) ++extras_by_rule[x.rule];
    if (!extras_by_rule.empty()) {
        std::cout << "== extras by rule\n";
        for (const auto& [rule, n] : extras_by_rule) std::cout << "  " << n << "  " << rule << '\n';
    }

    std::cout << "== total (" << reports.size() << " samples)\n";
    std::cout << check::render_scores(total);
    if (o.min_f1 && total["indicator"].f1() + 1e-9 < *o.min_f1) {
        std::cout << "FAIL: total indicator F1 " << total["indicator"].f1() << " < --min-f1 " << *o.min_f1 << '\n';
        failed = true;
    }

    // Regressions against the committed baseline (per sample and record type).
    const std::string baseline = o.baseline.empty() ? (fs::path(dir) / "baseline.json").string() : o.baseline;
    nlohmann::json current;
    for (const auto& r : reports)
        for (const auto& [type, s] : r.scores)
            if (s.expected || s.found)
                current[r.name][type] = {{"f1", std::round(s.f1() * 1e4) / 1e4}, {"matched", s.matched},
                                         {"expected", s.expected}, {"found", s.found}};
    if (o.update_baseline) {
        std::ofstream(baseline) << current.dump(2) << '\n';
        std::cout << "baseline written to " << baseline << '\n';
    } else if (std::ifstream in{baseline}) {
        nlohmann::json base;
        try {
            in >> base;
        } catch (const std::exception& e) {
            std::cerr << "metrex: error: " << baseline << " is not valid JSON: " << e.what() << '\n';
            return kExitBadRules;
        }
        for (const auto& [sample, types] : base.items())
            for (const auto& [type, was] : types.items()) {
                const double before = was.value("f1", 0.0);
                const double now = current.contains(sample) && current[sample].contains(type)
                                       ? current[sample][type].value("f1", 0.0)
                                       : 0.0;
                if (now + 1e-4 < before) {
                    std::cout << "REGRESSION: " << sample << ' ' << type << " F1 " << now << " < baseline " << before
                              << '\n';
                    failed = true;
                }
            }
    } else {
        std::cout << "(no baseline at " << baseline << "; run with --update-baseline to record one)\n";
    }

    if (!o.junit.empty()) std::ofstream(o.junit) << check::junit_xml(reports);
    return failed ? kExitFailed : kExitOk;
}

}  // namespace

void add_check(CLI::App& app) {
    auto o = std::make_shared<CheckOptions>();
    auto* cmd = app.add_subcommand("check", "Score extraction against the samples' expected records");
    cmd->footer(R"(For each samples/<name>.expected.yaml (format: docs/expected-records.md), extracts
the sample and prints precision / recall / F1 per record type, every miss (expected,
not found) with its line in the expected file, every extra (found, not expected) with
its sentence, and fields that differ on matched records. Then the rules that produced
extras, and the totals. Generic `metric` records are not scored.

Fails (exit 1) when the total indicator F1 is below --min-f1, a sample is below its own
`min_f1:`, or any sample/type F1 drops below samples/baseline.json.

Examples:
  metrex check
  metrex check --min-f1 0.95 --junit check.xml
  metrex check --update-baseline     # after a deliberate improvement)");
    cmd->add_option("samples", o->samples, "Samples directory (default: samples/)");
    cmd->add_option("-r,--rules", o->rules, "Rule file or directory (repeatable; default: the bundled rules/)")
        ->allow_extra_args(false);  // one path per --rules: what follows is an INPUT
    cmd->add_option("--min-f1", o->min_f1, "Fail when the total indicator F1 is below this");
    cmd->add_option("--junit", o->junit, "Also write JUnit XML here");
    cmd->add_option("--baseline", o->baseline, "Baseline file (default: SAMPLES/baseline.json)");
    cmd->add_flag("--update-baseline", o->update_baseline, "Record the current scores as the baseline");
    cmd->add_flag("-q,--quiet", o->quiet, "Scores only, no miss/extra listing");
    cmd->callback([o] { throw CLI::RuntimeError(run_check(*o)); });
}

}  // namespace metrex::cli
