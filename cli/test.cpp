// Tested by tests/cli_tests.cmake (end-to-end runs of the binary)
#include "cli/common.hpp"

#include "engine/check/check.hpp"

#include <iostream>

namespace metrex::cli {

namespace {

struct TestOptions {
    std::vector<std::string> rules;
    bool coverage = false;
    bool quiet = false;
};

int run_test(const TestOptions& o) {
    auto compiled = load_compiled_rules(rule_paths(o.rules));
    if (!compiled) return kExitBadRules;
    const auto report = check::run_examples(*compiled);
    for (const auto& f : report.failures) std::cout << check::render(f) << '\n';
    bool coverage_failed = false;
    if (o.coverage) {
        for (const auto& id : report.rules_without_examples) {
            std::cout << "coverage: rule '" << id << "' has no examples\n";
            coverage_failed = true;
        }
        for (const auto& id : report.rules_never_fired) {
            std::cout << "coverage: rule '" << id << "' never yields a record in its examples\n";
            coverage_failed = true;
        }
    } else if (!o.quiet && !report.rules_without_examples.empty()) {
        std::cout << report.rules_without_examples.size()
                  << " rule(s) have no examples (run with --coverage to list them)\n";
    }
    std::cout << report.passed << " passed, " << report.failed << " failed\n";
    return (report.failed > 0 || coverage_failed) ? kExitFailed : kExitOk;
}

}  // namespace

void add_test(CLI::App& app) {
    auto o = std::make_shared<TestOptions>();
    auto* cmd = app.add_subcommand("test", "Run every rule's examples as tests");
    cmd->footer(R"(Each rule's `examples:` are run through the whole engine (all rules compete, as
in a real report) and the records of that rule are compared with `expect:`.
Failures print the rule id, the example's file:line, the text, expected and actual.
The last line is "N passed, N failed"; the exit code is 1 when anything failed.

Examples:
  metrex test
  metrex test --rules rules --rules my-rules/   # the pack plus your own files
  metrex test --coverage        # also fail for rules with no examples or never firing)");
    cmd->add_option("-r,--rules", o->rules, "Rule file or directory (repeatable; default: the bundled rules/)")
        ->allow_extra_args(false);  // one path per --rules: what follows is an INPUT
    cmd->add_flag("--coverage", o->coverage,
                  "Fail for rules without examples and rules none of whose examples yields a record");
    cmd->add_flag("-q,--quiet", o->quiet, "Print failures and the summary line only");
    cmd->callback([o] { throw CLI::RuntimeError(run_test(*o)); });
}

}  // namespace metrex::cli
