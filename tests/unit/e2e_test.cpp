// End-to-end cases through the bundled rules (METREX_SOURCE_DIR/rules): every
// tests/cases/e2e/<case>.txt is a small constructed report (tests/cases/e2e/README.md),
// loaded and extracted as `metrex extract` would, and <case>.expected.jsonl says which
// records it must and must not yield.
//
// Expected-records format: one JSON object per line; blank lines and lines starting with
// '#' are ignored (use them to say why a line is there).
//   {"type":"indicator","value":152,"unit":"件","planned":false}
//       a record has every listed field with the listed value. Only the listed fields
//       are checked; the names are those of the JSON output (docs/records.md), so a field
//       record's value is "value":"2021" (a string) and an indicator's "value":2021 (a
//       number); numbers compare with a tolerance of 1e-9; an object ("change") matches
//       when its listed fields match. Lines without "count" are matched to distinct
//       records, in file order, first unused record first (list the specific lines
//       before the general ones).
//   {"type":"indicator","value":6,"count":0}
//       exactly `count` records match the other fields (0: none does).
// Every record of every case must also satisfy original[start:end] == text.
// A failure names the case and the expected line (file:line) and lists the records the
// case produced.
#include <doctest/doctest.h>

#include "tests/unit/bundled_rules.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "engine/compile/compile.hpp"
#include "engine/match/match.hpp"
#include "engine/records/records.hpp"
#include "engine/rules/rules.hpp"
#include "engine/text/text.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const fs::path kCases = fs::path(METREX_TEST_DATA_DIR) / "cases" / "e2e";

using metrex_test::bundled_rules;

bool matches(const json& want, const json& have) {
    if (want.is_number() && have.is_number())
        return std::fabs(want.get<double>() - have.get<double>()) <=
               1e-9 * std::max(1.0, std::fabs(want.get<double>()));
    if (want.is_object()) {
        if (!have.is_object()) return false;
        for (const auto& [key, value] : want.items()) {
            if (key == "count") continue;
            if (!have.contains(key) || !matches(value, have.at(key))) return false;
        }
        return true;
    }
    return want == have;
}

struct Expectation {
    json fields;
    int line = 0;
};

std::vector<Expectation> read_expected(const fs::path& path) {
    std::vector<Expectation> out;
    std::ifstream in(path);
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (line.find_first_not_of(" \t\r") == std::string::npos || line[line.find_first_not_of(" \t")] == '#')
            continue;
        Expectation e;
        e.line = number;
        try {
            e.fields = json::parse(line);
        } catch (const std::exception& error) {
            FAIL_CHECK(path.filename().string() << ":" << number << ": not JSON: " << error.what());
            continue;
        }
        out.push_back(std::move(e));
    }
    return out;
}

// original[start:end] in code points.
std::string slice(const std::string& s, std::size_t start, std::size_t end) {
    std::size_t cp = 0, begin = std::string::npos;
    for (std::size_t i = 0; i <= s.size(); ++i) {
        if (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) continue;
        if (cp == start) begin = i;
        if (cp == end) return begin == std::string::npos ? "<bad start>" : s.substr(begin, i - begin);
        ++cp;
    }
    return "<out of range>";
}

std::vector<fs::path> cases() {
    std::vector<fs::path> out;
    for (const auto& entry : fs::directory_iterator(kCases))
        if (entry.is_regular_file() && entry.path().extension() == ".txt") out.push_back(entry.path());
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("e2e: every case under tests/cases/e2e yields its expected records") {
    const auto all = cases();
    REQUIRE(all.size() >= 10);
    for (const auto& input : all) {
        const std::string name = input.filename().string();
        CAPTURE(name);
        const fs::path expected_path = input.parent_path() / (input.stem().string() + ".expected.jsonl");
        if (!fs::exists(expected_path)) {
            FAIL_CHECK(name << ": no " << expected_path.filename().string());
            continue;
        }
        const auto loaded = metrex::text::load_document(input);
        if (loaded.error) {
            FAIL_CHECK(name << ": " << loaded.error->code << " " << loaded.error->message);
            continue;
        }
        const auto doc = metrex::text::normalise(loaded.text);
        const auto records = metrex::match::extract(*bundled_rules(), name, doc);
        std::vector<json> got;
        std::string listing;
        for (const auto& r : records) {
            got.push_back(json::parse(metrex::to_json(r)));
            listing += "  " + metrex::to_json(r) + "\n";
            const std::string at = slice(loaded.text, r.start, r.end);
            CHECK_MESSAGE(at == r.text, name << ": text[" << r.start << ":" << r.end << "] is '" << at
                                             << "', record says '" << r.text << "'");
        }
        if (listing.empty()) listing = "  (no records)\n";

        std::vector<bool> used(got.size(), false);
        for (const auto& e : read_expected(expected_path)) {
            const std::string where = expected_path.filename().string() + ":" + std::to_string(e.line);
            if (e.fields.contains("count")) {
                const auto want = e.fields.at("count").get<long>();
                const auto have =
                    std::count_if(got.begin(), got.end(), [&](const json& r) { return matches(e.fields, r); });
                CHECK_MESSAGE(have == want, where << ": " << e.fields.dump() << "\n  wanted " << want
                                                  << " such record(s), got " << have << "; the case yields:\n"
                                                  << listing);
                continue;
            }
            bool found = false;
            for (std::size_t i = 0; i < got.size() && !found; ++i) {
                if (used[i] || !matches(e.fields, got[i])) continue;
                used[i] = found = true;
            }
            CHECK_MESSAGE(found, where << ": no record matches " << e.fields.dump() << "\n  the case yields:\n"
                                       << listing);
        }
    }
}
