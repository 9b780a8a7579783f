// Tested by tests/cli_core.cmake (rules_examples, wrong_change_example_fails, samples_check)
#include "engine/check/compare.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace metrex::check::detail {

bool same_number(const std::string& expected, double actual) {
    char* end = nullptr;
    const double e = std::strtod(expected.c_str(), &end);
    if (end == expected.c_str() || *end != '\0') return false;
    return std::fabs(e - actual) <= 1e-6 * std::max(1.0, std::fabs(e));
}

bool change_matches(const std::map<std::string, std::string>& expected, const std::optional<Change>& c) {
    if (!c) return false;
    for (const auto& [k, v] : expected) {
        if (k == "direction" && v != c->direction) return false;
        if (k == "value" && (!c->value || !same_number(v, *c->value))) return false;
        if (k == "unit" && v != c->unit) return false;
        if (k == "basis" && v != c->basis) return false;
        if (k == "from" && (!c->from || !same_number(v, *c->from))) return false;
    }
    return true;
}

}  // namespace metrex::check::detail
