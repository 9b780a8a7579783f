// Tested by tests/cli_core.cmake (rules_examples, wrong_example_fails, samples_check,
// check_fails_on_broken_rule)
#include "engine/check/check.hpp"
#include "engine/check/compare.hpp"

#include "engine/match/match.hpp"
#include "engine/records/records.hpp"
#include "engine/text/text.hpp"

#include <cmath>
#include <cstdlib>
#include <sstream>

namespace metrex::check {

namespace {

using rules::ExpectedRecord;
using rules::ExpectedValue;
using rules::RuleKind;

using detail::change_matches;
using detail::same_number;

std::string describe(const ExpectedRecord& record) {
    std::string out;
    for (const auto& [key, v] : record) {
        if (!out.empty()) out += ' ';
        out += key + '=';
        if (v.is_map) {
            out += '{';
            bool first = true;
            for (const auto& [k, s] : v.fields) {
                out += (first ? "" : ", ") + k + ": " + s;
                first = false;
            }
            out += '}';
        } else {
            out += v.scalar;
        }
    }
    return out;
}

// Compares the fields an example names with one record. A change rule's example names
// the fields of the change it attaches.
bool record_matches(const ExpectedRecord& expected, const Record& r, RuleKind kind) {
    if (kind == RuleKind::change) {
        std::map<std::string, std::string> fields;
        for (const auto& [key, v] : expected)
            if (key != "text") fields[key] = v.scalar;
        return change_matches(fields, r.change);
    }
    for (const auto& [key, v] : expected) {
        if (key == "change") {
            if (!change_matches(v.fields, r.change)) return false;
            continue;
        }
        const std::string& s = v.scalar;
        const std::string want = text::normalise_fragment(s);
        if (key == "value") {
            if (kind == RuleKind::field) {
                if (text::normalise_fragment(r.value_text) != want) return false;
            } else if (!r.value || !same_number(s, *r.value)) {
                return false;
            }
        } else if (key == "upper") {
            if (!r.upper || !same_number(s, *r.upper)) return false;
        } else if (key == "planned") {
            if ((s == "true") != r.planned) return false;
        } else {
            const std::string* actual = nullptr;
            if (key == "unit") actual = &r.unit;
            else if (key == "qualifier") actual = &r.qualifier;
            else if (key == "subject") actual = &r.subject;
            else if (key == "raw") actual = &r.raw;
            else if (key == "text") actual = &r.text;
            else if (key == "indicator") actual = &r.indicator;
            else if (key == "label") actual = &r.label;
            else if (key == "name") actual = &r.name;
            else if (key == "category") actual = &r.category;
            else if (key == "head") actual = &r.head;
            else if (key == "canonical") actual = &r.canonical;
            else if (key == "title") actual = &r.title;
            else if (key == "doc_type") actual = &r.doc_type;
            else if (key == "action") actual = &r.action;
            if (!actual || text::normalise_fragment(*actual) != want) return false;
        }
    }
    return true;
}

std::string summarize(const Record& r) {
    std::ostringstream out;
    if (r.type == "indicator") {
        out << "indicator=" << r.indicator << " value=" << (r.value ? format_number(*r.value) : "?")
            << " unit=" << r.unit << " qualifier=" << r.qualifier;
        if (!r.subject.empty()) out << " subject=" << r.subject;
        if (r.change) {
            out << " change={" << r.change->direction;
            if (r.change->value) out << ", " << format_number(*r.change->value) << r.change->unit;
            if (!r.change->basis.empty()) out << ", " << r.change->basis;
            if (r.change->from) out << ", from " << format_number(*r.change->from);
            out << '}';
        }
        if (r.planned) out << " planned=true";
    } else if (r.type == "program") {
        out << "name=" << r.name << " category=" << r.category << " head=" << r.head;
    } else if (r.type == "document") {
        out << "title=" << r.title << " doc_type=" << r.doc_type << " action=" << r.action;
    } else if (r.type == "field") {
        out << "name=" << r.name << " value=" << r.value_text;
    }
    out << "  [" << r.text << "]";
    return out.str();
}

// Records standing for what a match-only rule (exclusion, boilerplate, planned) matched.
std::vector<Record> match_records(const compile::CompiledRuleSet& rules, std::size_t index,
                                  const text::NormalisedText& doc) {
    std::vector<Record> out;
    for (const auto& m : rules.find_all(index, doc.normalised())) {
        Record r;
        const auto span = doc.to_original({m.whole.begin, m.whole.end});
        r.text = doc.original_slice(span);
        r.start = span.start;
        r.end = span.end;
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace

ExampleReport run_examples(const compile::CompiledRuleSet& rules) {
    ExampleReport report;
    for (std::size_t i = 0; i < rules.size(); ++i) {
        const rules::Rule& rule = rules.rule(i);
        if (rule.examples.empty()) {
            report.rules_without_examples.push_back(rule.id);
            continue;
        }
        bool fired = false;
        for (const auto& ex : rule.examples) {
            const auto doc = text::normalise(ex.text.value);
            std::vector<Record> produced;
            if (rule.kind == RuleKind::exclusion || rule.kind == RuleKind::boilerplate ||
                rule.kind == RuleKind::planned) {
                produced = match_records(rules, i, doc);
            } else {
                for (auto& r : match::extract(rules, "example", doc)) {
                    const bool mine = rule.kind == RuleKind::change ? r.change.has_value() : r.rule == rule.id;
                    if (mine) produced.push_back(std::move(r));
                }
            }
            fired = fired || !produced.empty();
            bool ok;
            if (ex.expect_none) {
                ok = produced.empty();
            } else if (ex.records.size() == 1) {
                // One expected record: some produced record must have these fields.
                ok = false;
                for (const auto& r : produced) ok = ok || record_matches(ex.records[0], r, rule.kind);
            } else {
                ok = produced.size() == ex.records.size();
                for (std::size_t k = 0; ok && k < produced.size(); ++k)
                    ok = record_matches(ex.records[k], produced[k], rule.kind);
            }
            if (ok) {
                ++report.passed;
                continue;
            }
            ++report.failed;
            ExampleFailure f;
            f.rule = rule.id;
            f.position = ex.position;
            f.text = ex.text.value;
            if (ex.expect_none) {
                f.expected = "none";
            } else {
                for (const auto& e : ex.records) f.expected += (f.expected.empty() ? "" : "\n") + describe(e);
            }
            for (const auto& r : produced) f.actual += (f.actual.empty() ? "" : "\n") + summarize(r);
            if (f.actual.empty()) f.actual = "(no record)";
            report.failures.push_back(std::move(f));
        }
        if (!fired) report.rules_never_fired.push_back(rule.id);
    }
    return report;
}

std::string render(const ExampleFailure& f) {
    auto indent = [](const std::string& label, const std::string& body) {
        std::string out;
        std::istringstream in(body);
        bool first = true;
        for (std::string line; std::getline(in, line);) {
            out += (first ? "  " + label : std::string(2 + label.size(), ' ')) + line + '\n';
            first = false;
        }
        return out;
    };
    std::string out = f.position.file + ':' + std::to_string(f.position.line) + ':' +
                      std::to_string(f.position.column) + ": example failed for rule '" + f.rule + "'\n";
    out += indent("text:     ", f.text);
    out += indent("expected: ", f.expected);
    out += indent("actual:   ", f.actual);
    return out;
}

}  // namespace metrex::check
