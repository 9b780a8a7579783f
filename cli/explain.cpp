// Tested by tests/cli_tests.cmake (end-to-end runs of the binary)
#include "cli/common.hpp"

#include "engine/match/match.hpp"

#include <iostream>

namespace metrex::cli {

namespace {

struct ExplainOptions {
    std::vector<std::string> rules;
    std::string rule;
    bool regex = false;
    std::vector<std::string> inputs;
};

int run_explain(const ExplainOptions& o) {
    auto compiled = load_compiled_rules(rule_paths(o.rules));
    if (!compiled) return kExitBadRules;
    const auto index = compiled->find(o.rule);
    if (!index) {
        std::cerr << "metrex: error: no rule with id '" << o.rule << "'\n";
        return kExitBadRules;
    }
    const auto& rule = compiled->rule(*index);
    std::cout << "rule " << rule.id << "  (" << rules::to_string(rule.kind) << ", " << rule.file
              << ':' << rule.position.line << ")\n";
    std::cout << "match:  " << rule.match.value << '\n';
    std::cout << "ast:    " << compiled->ast_dump(*index) << '\n';
    std::cout << "regex:  " << compiled->pattern(*index) << '\n';
    if (o.regex || o.inputs.empty()) return kExitOk;

    text::LoadOptions load_options;
    for (const auto& input : gather_inputs(o.inputs)) {
        const auto doc = load_input(input, load_options);
        std::cout << "\n== " << doc.id << '\n';
        if (doc.loaded.error) {
            std::cout << "  cannot read: " << doc.loaded.error->message << '\n';
            continue;
        }
        const auto normalised = text::normalise(doc.loaded.text);
        const auto entries = match::trace(*compiled, o.rule, normalised);
        if (entries.empty()) std::cout << "  no sentence mentions this rule's context and nothing matched\n";
        for (const auto& e : entries) {
            std::cout << "  [" << match::to_string(e.outcome) << "] @" << e.start;
            if (!e.matched.empty()) std::cout << "  matched: " << e.matched;
            if (!e.value.empty()) std::cout << "  value: " << e.value;
            std::cout << '\n';
            if (!e.by_rule.empty()) std::cout << "      by rule: " << e.by_rule << '\n';
            if (!e.detail.empty()) std::cout << "      why: " << e.detail << '\n';
            std::cout << "      sentence: " << e.sentence << '\n';
        }
    }
    return kExitOk;
}

}  // namespace

void add_explain(CLI::App& app) {
    auto o = std::make_shared<ExplainOptions>();
    auto* cmd = app.add_subcommand("explain", "Show a rule's regex, and why it did or did not match");
    cmd->footer(R"(Prints the rule's expression, its canonical AST and the RE2 pattern it compiles to.
Given reports, it lists every place the rule matched and every sentence mentioning its
context that produced nothing, with the reason: context missing, not_context present,
excluded, no RE2 match, or lost to another rule (named, with priority or length).

Examples:
  metrex explain --rule reconsideration.received --regex
  metrex explain --rule reconsideration.received samples/kunshan-2021.txt)");
    cmd->add_option("--rule", o->rule, "Rule id")->required();
    cmd->add_flag("--regex", o->regex, "Print the rule, its AST and its RE2 pattern; trace no reports");
    cmd->add_option("INPUT", o->inputs, "Reports to trace the rule on");
    cmd->add_option("-r,--rules", o->rules, "Rule file or directory (repeatable; default: the bundled rules/)")
        ->allow_extra_args(false);  // one path per --rules: what follows is an INPUT
    cmd->callback([o] { throw CLI::RuntimeError(run_explain(*o)); });
}

}  // namespace metrex::cli
