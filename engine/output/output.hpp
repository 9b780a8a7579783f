// metrex output: records -> JSON Lines, CSV or SQLite.
//
// Contract
//   A RecordWriter receives documents in order: begin_document(meta), the document's
//   records, then end_document(); finish() once at the end. Every format carries the same
//   record fields (spec: shared/spec/records.md). JSON Lines: one to_json(record) per
//   line. CSV: one row per record, a fixed header (csv_columns()), RFC 4180 quoting,
//   optional UTF-8 BOM so Excel opens Chinese text correctly; nested fields (section,
//   change) as JSON text. SQLite: see docs/sqlite-schema.md.
//
// Thread safety: a writer is used from one thread.
#pragma once

#include "engine/records/records.hpp"

#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace metrex::output {

struct DocumentMeta {
    std::string id;        // the `doc` of its records
    std::string path;      // as read ("-" for standard input)
    std::string sha256;    // of the bytes read
    std::size_t chars = 0; // code points of the decoded text
    std::string status;    // "ok" | "error"
    std::string error;     // error code when status == "error"
};

class RecordWriter {
public:
    virtual ~RecordWriter() = default;
    virtual void begin_document(const DocumentMeta& meta) = 0;
    virtual void write(const Record& record) = 0;
    virtual void end_document() = 0;
    virtual void finish() = 0;
};

struct CsvOptions {
    bool bom = false;  // write a UTF-8 byte order mark first (Excel)
};

std::unique_ptr<RecordWriter> jsonl_writer(std::ostream& out);
std::unique_ptr<RecordWriter> csv_writer(std::ostream& out, CsvOptions options = {});

// The CSV header, in order.
const std::vector<std::string>& csv_columns();

}  // namespace metrex::output
