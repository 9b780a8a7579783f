// Tested by tests/unit/output_test.cpp (panel from a store built in the test) and
// tests/cli/panel.cmake (metrex panel end to end)
//
// The region x year panel of an indicator, read from the store's `indicator_values`
// view, and its two renderings.
#include "engine/output/output.hpp"

#include "engine/output/sqlite_db.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <utility>

namespace metrex::output {

namespace {

using detail::Database;
using detail::Statement;

constexpr const char* kReading = "cannot read database";

std::string join(const std::vector<std::string>& parts, const char* separator) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? separator : "") + parts[i];
    return out;
}


std::string pad(const std::string& text, std::size_t width, bool right) {
    const std::size_t w = display_width(text);
    const std::string fill(w < width ? width - w : 0, ' ');
    return right ? fill + text : text + fill;
}

}  // namespace

std::size_t display_width(std::string_view utf8) {
    std::size_t width = 0;
    const auto* s = reinterpret_cast<const uint8_t*>(utf8.data());
    const auto length = static_cast<int32_t>(utf8.size());
    for (int32_t i = 0; i < length;) {
        UChar32 c;
        U8_NEXT(s, i, length, c);
        if (c < 0) {  // invalid UTF-8: one replacement character
            ++width;
            continue;
        }
        const auto category = static_cast<UCharCategory>(u_charType(c));
        if (category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK || category == U_FORMAT_CHAR ||
            category == U_CONTROL_CHAR || (c >= 0x1160 && c <= 0x11FF))  // Hangul medial vowels join
            continue;
        const auto ea = static_cast<UEastAsianWidth>(u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH));
        width += (ea == U_EA_WIDE || ea == U_EA_FULLWIDTH) ? 2 : 1;
    }
    return width;
}

Panel read_panel(const std::string& db_path, const std::string& indicator) {
    Database db(db_path, Database::Mode::read_only);
    db.ensure_schema(false);
    Panel panel;
    panel.indicator = indicator;
    {
        Statement s(db,
                    "SELECT count(*), coalesce(sum(planned), 0) FROM records"
                    " WHERE type = 'indicator' AND indicator = ?",
                    kReading);
        s.bind_text(1, indicator);
        if (s.step()) {
            panel.records = static_cast<std::size_t>(s.integer(0));
            panel.planned = static_cast<std::size_t>(s.integer(1));
        }
    }
    // Document order, then text order (records are inserted in text order).
    Statement s(db,
                "SELECT region, year, value, upper, unit, label, doc FROM indicator_values"
                " WHERE indicator = ? AND planned = 0 AND value IS NOT NULL ORDER BY doc, record",
                kReading);
    s.bind_text(1, indicator);
    std::map<std::pair<std::string, long long>, std::vector<std::string>> cells;
    std::set<std::string> regions, unplaced;
    std::set<long long> years;
    bool first = true;
    while (s.step()) {
        if (first) panel.label = s.text(5);
        first = false;
        const std::string unit = s.text(4);
        if (!unit.empty() && std::find(panel.units.begin(), panel.units.end(), unit) == panel.units.end())
            panel.units.push_back(unit);
        if (s.is_null(0) || s.is_null(1) || s.text(0).empty()) {
            unplaced.insert(s.text(6));
            continue;
        }
        std::string value = format_number(s.real(2));
        if (!s.is_null(3)) value += "~" + format_number(s.real(3));
        const auto key = std::make_pair(s.text(0), s.integer(1));
        auto& cell = cells[key];
        if (std::find(cell.begin(), cell.end(), value) == cell.end()) cell.push_back(value);
        regions.insert(key.first);
        years.insert(key.second);
    }
    panel.regions.assign(regions.begin(), regions.end());  // std::string order: code point order
    panel.years.assign(years.begin(), years.end());
    panel.unplaced.assign(unplaced.begin(), unplaced.end());
    panel.cells.assign(panel.regions.size(), std::vector<std::vector<std::string>>(panel.years.size()));
    for (std::size_t r = 0; r < panel.regions.size(); ++r)
        for (std::size_t y = 0; y < panel.years.size(); ++y) {
            const auto it = cells.find({panel.regions[r], panel.years[y]});
            if (it != cells.end()) panel.cells[r][y] = it->second;
        }
    return panel;
}

std::string panel_text(const std::vector<Panel>& panels) {
    std::ostringstream out;
    for (std::size_t p = 0; p < panels.size(); ++p) {
        const Panel& panel = panels[p];
        if (p) out << '\n';
        out << panel.indicator;
        if (!panel.label.empty()) out << ' ' << panel.label;
        if (!panel.units.empty()) out << " (" << join(panel.units, ", ") << ')';
        out << '\n';
        if (panel.regions.empty()) {
            out << "(no values with a region and year)\n";
            continue;
        }
        // table[row][column] as text; row 0 is the header.
        std::vector<std::vector<std::string>> table;
        table.emplace_back(1, "region");
        for (long long year : panel.years) table[0].push_back(std::to_string(year));
        for (std::size_t r = 0; r < panel.regions.size(); ++r) {
            table.emplace_back(1, panel.regions[r]);
            for (const auto& values : panel.cells[r]) table.back().push_back(values.empty() ? "-" : join(values, ";"));
        }
        std::vector<std::size_t> widths(table[0].size(), 0);
        for (const auto& row : table)
            for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], display_width(row[c]));
        for (const auto& row : table) {
            for (std::size_t c = 0; c < row.size(); ++c)
                out << (c ? "  " : "") << pad(row[c], widths[c], /*right=*/c > 0);
            out << '\n';
        }
    }
    return out.str();
}

std::string panel_csv(const std::vector<Panel>& panels) {
    std::set<long long> all_years;
    for (const auto& panel : panels) all_years.insert(panel.years.begin(), panel.years.end());
    std::ostringstream out;
    out << "indicator,region";
    for (long long year : all_years) out << ',' << year;
    out << "\r\n";
    for (const auto& panel : panels) {
        for (std::size_t r = 0; r < panel.regions.size(); ++r) {
            out << csv_quote(panel.indicator) << ',' << csv_quote(panel.regions[r]);
            for (long long year : all_years) {
                const auto it = std::find(panel.years.begin(), panel.years.end(), year);
                out << ',';
                if (it != panel.years.end())
                    out << csv_quote(join(panel.cells[r][static_cast<std::size_t>(it - panel.years.begin())], ";"));
            }
            out << "\r\n";
        }
    }
    return out.str();
}

}  // namespace metrex::output
