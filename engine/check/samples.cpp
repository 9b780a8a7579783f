// Tested by tests/cli_core.cmake (rules_examples, wrong_example_fails, samples_check,
// check_fails_on_broken_rule)
#include "engine/check/check.hpp"
#include "engine/check/compare.hpp"

#include "engine/match/match.hpp"
#include "engine/text/text.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <sstream>

namespace metrex::check {

const std::vector<std::string>& scored_types() {
    static const std::vector<std::string> types = {"indicator", "program", "document", "field"};
    return types;
}

namespace {

const std::map<std::string, std::string> kSectionType = {
    {"indicators", "indicator"}, {"programs", "program"}, {"documents", "document"}, {"fields", "field"}};

using detail::same_number;

std::string get(const std::map<std::string, std::string>& m, const std::string& key) {
    auto it = m.find(key);
    return it == m.end() ? std::string() : it->second;
}

std::string norm(const std::string& s) { return text::normalise_fragment(s); }

// The primary identity of an expected entry or a record, for listing.
std::string describe(const ExpectedEntry& e) {
    const auto& f = e.fields;
    if (e.type == "indicator") {
        std::string out = get(f, "indicator") + " = " + get(f, "value") + get(f, "unit");
        if (!get(f, "subject").empty()) out += " (" + get(f, "subject") + ")";
        if (!get(f, "text").empty()) out += "  \"" + get(f, "text") + "\"";
        return out;
    }
    if (e.type == "program") return get(f, "name") + " [" + get(f, "category") + ", " + get(f, "head") + "]";
    if (e.type == "document") return "《" + get(f, "title") + "》 [" + get(f, "doc_type") + ", " + get(f, "action") + "]";
    return get(f, "name") + " = " + get(f, "value");
}

std::string describe(const Record& r) {
    if (r.type == "indicator")
        return r.indicator + " = " + (r.value ? format_number(*r.value) : "?") + r.unit + "  (rule " + r.rule + ")";
    if (r.type == "program") return r.name + " [" + r.category + ", " + r.head + "]  (rule " + r.rule + ")";
    if (r.type == "document") return "《" + r.title + "》 [" + r.doc_type + ", " + r.action + "]  (rule " + r.rule + ")";
    return r.name + " = " + r.value_text + "  (rule " + r.rule + ")";
}

// Code point offsets of every occurrence of `needle` in `haystack`.
std::vector<std::pair<std::size_t, std::size_t>> occurrences(const std::string& haystack, const std::string& needle) {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    if (needle.empty()) return out;
    auto cps = [](const std::string& s, std::size_t bytes) {
        std::size_t n = 0;
        for (std::size_t i = 0; i < bytes; ++i) n += (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
        return n;
    };
    const std::size_t needle_cps = cps(needle, needle.size());
    for (std::size_t pos = haystack.find(needle); pos != std::string::npos; pos = haystack.find(needle, pos + 1)) {
        const std::size_t start = cps(haystack, pos);
        out.emplace_back(start, start + needle_cps);
    }
    return out;
}

bool identity_matches(const ExpectedEntry& e, const Record& r) {
    const auto& f = e.fields;
    if (e.type != r.type) return false;
    if (e.type == "indicator")
        return get(f, "indicator") == r.indicator && r.value && same_number(get(f, "value"), *r.value) &&
               norm(get(f, "unit")) == norm(r.unit);
    if (e.type == "program")
        return norm(get(f, "name")) == norm(r.name) && get(f, "category") == r.category;
    if (e.type == "document") return norm(get(f, "title")) == norm(r.title);
    return get(f, "name") == r.name && norm(get(f, "value")) == norm(r.value_text);
}

// Secondary fields that are reported, not scored.
std::string secondary_mismatch(const ExpectedEntry& e, const Record& r) {
    const auto& f = e.fields;
    std::string out;
    auto note = [&](const std::string& key, const std::string& want, const std::string& got) {
        if (!want.empty() && norm(want) != norm(got)) out += " " + key + ": expected " + want + ", got " + (got.empty() ? "(none)" : got) + ";";
    };
    if (e.type == "indicator") {
        note("qualifier", get(f, "qualifier").empty() ? "exact" : get(f, "qualifier"), r.qualifier);
        note("subject", get(f, "subject"), r.subject);
        const std::string planned = get(f, "planned").empty() ? "false" : get(f, "planned");
        note("planned", planned, r.planned ? "true" : "false");
        if (!e.change.empty()) {
            if (!detail::change_matches(e.change, r.change)) out += " change: expected one, got " + std::string(r.change ? "a different one" : "none") + ";";
        } else if (r.change) {
            out += " change: none expected, got " + r.change->direction + ";";
        }
    } else if (e.type == "program") {
        note("head", get(f, "head"), r.head);
    } else if (e.type == "document") {
        note("doc_type", get(f, "doc_type"), r.doc_type);
        note("action", get(f, "action"), r.action);
    }
    return out;
}

std::string xml_escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

}  // namespace

Expectation load_expectation(const std::string& path, Diagnostics& diagnostics) {
    Expectation out;
    out.file = path;
    YAML::Node root;
    try {
        root = YAML::LoadFile(path);
    } catch (const YAML::BadFile&) {
        diagnostics.error({path, 0, 0}, "expected.unreadable", "cannot read expected-records file");
        return out;
    } catch (const YAML::Exception& e) {
        diagnostics.error({path, e.mark.line + 1, e.mark.column + 1}, "expected.yaml", "invalid YAML: " + e.msg);
        return out;
    }
    auto at = [&](const YAML::Node& n) { return SourcePosition{path, n.Mark().line + 1, n.Mark().column + 1}; };
    if (!root.IsMap()) {
        diagnostics.error({path, 1, 1}, "expected.not-a-map", "an expected-records file is a mapping (document:, indicators: ...)");
        return out;
    }
    for (auto it = root.begin(); it != root.end(); ++it) {
        const std::string key = it->first.as<std::string>("");
        if (key == "document") {
            out.document = it->second.as<std::string>("");
        } else if (key == "min_f1") {
            out.min_f1 = it->second.as<double>(0);
        } else if (auto section = kSectionType.find(key); section != kSectionType.end()) {
            if (it->second.IsNull()) continue;
            if (!it->second.IsSequence()) {
                diagnostics.error(at(it->second), "expected.not-a-list", "'" + key + "' must be a list");
                continue;
            }
            for (const auto& item : it->second) {
                if (!item.IsMap()) {
                    diagnostics.error(at(item), "expected.bad-entry", "each entry is a mapping of fields");
                    continue;
                }
                ExpectedEntry e;
                e.type = section->second;
                e.line = item.Mark().line + 1;
                for (auto f = item.begin(); f != item.end(); ++f) {
                    const std::string name = f->first.as<std::string>("");
                    if (name == "change" && f->second.IsMap()) {
                        for (auto c = f->second.begin(); c != f->second.end(); ++c)
                            e.change[c->first.as<std::string>("")] = c->second.as<std::string>("");
                    } else if (f->second.IsScalar()) {
                        e.fields[name] = f->second.Scalar();
                    }
                }
                const char* required = e.type == "indicator" ? "indicator"
                                       : e.type == "program" ? "name"
                                       : e.type == "document" ? "title"
                                                              : "name";
                if (get(e.fields, required).empty()) {
                    diagnostics.error(at(item), "expected.missing-field", e.type + " entry needs '" + required + ":'");
                    continue;
                }
                if (e.type == "indicator" && get(e.fields, "value").empty()) {
                    diagnostics.error(at(item), "expected.missing-field", "indicator entry needs 'value:'");
                    continue;
                }
                out.entries.push_back(std::move(e));
            }
        } else {
            diagnostics.error(at(it->first), "expected.unknown-key", "unknown key '" + key + "'",
                              "keys: document, min_f1, fields, indicators, programs, documents");
        }
    }
    return out;
}

SampleReport check_sample(const compile::CompiledRuleSet& rules, const std::string& sample_path,
                          const Expectation& expectation) {
    SampleReport report;
    report.name = std::filesystem::path(sample_path).filename().string();
    report.expected_file = expectation.file;
    report.min_f1 = expectation.min_f1;
    const auto loaded = text::load_document(sample_path);
    if (loaded.error) {
        report.error = loaded.error->message;
        return report;
    }
    const auto doc = text::normalise(loaded.text);
    std::vector<Record> records;
    for (auto& r : match::extract(rules, report.name, doc))
        if (!(r.type == "indicator" && r.indicator == "metric")) records.push_back(std::move(r));

    for (const auto& type : scored_types()) report.scores[type];
    for (const auto& r : records)
        if (report.scores.count(r.type)) ++report.scores[r.type].found;
    for (const auto& e : expectation.entries) ++report.scores[e.type].expected;

    // Entries that pin a place come first, so a pinned value takes its own record.
    std::vector<std::size_t> order(expectation.entries.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return !get(expectation.entries[a].fields, "text").empty() && get(expectation.entries[b].fields, "text").empty();
    });
    // Programs and documents are scored as distinct names per document: the expected file
    // lists each once, while extraction yields a record at every mention. Repeat mentions
    // of a name that is already matched are neither matches nor extras.
    std::vector<bool> used(records.size(), false);
    auto identity = [](const Record& r) {
        return r.type + "\x1f" + norm(r.type == "program" ? r.name + "\x1f" + r.category + "\x1f" + r.head : r.title);
    };
    for (std::size_t i : order) {
        const auto& e = expectation.entries[i];
        const auto places = occurrences(loaded.text, get(e.fields, "text"));
        std::optional<std::size_t> best;
        for (std::size_t k = 0; k < records.size(); ++k) {
            if (used[k] || !identity_matches(e, records[k])) continue;
            if (!places.empty()) {
                const bool inside = std::any_of(places.begin(), places.end(), [&](const auto& p) {
                    return records[k].start < p.second && p.first < records[k].end;
                });
                if (!inside) continue;
            }
            best = k;
            break;
        }
        if (!best) {
            report.misses.emplace_back(e, describe(e));
            continue;
        }
        used[*best] = true;
        if (e.type == "program" || e.type == "document") {
            const std::string id = identity(records[*best]);
            for (std::size_t k = 0; k < records.size(); ++k)
                if (!used[k] && records[k].type == e.type && identity(records[k]) == id) {
                    used[k] = true;
                    --report.scores[e.type].found;  // a repeat mention is not a second finding
                }
        }
        ++report.scores[e.type].matched;
        const std::string mismatch = secondary_mismatch(e, records[*best]);
        if (!mismatch.empty())
            report.mismatches.push_back(expectation.file + ":" + std::to_string(e.line) + ": " + describe(e) + " —" + mismatch);
    }
    for (std::size_t k = 0; k < records.size(); ++k)
        if (!used[k] && report.scores.count(records[k].type)) report.extras.push_back(records[k]);
    return report;
}

std::string render_scores(const std::map<std::string, Score>& scores) {
    std::string out;
    char line[160];
    for (const auto& type : scored_types()) {
        const auto it = scores.find(type);
        if (it == scores.end()) continue;
        const Score& s = it->second;
        if (s.expected == 0 && s.found == 0) continue;
        std::snprintf(line, sizeof line, "  %-10s P %.3f  R %.3f  F1 %.3f  (expected %zu, found %zu, matched %zu)\n",
                      type.c_str(), s.precision(), s.recall(), s.f1(), s.expected, s.found, s.matched);
        out += line;
    }
    return out;
}

std::string render(const SampleReport& report, bool verbose) {
    std::ostringstream out;
    out << "== " << report.name << '\n';
    if (report.error) {
        out << "  cannot read: " << *report.error << '\n';
        return out.str();
    }
    out << render_scores(report.scores);
    if (!verbose) return out.str();
    for (const auto& [entry, text] : report.misses)
        out << "  miss   " << report.expected_file << ':' << entry.line << ": " << entry.type << ' ' << text << '\n';
    for (const auto& r : report.extras) {
        out << "  extra  " << r.type << ' ' << describe(r) << "\n         [" << r.text << "] in: "
            << quote_fragment(r.sentence, 60) << '\n';
    }
    for (const auto& m : report.mismatches) out << "  field  " << m << '\n';
    return out.str();
}

std::string junit_xml(const std::vector<SampleReport>& reports) {
    std::ostringstream out;
    std::size_t tests = 0, failures = 0;
    std::ostringstream suites;
    for (const auto& r : reports) {
        std::size_t expected = 0;
        for (const auto& [type, s] : r.scores) expected += s.expected;
        const std::size_t t = expected + r.extras.size() + (r.error ? 1 : 0);
        const std::size_t f = r.misses.size() + r.extras.size() + (r.error ? 1 : 0);
        tests += t;
        failures += f;
        suites << "  <testsuite name=\"" << xml_escape(r.name) << "\" tests=\"" << t << "\" failures=\"" << f << "\">\n";
        if (r.error)
            suites << "    <testcase name=\"read\" classname=\"" << xml_escape(r.name) << "\"><failure message=\""
                   << xml_escape(*r.error) << "\"/></testcase>\n";
        std::map<int, std::string> missed;
        for (const auto& [e, d] : r.misses) missed[e.line] = d;
        // Matched entries are the expected ones not missed; list both kinds by line.
        for (const auto& [line, d] : missed)
            suites << "    <testcase name=\"" << xml_escape(d) << "\" classname=\"" << xml_escape(r.name) << ".expected:" << line
                   << "\"><failure message=\"expected record not found\"/></testcase>\n";
        const std::size_t matched = expected - r.misses.size();
        if (matched > 0)
            suites << "    <testcase name=\"" << matched << " expected records found\" classname=\"" << xml_escape(r.name)
                   << "\"/>\n";
        for (const auto& x : r.extras)
            suites << "    <testcase name=\"extra " << xml_escape(describe(x)) << "\" classname=\"" << xml_escape(r.name)
                   << ".extras\"><failure message=\"record not expected\">" << xml_escape(x.sentence)
                   << "</failure></testcase>\n";
        suites << "  </testsuite>\n";
    }
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"metrex check\" tests=\"" << tests
        << "\" failures=\"" << failures << "\">\n"
        << suites.str() << "</testsuites>\n";
    return out.str();
}

}  // namespace metrex::check
