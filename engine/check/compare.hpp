// Internal to engine/check: how an expected value written in YAML is compared with what
// extraction produced, shared by the rule examples and the sample checks.
#pragma once

#include "engine/records/records.hpp"

#include <map>
#include <optional>
#include <string>

namespace metrex::check::detail {

// `expected` is a whole number as written ("169", "56.7"); equal to 1e-6, relative.
bool same_number(const std::string& expected, double actual);

// Every field the expectation names (direction, value, unit, basis, from) agrees.
bool change_matches(const std::map<std::string, std::string>& expected, const std::optional<Change>& change);

}  // namespace metrex::check::detail
