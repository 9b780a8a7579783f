// Tested by tests/cli_tests.cmake (end-to-end runs of the binary)
//
// metrex: extracts typed records (indicators, programs, documents, fields) from Chinese
// rule-of-law government reports, driven by YAML rule files.
#include "cli/common.hpp"

#include <iostream>

int main(int argc, char** argv) {
    CLI::App app{"metrex: rule-based metric extraction for 法治政府建设 reports", "metrex"};
    app.footer(R"(Commands:
  extract   read reports, write records (JSON Lines, CSV or a SQLite store)
  test      run every rule's examples as tests
  explain   show a rule's regex and why it did or did not match
  check     score extraction against samples/ (P/R/F1, misses, extras)
  panel     an indicator as a region x year table, from a SQLite store

Exit codes: 0 ok; 1 tests/checks failed; 2 rule errors or bad usage.
Rules: --rules PATH, else $METREX_RULES, else the bundled rules/ directory.
Run `metrex COMMAND --help` for a worked example of each command.)");
    app.require_subcommand(1);
    metrex::cli::add_extract(app);
    metrex::cli::add_test(app);
    metrex::cli::add_explain(app);
    metrex::cli::add_check(app);
    metrex::cli::add_panel(app);
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
