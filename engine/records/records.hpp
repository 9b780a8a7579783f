// metrex records: the typed records extraction produces (spec: shared/spec/records.md),
// and their one serialisation to JSON, which every output and test uses.
//
// Contract
//   A Record is one fact at one place in one document. `start`/`end` are code point
//   offsets into the original decoded document (end exclusive) and `text` is exactly
//   original[start:end]. Fields that do not apply to a record's type stay empty and are
//   not serialised. to_json emits keys in a fixed order (the spec's), so JSON Lines
//   output is byte-stable across runs.
//
// Thread safety: plain values.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace metrex {

struct Change {
    std::string direction;        // "up" | "down"
    std::optional<double> value;  // 56.7
    std::string unit;             // "%" | "个百分点" | a measure word
    std::string basis;            // "同比", "较上年", ...
    std::optional<double> from;   // 由56项精简至38项 -> from 56
};

struct Record {
    // Every record.
    std::string doc;
    std::string type;  // indicator | program | document | field | error
    std::string rule;
    std::string text;
    std::size_t start = 0;
    std::size_t end = 0;
    std::string sentence;
    std::vector<std::string> section;
    bool planned = false;

    // indicator
    std::string indicator;
    std::string label;
    std::optional<double> value;
    std::optional<double> upper;  // ranges: 97至105项
    std::string unit;
    std::string raw;
    std::string qualifier;
    std::string subject;
    std::optional<Change> change;

    // program (name, category, head, canonical) and field (name, value_text)
    std::string name;
    std::string category;
    std::string head;
    std::string canonical;
    std::string value_text;  // a field's value ("昆山市", "2021", "2022-03-15")

    // document
    std::string title;
    std::string doc_type;
    std::string action;

    // error
    std::string error;
    std::string message;
};

// One JSON object, no trailing newline. Numbers print without a trailing ".0" when whole.
std::string to_json(const Record& record);

// The record's fields exactly as to_json writes them, in the same order: a key absent
// from the JSON is absent here. Every output format is built from this, so JSON Lines,
// CSV and SQLite cannot disagree about which fields a record has.
struct Field {
    enum class Kind { text, integer, real, boolean, null, json };
    std::string key;
    Kind kind = Kind::text;
    std::string text;   // the value as text: strings as is, numbers and booleans as in JSON,
                        // nested values (section, change) as JSON text, null as ""
    double number = 0;  // integer, real and boolean (0/1) values
};
std::vector<Field> fields(const Record& record);

// Formats a value as the JSON number it serialises to: 169, 99.9, 348000000.
std::string format_number(double value);

// An `error` record for a document that could not be processed.
Record error_record(const std::string& doc, const std::string& code, const std::string& message);

}  // namespace metrex
