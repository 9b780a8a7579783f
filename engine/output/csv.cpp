// Tested by tests/unit/output_test.cpp
#include "engine/output/output.hpp"


#include <map>

namespace metrex::output {

const std::vector<std::string>& csv_columns() {
    static const std::vector<std::string> columns = {
        "doc",    "type",     "rule",      "text",     "start", "end",      "sentence",
        "section", "planned", "indicator", "label",    "value", "upper",    "unit",
        "raw",    "qualifier", "subject",  "change",   "name",  "category", "head",
        "canonical", "title", "doc_type",  "action",   "error", "message"};
    return columns;
}

std::string csv_quote(const std::string& field) {
    if (field.find_first_of(",\"\r\n") == std::string::npos) return field;
    std::string out = "\"";
    for (char c : field) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + '"';
}

namespace {


class CsvWriter final : public RecordWriter {
public:
    CsvWriter(std::ostream& out, CsvOptions options) : out_(out) {
        if (options.bom) out_ << "\xEF\xBB\xBF";
        const auto& cols = csv_columns();
        for (std::size_t i = 0; i < cols.size(); ++i) out_ << (i ? "," : "") << cols[i];
        out_ << "\r\n";
    }
    void begin_document(const DocumentMeta&) override {}
    // A cell is empty when the record's JSON has no such key (records.hpp fields()).
    void write(const Record& record) override {
        std::map<std::string, std::string> cells;
        for (auto& f : fields(record)) cells[f.key] = std::move(f.text);
        const auto& cols = csv_columns();
        for (std::size_t i = 0; i < cols.size(); ++i) {
            auto it = cells.find(cols[i]);
            out_ << (i ? "," : "") << (it == cells.end() ? std::string() : csv_quote(it->second));
        }
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
