// Tested by tests/unit/output_test.cpp
#include "engine/output/output.hpp"

#include "engine/output/fields.hpp"

namespace metrex::output {

const std::vector<std::string>& csv_columns() {
    static const std::vector<std::string> columns = {
        "doc",    "type",     "rule",      "text",     "start", "end",      "sentence",
        "section", "planned", "indicator", "label",    "value", "upper",    "unit",
        "raw",    "qualifier", "subject",  "change",   "name",  "category", "head",
        "canonical", "title", "doc_type",  "action",   "error", "message"};
    return columns;
}

namespace {

std::string quote(const std::string& field) {
    if (field.find_first_of(",\"\r\n") == std::string::npos) return field;
    std::string out = "\"";
    for (char c : field) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + '"';
}

// The cell of `column`: empty when the record's JSON has no such key (detail::has_column).
std::string cell(const Record& r, const std::string& column) {
    if (column == "value" && r.type == "field") return r.value_text;
    if (!detail::has_column(r, column)) return {};
    if (column == "doc") return r.doc;
    if (column == "type") return r.type;
    if (column == "rule") return r.rule;
    if (column == "text") return r.text;
    if (column == "start") return std::to_string(r.start);
    if (column == "end") return std::to_string(r.end);
    if (column == "sentence") return r.sentence;
    if (column == "section") return detail::section_json(r.section);
    if (column == "planned") return r.planned ? "true" : "false";
    if (column == "indicator") return r.indicator;
    if (column == "label") return r.label;
    if (column == "value") return r.value ? format_number(*r.value) : "";
    if (column == "upper") return r.upper ? format_number(*r.upper) : "";
    if (column == "unit") return r.unit;
    if (column == "raw") return r.raw;
    if (column == "qualifier") return r.qualifier;
    if (column == "subject") return r.subject;
    if (column == "change") return detail::change_json(*r.change);
    if (column == "name") return r.name;
    if (column == "category") return r.category;
    if (column == "head") return r.head;
    if (column == "canonical") return r.canonical;
    if (column == "title") return r.title;
    if (column == "doc_type") return r.doc_type;
    if (column == "action") return r.action;
    if (column == "error") return r.error;
    if (column == "message") return r.message;
    return {};
}

class CsvWriter final : public RecordWriter {
public:
    CsvWriter(std::ostream& out, CsvOptions options) : out_(out) {
        if (options.bom) out_ << "\xEF\xBB\xBF";
        const auto& cols = csv_columns();
        for (std::size_t i = 0; i < cols.size(); ++i) out_ << (i ? "," : "") << cols[i];
        out_ << "\r\n";
    }
    void begin_document(const DocumentMeta&) override {}
    void write(const Record& record) override {
        const auto& cols = csv_columns();
        for (std::size_t i = 0; i < cols.size(); ++i) out_ << (i ? "," : "") << quote(cell(record, cols[i]));
        out_ << "\r\n";
    }
    void end_document() override { out_.flush(); }
    void finish() override { out_.flush(); }

private:
    std::ostream& out_;
};

}  // namespace

std::unique_ptr<RecordWriter> csv_writer(std::ostream& out, CsvOptions options) {
    return std::make_unique<CsvWriter>(out, options);
}

}  // namespace metrex::output
