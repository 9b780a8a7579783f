// Tested by tests/unit/output_test.cpp (the JSONL / CSV / SQLite round trip)
#include "engine/output/fields.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <map>
#include <set>

namespace metrex::output::detail {

namespace {

// As records.cpp: whole numbers as integers, others in their shortest round-trip form.
nlohmann::ordered_json number(double v) {
    if (std::isfinite(v) && std::fabs(v) < 9e15 && v == std::floor(v)) return static_cast<long long>(v);
    return nlohmann::ordered_json::parse(format_number(v));
}

std::string dump(const nlohmann::ordered_json& j) {
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::string section_json(const std::vector<std::string>& section) {
    return dump(nlohmann::ordered_json(section));
}

std::string change_json(const Change& change) {
    nlohmann::ordered_json c;
    c["direction"] = change.direction;
    if (change.value) c["value"] = number(*change.value);
    if (!change.unit.empty()) c["unit"] = change.unit;
    if (!change.basis.empty()) c["basis"] = change.basis;
    if (change.from) c["from"] = number(*change.from);
    return dump(c);
}

bool has_column(const Record& r, const std::string& column) {
    static const std::set<std::string> every = {"doc", "type"};
    static const std::set<std::string> located = {"rule", "text", "start", "end", "sentence", "section", "planned"};
    static const std::map<std::string, std::set<std::string>> by_type = {
        {"error", {"error", "message"}},
        {"indicator", {"indicator", "label", "value", "upper", "unit", "raw", "qualifier", "subject", "change"}},
        {"program", {"name", "category", "head", "canonical"}},
        {"document", {"title", "doc_type", "action"}},
        {"field", {"name", "value_text"}},
    };
    if (every.count(column)) return true;
    if (r.type != "error" && located.count(column)) return true;
    const auto it = by_type.find(r.type);
    if (it == by_type.end() || !it->second.count(column)) return false;
    // Optional keys, as to_json writes them.
    if (column == "upper") return r.upper.has_value();
    if (column == "subject") return !r.subject.empty();
    if (column == "change") return r.change.has_value();
    if (column == "canonical") return !r.canonical.empty();
    return true;
}

}  // namespace metrex::output::detail
