// metrex check: the two validation loops CI runs.
//
// Contract
//   run_examples(rules): every `examples:` entry of every rule is a test. The example
//   text runs through the whole pipeline (normalise, segment, all rules, conflicts), and
//   the records *this rule* produced are compared with `expect:`:
//     expect: none            the rule yields nothing here
//     expect: 169             one record whose primary field (value / name / title /
//                             matched text) equals this
//     expect: {value: .., ..} one record with these fields
//     expect: [{..}, {..}]    exactly these records, in text order
//   Only the fields an example names are compared; numbers compare numerically.
//   Exclusion, boilerplate and planned rules compare the text they matched; change
//   rules compare the change attached to any record of the example.
//
//   check_samples(rules, dir): see docs/expected-records.md and docs/check.md.
//
// Thread safety: reentrant; reads the compiled rule set only.
#pragma once

#include "engine/compile/compile.hpp"
#include "engine/diagnostics/diagnostics.hpp"
#include "engine/records/records.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace metrex::check {

struct ExampleFailure {
    std::string rule;
    SourcePosition position;  // of the example
    std::string text;         // the example text
    std::string expected;     // one line per expected record
    std::string actual;       // one line per record the rule produced, or "(no record)"
};

struct ExampleReport {
    std::size_t passed = 0;
    std::size_t failed = 0;
    std::vector<ExampleFailure> failures;
    std::vector<std::string> rules_without_examples;
    std::vector<std::string> rules_never_fired;  // no example of theirs yields a record
};

ExampleReport run_examples(const compile::CompiledRuleSet& rules);

// "rules/x.yaml:14:9: example failed for rule 'id'" + indented text/expected/actual.
std::string render(const ExampleFailure& failure);

// ---- samples: extraction vs hand-read expected records (docs/expected-records.md) ----

// One expected record as read from the expected file: its type ("indicator", "program",
// "document", "field"), its fields as text, and its line in the file.
struct ExpectedEntry {
    std::string type;
    std::map<std::string, std::string> fields;        // indicator, value, unit, name ...
    std::map<std::string, std::string> change;        // when the entry gives one
    int line = 0;
};

struct Expectation {
    std::string file;      // the expected file
    std::string document;  // the sample's file name
    std::optional<double> min_f1;  // per-sample threshold for indicator F1
    std::vector<ExpectedEntry> entries;
};

// Reads samples/<name>.expected.yaml; problems go to `diagnostics` with file:line:col.
Expectation load_expectation(const std::string& path, Diagnostics& diagnostics);

struct Score {
    std::size_t expected = 0, found = 0, matched = 0;
    double precision() const { return found ? double(matched) / double(found) : (expected ? 0.0 : 1.0); }
    double recall() const { return expected ? double(matched) / double(expected) : 1.0; }
    double f1() const {
        const double p = precision(), r = recall();
        return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
    }
    Score& operator+=(const Score& o) {
        expected += o.expected;
        found += o.found;
        matched += o.matched;
        return *this;
    }
};

struct SampleReport {
    std::string name;        // file name of the sample
    std::string expected_file;
    std::map<std::string, Score> scores;  // by record type
    std::vector<std::pair<ExpectedEntry, std::string>> misses;  // entry + its description
    std::vector<Record> extras;                                  // found, not expected
    std::vector<std::string> mismatches;  // matched, but qualifier/subject/change/planned differ
    std::optional<double> min_f1;
    std::optional<std::string> error;     // the sample could not be read
};

// The record types `metrex check` scores, in report order.
const std::vector<std::string>& scored_types();

// Extracts the sample and compares it with its expectation. Generic `metric` records
// are not scored.
SampleReport check_sample(const compile::CompiledRuleSet& rules, const std::string& sample_path,
                          const Expectation& expectation);

// One line per scored type that has expected or found records:
// "  indicator  P 1.000  R 1.000  F1 1.000  (expected 108, found 108, matched 108)".
std::string render_scores(const std::map<std::string, Score>& scores);

// Human report of one sample (scores, misses, extras, mismatches).
std::string render(const SampleReport& report, bool verbose = true);

// JUnit XML for CI dashboards: one testsuite per sample, a failed testcase per missed
// expected record and per extra record, and one passing testcase counting the matches.
std::string junit_xml(const std::vector<SampleReport>& reports);

}  // namespace metrex::check
