// Tested by tests/unit/output_test.cpp
#include "engine/output/output.hpp"

namespace metrex::output {

namespace {

class JsonlWriter final : public RecordWriter {
public:
    explicit JsonlWriter(std::ostream& out) : out_(out) {}
    void begin_document(const DocumentMeta&) override {}
    void write(const Record& record) override { out_ << to_json(record) << '\n'; }
    void end_document() override { out_.flush(); }
    void finish() override { out_.flush(); }

private:
    std::ostream& out_;
};

}  // namespace

std::unique_ptr<RecordWriter> jsonl_writer(std::ostream& out) {
    return std::make_unique<JsonlWriter>(out);
}

}  // namespace metrex::output
