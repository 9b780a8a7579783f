// Internal to engine/output: the JSON text of a record's nested fields, shared by the
// CSV and SQLite writers so both hold exactly what to_json() emits for them (integral
// numbers without ".0", keys in the spec's order, invalid UTF-8 replaced).
#pragma once

#include "engine/records/records.hpp"

#include <string>
#include <vector>

namespace metrex::output::detail {

std::string section_json(const std::vector<std::string>& section);  // ["一、…","二是…"]
std::string change_json(const Change& change);  // {"direction":"up","value":56.7,…}

// Whether to_json(record) has the key `column` (a csv_columns() name, or "value_text"
// for a field record's value, which JSON and CSV call "value"). The CSV writer leaves
// the other columns empty and the SQLite writer NULL, so a column of a record of one
// type never carries a stray value of another's.
bool has_column(const Record& record, const std::string& column);

}  // namespace metrex::output::detail
