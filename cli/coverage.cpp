// Tested by tests/cli_core.cmake (coverage_* tests: text, CSV and JSON Lines on samples/)
//
// metrex coverage: the figures no catalogue rule claimed (generic `metric` records),
// grouped by their automatic label and counted across the corpus: the to-do list for
// the next rules.
#include "cli/common.hpp"

#include "engine/output/output.hpp"

#include "engine/match/match.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <map>
#include <set>

namespace metrex::cli {

namespace {

struct CoverageOptions {
    std::vector<std::string> rules;
    std::vector<std::string> inputs;
    std::string format = "text";
    std::size_t top = 0;       // 0: every label
    std::size_t examples = 3;  // text: example lines per label
    std::size_t width = 60;    // text: code points of sentence shown
    std::string encoding;
    ProgressMode progress = ProgressMode::automatic;
};

struct Group {
    std::string label;
    std::vector<Record> records;  // in corpus order
    std::set<std::string> documents;
    std::vector<std::string> units;  // distinct, in order of appearance
};

constexpr const char* kNoLabel = "(no label)";

// Code point boundaries of a (well-formed) UTF-8 string.
std::vector<std::size_t> boundaries(const std::string& s) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < s.size(); ++i)
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) out.push_back(i);
    out.push_back(s.size());
    return out;
}

// The sentence cut to about `width` code points around the record's text, with "…"
// where something was cut. The text is looked up in the sentence (both are original).
std::string cut_sentence(const Record& r, std::size_t width) {
    std::string sentence = r.sentence;
    for (char& c : sentence)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    const auto b = boundaries(sentence);
    const std::size_t length = b.size() - 1;
    if (length <= width) return sentence;
    const std::size_t at_byte = sentence.find(r.text);
    std::size_t at = 0;  // code point index of the match
    if (at_byte != std::string::npos)
        at = static_cast<std::size_t>(std::lower_bound(b.begin(), b.end(), at_byte) - b.begin());
    // Keep a third of the window before the match.
    std::size_t from = at > width / 3 ? at - width / 3 : 0;
    if (from + width > length) from = length - width;
    const std::size_t to = from + width;
    std::string out = from > 0 ? "…" : "";
    out += sentence.substr(b[from], b[to] - b[from]);
    if (to < length) out += "…";
    return out;
}


nlohmann::ordered_json occurrence_json(const Record& r) {
    nlohmann::ordered_json j;
    j["doc"] = r.doc;
    j["start"] = r.start;
    j["end"] = r.end;
    j["text"] = r.text;
    j["raw"] = r.raw;
    if (r.value) {
        // As in records: 169, not 169.0.
        const double v = *r.value;
        if (std::floor(v) == v && std::fabs(v) < 1e15) j["value"] = static_cast<long long>(v);
        else j["value"] = v;
    }
    j["unit"] = r.unit;
    j["qualifier"] = r.qualifier;
    j["planned"] = r.planned;
    j["sentence"] = r.sentence;
    j["section"] = r.section;
    return j;
}

int run_coverage(const CoverageOptions& o) {
    auto compiled = load_compiled_rules(rule_paths(o.rules));
    if (!compiled) return kExitBadRules;

    text::LoadOptions load_options;
    load_options.encoding = o.encoding;
    std::map<std::string, Group> groups;
    std::size_t documents = 0, unreadable = 0, claimed = 0, unclaimed = 0;
    const auto inputs = gather_inputs(o.inputs);
    Progress progress(o.progress, inputs.size());
    for (const auto& input : inputs) {
        const auto doc = load_input(input, load_options);
        progress.advance(input_bytes(input));
        ++documents;
        if (doc.loaded.error) {
            ++unreadable;
            std::cerr << "metrex: warning: cannot read '" << doc.id << "': " << doc.loaded.error->message
                      << " (skipped)\n";
            continue;
        }
        const auto normalised = text::normalise(doc.loaded.text);
        for (auto& r : match::extract(*compiled, doc.id, normalised)) {
            if (r.type != "indicator") continue;
            if (r.indicator != "metric") {
                ++claimed;
                continue;
            }
            ++unclaimed;
            const std::string label = r.label.empty() ? kNoLabel : r.label;
            auto& g = groups[label];
            g.label = label;
            g.documents.insert(r.doc);
            if (std::find(g.units.begin(), g.units.end(), r.unit) == g.units.end()) g.units.push_back(r.unit);
            g.records.push_back(std::move(r));
        }
    }
    progress.finish();

    std::vector<const Group*> order;
    for (const auto& [label, g] : groups) order.push_back(&g);
    // Most frequent first; ties by label (code point order) so the output is stable.
    std::stable_sort(order.begin(), order.end(),
                     [](const Group* a, const Group* b) { return a->records.size() > b->records.size(); });
    const std::size_t shown = o.top ? std::min(o.top, order.size()) : order.size();

    if (o.format == "csv") {
        std::cout << "label,count,documents,doc,start,end,raw,value,unit,qualifier,planned,sentence\r\n";
        for (std::size_t k = 0; k < shown; ++k) {
            const Group& g = *order[k];
            for (const auto& r : g.records)
                std::cout << output::csv_quote(g.label) << ',' << g.records.size() << ',' << g.documents.size() << ','
                          << output::csv_quote(r.doc) << ',' << r.start << ',' << r.end << ',' << output::csv_quote(r.raw) << ','
                          << (r.value ? format_number(*r.value) : "") << ',' << output::csv_quote(r.unit) << ','
                          << r.qualifier << ',' << (r.planned ? "true" : "false") << ',' << output::csv_quote(r.sentence)
                          << "\r\n";
        }
        return kExitOk;
    }
    if (o.format == "jsonl") {
        for (std::size_t k = 0; k < shown; ++k) {
            const Group& g = *order[k];
            nlohmann::ordered_json j;
            j["label"] = g.label;
            j["count"] = g.records.size();
            j["documents"] = g.documents.size();
            j["units"] = g.units;
            j["occurrences"] = nlohmann::ordered_json::array();
            for (const auto& r : g.records) j["occurrences"].push_back(occurrence_json(r));
            std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
        }
        return kExitOk;
    }

    const std::size_t figures = claimed + unclaimed;
    std::cout << documents << (documents == 1 ? " document" : " documents");
    if (unreadable) std::cout << " (" << unreadable << " unreadable)";
    std::cout << ": " << figures << " figures, " << claimed << " claimed by catalogue rules, " << unclaimed
              << " unclaimed";
    if (figures) std::cout << " (" << (unclaimed * 100 + figures / 2) / figures << "%)";
    std::cout << " under " << groups.size() << (groups.size() == 1 ? " label" : " labels");
    if (shown < order.size()) std::cout << "; the " << (shown == 1 ? "" : std::to_string(shown) + " ") << "most frequent:";
    std::cout << '\n';
    for (std::size_t k = 0; k < shown; ++k) {
        const Group& g = *order[k];
        std::string units;
        for (const auto& u : g.units) units += (units.empty() ? "" : " ") + u;
        std::cout << '\n'
                  << g.records.size() << " × " << g.label << "  (" << units << "; " << g.documents.size()
                  << (g.documents.size() == 1 ? " document)" : " documents)") << '\n';
        const std::size_t n = std::min(o.examples, g.records.size());
        for (std::size_t i = 0; i < n; ++i) {
            const auto& r = g.records[i];
            std::cout << "    " << r.doc << ": " << r.raw << " — " << cut_sentence(r, o.width) << '\n';
        }
        if (g.records.size() > n) std::cout << "    … " << g.records.size() - n << " more\n";
    }
    return kExitOk;
}

}  // namespace

void add_coverage(CLI::App& app) {
    auto o = std::make_shared<CoverageOptions>();
    auto* cmd = app.add_subcommand("coverage", "List the figures no catalogue rule claimed, by label");
    cmd->footer(R"help(Extracts the reports and keeps the quantities (a number with a measure word, a
percent, an amount of money) that no specific rule claimed: the generic `metric`
records. They are grouped by their automatic label (the words before the figure),
counted across all the reports, most frequent first, each with example sentences:
the to-do list for the next rules.

Text output: a summary line, then per label "N × label  (units; documents)" and up to
--examples lines "doc: raw — sentence (cut around the figure)".
--format csv: one row per figure (label,count,documents,doc,start,end,raw,value,unit,
  qualifier,planned,sentence), groups in the same order.
--format jsonl: one line per label {"label","count","documents","units","occurrences"}.
--top N keeps the N most frequent labels in every format; --examples only affects text.

Examples:
  $ echo '新建法治文化公园12个,开展矛盾排查4950次。新建法治文化公园3个。' | metrex coverage -
  1 document: 3 figures, 0 claimed by catalogue rules, 3 unclaimed (100%) under 2 labels

  2 × 法治文化公园  (个; 1 document)
      stdin: 12个 — 新建法治文化公园12个,开展矛盾排查4950次。
      stdin: 3个 — 新建法治文化公园3个。

  1 × 矛盾排查  (次; 1 document)
      stdin: 4950次 — 新建法治文化公园12个,开展矛盾排查4950次。
  $ metrex coverage --top 20 samples/            # the 20 most frequent labels
  $ metrex coverage --format csv samples/ > todo.csv
  $ metrex coverage --format jsonl --rules my-rules/ reports/ | head -1

Exit: 0 ok (unreadable reports are skipped with a warning); 2 rule errors or bad usage.)help");
    cmd->add_option("INPUT", o->inputs, "Report files or directories; '-' reads standard input")->required();
    cmd->add_option("-r,--rules", o->rules, "Rule file or directory (repeatable; default: the bundled rules/)")
        ->allow_extra_args(false);  // one path per --rules: what follows is an INPUT
    cmd->add_option("-f,--format", o->format, "Output format")
        ->check(CLI::IsMember({"text", "csv", "jsonl"}))
        ->capture_default_str();
    cmd->add_option("-n,--top", o->top, "Only the N most frequent labels (default: all)");
    cmd->add_option("--examples", o->examples, "Text: example lines per label")->capture_default_str();
    cmd->add_option("--width", o->width, "Text: characters of sentence shown per example")
        ->check(CLI::Range(10, 10000))
        ->capture_default_str();
    cmd->add_option("--encoding", o->encoding, "Input encoding (e.g. GB18030); default: detect");
    add_progress_options(cmd, o->progress);
    cmd->callback([o] { throw CLI::RuntimeError(run_coverage(*o)); });
}

}  // namespace metrex::cli
