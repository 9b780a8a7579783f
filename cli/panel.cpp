// Tested by tests/cli_tests.cmake (tests/cli/panel.cmake) and, for the table itself,
// tests/unit/output_test.cpp
#include "cli/common.hpp"

#include "engine/output/output.hpp"

#include <iostream>

namespace metrex::cli {

namespace {

struct PanelOptions {
    std::string db;
    std::vector<std::string> indicators;
    std::string format = "text";
};

int run_panel(const PanelOptions& o) {
    std::vector<output::Panel> panels;
    int status = kExitOk;
    try {
        for (const auto& indicator : o.indicators) {
            auto panel = output::read_panel(o.db, indicator);
            if (panel.records == 0) {
                std::cerr << "metrex: error: no records of indicator '" << indicator << "' in " << o.db
                          << "\n  hint: sqlite3 " << o.db << " 'SELECT DISTINCT indicator FROM records' lists them\n";
                status = kExitFailed;
                continue;
            }
            if (!panel.unplaced.empty()) {
                std::cerr << "metrex: note: " << indicator << ": " << panel.unplaced.size()
                          << " document(s) with values have no region or year and are not shown:";
                for (std::size_t i = 0; i < panel.unplaced.size() && i < 5; ++i) std::cerr << ' ' << panel.unplaced[i];
                std::cerr << (panel.unplaced.size() > 5 ? " …\n" : "\n");
            }
            panels.push_back(std::move(panel));
        }
    } catch (const output::StoreError& e) {
        std::cerr << "metrex: error: " << e.what() << "\n";
        return kExitBadRules;
    }
    if (!panels.empty()) std::cout << (o.format == "csv" ? output::panel_csv(panels) : output::panel_text(panels));
    return status;
}

}  // namespace

void add_panel(CLI::App& app) {
    auto o = std::make_shared<PanelOptions>();
    auto* cmd = app.add_subcommand("panel", "Print an indicator as a region x year table from a SQLite store");
    cmd->footer(R"(Reads a store written by `metrex extract --db FILE` and prints, for each
--indicator, a table with one row per region and one column per year (region and
year come from each document's `field` records).

A cell holds the distinct values of the indicator's records in that region's
reports for that year, in document and text order, joined by ';' ("169", or
"169;171" when reports state different figures: nothing is silently chosen).
Planned figures (targets, next-year plans) are left out; a range is "97~105";
an empty cell prints "-" (text) or nothing (csv). Documents without a region or
year are listed on stderr, not in the table.

Several --indicator: text prints one table per indicator, each under a title line
`ID label (unit)`; csv prints one table, header `indicator,region,<years...>` over
all the indicators' years, one row per indicator and region. Text columns align in
a terminal (Chinese characters count two columns).

Example (on the samples):
  $ metrex extract --db reports.db samples/
  $ metrex panel --db reports.db --indicator reconsideration.received
  reconsideration.received 行政复议申请收案数 (件)
  region  2021  2023
  南湖区     -   152
  昆山市   169     -
  $ metrex panel --db reports.db -i reconsideration.received \
        -i reconsideration.accepted --format csv > panel.csv

Exit: 0 ok; 1 an indicator has no records in the store; 2 the store cannot be read.)");
    cmd->add_option("--db", o->db, "SQLite store written by `metrex extract --db`")->required();
    cmd->add_option("-i,--indicator", o->indicators, "Indicator id (repeatable)")->required();
    cmd->add_option("-f,--format", o->format, "Output format")
        ->check(CLI::IsMember({"text", "csv"}))
        ->capture_default_str();
    cmd->callback([o] { throw CLI::RuntimeError(run_panel(*o)); });
}

}  // namespace metrex::cli
