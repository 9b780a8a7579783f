// Tested by tests/unit/output_test.cpp
#include "engine/records/records.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>

namespace metrex {

std::string format_number(double value) {
    if (std::isfinite(value) && std::fabs(value) < 9e15 && value == std::floor(value)) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.0f", value);
        return buf;
    }
    char buf[40];
    // Shortest representation that round-trips, then trimmed ("99.9", not "99.900000001").
    for (int precision = 6; precision <= 17; ++precision) {
        std::snprintf(buf, sizeof buf, "%.*g", precision, value);
        if (std::strtod(buf, nullptr) == value) break;
    }
    return buf;
}

namespace {

nlohmann::ordered_json number(double v) {
    if (std::isfinite(v) && std::fabs(v) < 9e15 && v == std::floor(v))
        return static_cast<long long>(v);
    return nlohmann::ordered_json::parse(format_number(v));
}

}  // namespace

namespace {

std::string dump(const nlohmann::ordered_json& j) {
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The one place that decides which keys a record has and what they hold.
nlohmann::ordered_json to_object(const Record& r) {
    nlohmann::ordered_json j;
    j["doc"] = r.doc;
    j["type"] = r.type;
    if (r.type == "error") {
        j["error"] = r.error;
        j["message"] = r.message;
        return j;
    }
    j["rule"] = r.rule;
    j["text"] = r.text;
    j["start"] = r.start;
    j["end"] = r.end;
    j["sentence"] = r.sentence;
    j["section"] = r.section;
    j["planned"] = r.planned;
    if (r.type == "indicator") {
        j["indicator"] = r.indicator;
        j["label"] = r.label;
        j["value"] = r.value ? number(*r.value) : nlohmann::ordered_json();
        if (r.upper) j["upper"] = number(*r.upper);
        j["unit"] = r.unit;
        j["raw"] = r.raw;
        j["qualifier"] = r.qualifier;
        if (!r.subject.empty()) j["subject"] = r.subject;
        if (r.change) {
            nlohmann::ordered_json c;
            c["direction"] = r.change->direction;
            if (r.change->value) c["value"] = number(*r.change->value);
            if (!r.change->unit.empty()) c["unit"] = r.change->unit;
            if (!r.change->basis.empty()) c["basis"] = r.change->basis;
            if (r.change->from) c["from"] = number(*r.change->from);
            j["change"] = c;
        }
    } else if (r.type == "program") {
        j["name"] = r.name;
        j["category"] = r.category;
        j["head"] = r.head;
        if (!r.canonical.empty()) j["canonical"] = r.canonical;
    } else if (r.type == "document") {
        j["title"] = r.title;
        j["doc_type"] = r.doc_type;
        j["action"] = r.action;
        if (!r.canonical.empty()) j["canonical"] = r.canonical;
    } else if (r.type == "field") {
        j["name"] = r.name;
        j["value"] = r.value_text;
    }
    return j;
}

}  // namespace

std::string to_json(const Record& r) { return dump(to_object(r)); }

std::vector<Field> fields(const Record& r) {
    std::vector<Field> out;
    const auto object = to_object(r);  // items() only refers to it: keep it alive
    for (const auto& [key, v] : object.items()) {
        Field f;
        f.key = key;
        if (v.is_string()) {
            f.text = v.get<std::string>();
        } else if (v.is_boolean()) {
            f.kind = Field::Kind::boolean;
            f.number = v.get<bool>() ? 1 : 0;
            f.text = v.get<bool>() ? "true" : "false";
        } else if (v.is_number_integer()) {
            f.kind = Field::Kind::integer;
            f.number = v.get<double>();
            f.text = v.dump();
        } else if (v.is_number()) {
            f.kind = Field::Kind::real;
            f.number = v.get<double>();
            f.text = format_number(f.number);
        } else if (v.is_null()) {
            f.kind = Field::Kind::null;
        } else {
            f.kind = Field::Kind::json;
            f.text = dump(v);
        }
        out.push_back(std::move(f));
    }
    return out;
}

Record error_record(const std::string& doc, const std::string& code, const std::string& message) {
    Record r;
    r.doc = doc;
    r.type = "error";
    r.error = code;
    r.message = message;
    return r;
}

}  // namespace metrex
