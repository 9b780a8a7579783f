// Tested by tests/cli_tests.cmake and tests/cli_core.cmake (end-to-end runs of the binary)
//
// metrex: extracts typed records (indicators, programs, documents, fields) from Chinese
// rule-of-law government reports, driven by YAML rule files.
#include "cli/common.hpp"

#include <cctype>
#include <iostream>

namespace {

// "metrex extract: error: INPUT is required" and where to look, for every usage error.
std::string usage_error(const CLI::App* app, const CLI::Error& e) {
    std::string command = "metrex";
    for (const CLI::App* sub : app->get_subcommands()) command += " " + sub->get_name();
    std::string message = e.what();
    if (command == "metrex" && e.get_name() == "RequiredError")
        message = "a command is required: extract, test, explain, check, panel, coverage or review";
    const std::string required = " is required";
    if (message.size() > required.size() &&
        message.compare(message.size() - required.size(), required.size(), required) == 0)
        message = "missing " + message.substr(0, message.size() - required.size());
    // CLI11 writes sentences ("The following argument ..."); ours are lowercase. Names in
    // capitals (INPUT) stay as they are.
    if (message.size() > 1 && std::isupper(static_cast<unsigned char>(message[0])) &&
        std::islower(static_cast<unsigned char>(message[1])))
        message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
    return command + ": error: " + message + "\nrun `" + command + " --help` for usage and an example\n";
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"metrex: rule-based metric extraction for 法治政府建设 reports", "metrex"};
    app.footer(R"(Commands:
  extract   read reports, write records (JSON Lines, CSV or a SQLite store)
  test      run every rule's examples as tests
  explain   show a rule's regex and why it did or did not match
  check     score extraction against samples/ (P/R/F1, misses, extras)
  panel     an indicator as a region x year table, from a SQLite store
  coverage  the figures no rule claimed, by label: the to-do list for new rules
  review    one HTML page showing each report with its records highlighted

Example:
  metrex extract samples/kunshan-2021.txt | head -3
  metrex review samples/kunshan-2021.txt -o review.html

Exit codes: 0 ok; 1 tests/checks failed; 2 rule errors or bad usage.
Rules: --rules PATH, else $METREX_RULES, else the bundled rules/ directory.
Run `metrex COMMAND --help` for a worked example of each command.)");
    app.require_subcommand(1);
    app.failure_message(usage_error);
    metrex::cli::add_extract(app);
    metrex::cli::add_test(app);
    metrex::cli::add_explain(app);
    metrex::cli::add_check(app);
    metrex::cli::add_panel(app);
    metrex::cli::add_coverage(app);
    metrex::cli::add_review(app);
    // A mistyped command would otherwise be reported as "a command is required".
    const auto known = app.get_subcommands([&](const CLI::App* sub) { return argc > 1 && sub->check_name(argv[1]); });
    if (argc > 1 && argv[1][0] != '-' && known.empty()) {
        std::cerr << "metrex: error: unknown command '" << argv[1]
                  << "'; commands: extract, test, explain, check, panel, coverage, review\n"
                     "run `metrex --help` for what each does\n";
        return metrex::cli::kExitBadRules;
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::RuntimeError& done) {
        return done.get_exit_code();  // subcommands report their exit code this way
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? 0 : metrex::cli::kExitBadRules;
    }
    return 0;
}
