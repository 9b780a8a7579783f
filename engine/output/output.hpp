// metrex output: records -> JSON Lines, CSV or SQLite; the one query over the SQLite
// store the CLI needs (an indicator's region x year panel); and the review page, one
// self-contained HTML file showing documents with their records highlighted.
//
// Contract
//   A RecordWriter receives documents in order: begin_document(meta), the document's
//   records, then end_document(); finish() once at the end. Every format carries the same
//   record fields (spec: shared/spec/records.md), and nested fields (section, change) are
//   the same JSON text everywhere they are text.
//
//   JSON Lines: one to_json(record) per line.
//   CSV: one row per record, a fixed header (csv_columns()), CRLF line ends, RFC 4180
//     quoting (a field holding , " CR or LF is quoted, quotes doubled), optional UTF-8 BOM
//     so Excel opens Chinese text correctly. A field record's value goes in `value`.
//   SQLite (docs/sqlite-schema.md): tables `documents` and `records`, view
//     `indicator_values`, PRAGMA user_version = kSchemaVersion. The whole batch is ONE
//     transaction: begun by the first begin_document, committed by finish(), rolled back
//     when the writer is destroyed without finish() (or after an exception). A document
//     whose id is already in the store replaces it: its old row and records are deleted
//     first, so re-running never duplicates. Documents not in the batch are left alone.
//     documents.region/year/title/published come from the document's `field` records.
//
//   Review page (review_html): documents -> ONE HTML page with no external resource (CSS
//     and JS inline, no network). Each document's original text is shown with its line
//     breaks, cut into non-overlapping segments (review_segments) at every record's start
//     and end; a segment covered by records is a stack of nested <mark> elements, one per
//     covering record, outermost (longest) first, each carrying data-record (index into
//     the page's record list, all documents in order), data-type, data-rule and
//     data-indicator (empty unless an indicator). Crossing spans therefore render
//     correctly: a record is the run of marks with its index. Offsets are code points
//     (as in records): the cutting is done here, in UTF-8, so the page's JavaScript never
//     does UTF-16 arithmetic. Every text is HTML-escaped; ill-formed UTF-8 bytes count as
//     one code point each (as in engine/text) and print as U+FFFD. Records without a
//     place in the text (empty or out-of-range span, errors) are listed above it.
//
// Errors: the SQLite functions throw StoreError, whose message is plain words naming the
// database: "cannot open database 'x.db': unable to open database file". The stream
// writers do not throw; check the stream.
//
// Thread safety: a writer is used from one thread. read_panel and store_counts open
// their own read-only connection and may run while a writer is open (they see the last
// committed batch).
//
// Example
//   auto writer = metrex::output::sqlite_writer("out.db");
//   writer->begin_document(meta);
//   for (const auto& r : records) writer->write(r);
//   writer->end_document();
//   writer->finish();  // commit; without it nothing is stored
//
//   std::ofstream("review.html") << metrex::output::review_html({{"a.txt", text, records, ""}});
#pragma once

#include "engine/records/records.hpp"

#include <cstddef>
#include <memory>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace metrex::output {

struct DocumentMeta {
    std::string id;        // the `doc` of its records
    std::string path;      // as read ("-" for standard input)
    std::string sha256;    // of the bytes read (lowercase hex); empty when unknown
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

// One CSV field, quoted per RFC 4180 when it holds a comma, a quote or a line break.
std::string csv_quote(const std::string& field);

// ---- SQLite store ---------------------------------------------------------------------

// The store's schema version (PRAGMA user_version). A store with another version is
// refused rather than guessed at.
constexpr int kSchemaVersion = 1;

class StoreError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct SqliteOptions {
    std::string extracted_at;  // stamped on the batch's documents; empty: now (UTC, ISO 8601)
};

// Opens the store at `db_path`, creating the file and schema when missing, and checks
// the schema version. Throws StoreError.
std::unique_ptr<RecordWriter> sqlite_writer(const std::string& db_path, SqliteOptions options = {});

struct StoreCounts {
    std::size_t documents = 0;
    std::size_t records = 0;
};

// Rows in the store (read-only). Throws StoreError.
StoreCounts store_counts(const std::string& db_path);

// One indicator as a region x year table.
//   Rows: documents.region, sorted by code point. Columns: documents.year, ascending.
//   Cell: the distinct values of the indicator's NON-planned records of that region's
//   documents for that year, in document then text order ("169", or "169;171" when the
//   report states different figures; a range prints as "97~105"). Planned (target)
//   figures are left out; a region-year without values is an empty cell.
struct Panel {
    std::string indicator;
    std::string label;                  // of its first record
    std::vector<std::string> units;     // distinct, in order of appearance
    std::vector<std::string> regions;   // rows
    std::vector<long long> years;       // columns
    std::vector<std::vector<std::vector<std::string>>> cells;  // [row][column] -> values
    std::size_t records = 0;            // all records of the indicator in the store
    std::size_t planned = 0;            // of which planned (not shown)
    std::vector<std::string> unplaced;  // documents with values but no region or year
};

// Reads one indicator's panel from the store (read-only). Throws StoreError.
Panel read_panel(const std::string& db_path, const std::string& indicator);

// Aligned text, one table per panel separated by a blank line, each under a title line
// `indicator label (unit)`; empty cells print as "-". Columns align by display width
// (East Asian wide characters count 2).
std::string panel_text(const std::vector<Panel>& panels);

// CSV (RFC 4180, CRLF): header `indicator,region,<year>...` over the union of years;
// one row per indicator and region, panels stacked in the order given.
std::string panel_csv(const std::vector<Panel>& panels);

// Terminal columns of UTF-8 text: East Asian wide and fullwidth characters count 2,
// combining marks and format characters 0, everything else 1.
std::size_t display_width(std::string_view utf8);

// ---- review page ----------------------------------------------------------------------

struct ReviewDocument {
    std::string id;               // shown as the document's heading (the records' `doc`)
    std::string text;             // the original text (UTF-8) the records' offsets point into
    std::vector<Record> records;  // in any order
    std::string error;            // plain words when the document could not be read
};

// A piece of a document's text with the records covering all of it.
struct ReviewSegment {
    std::size_t start = 0, end = 0;            // code points, end exclusive
    std::size_t byte_begin = 0, byte_end = 0;  // the same piece in the UTF-8 text
    std::vector<std::size_t> records;          // indices into the record list, outermost
                                               // (earliest start, then longest) first
};

// Cuts `text` at every placed record's start and end. The segments are in order, do not
// overlap, are never empty and cover the whole text (uncovered pieces have no records).
// A record is placed when it is not an error and 0 <= start < end <= length of text.
std::vector<ReviewSegment> review_segments(std::string_view text, const std::vector<Record>& records);

struct ReviewOptions {
    std::string title = "metrex review";
};

// The whole page (UTF-8). Deterministic: the same input gives the same bytes.
std::string review_html(const std::vector<ReviewDocument>& documents, const ReviewOptions& options = {});

}  // namespace metrex::output
