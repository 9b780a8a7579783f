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

#include <cstddef>
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

}  // namespace metrex::check
