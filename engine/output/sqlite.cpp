// Tested by tests/unit/output_test.cpp
//
// The SQLite store writer. One transaction per batch (BEGIN IMMEDIATE at the first
// document, COMMIT in finish(), ROLLBACK on destruction otherwise); every statement is
// prepared once. A column of `records` is NULL exactly when the record's JSON has no
// such key (records.hpp fields()), so JSONL, CSV and SQLite hold the same facts.
#include "engine/output/output.hpp"

#include "engine/output/sqlite_db.hpp"

#include <ctime>
#include <map>
#include <optional>
#include <stdexcept>

namespace metrex::output {

namespace {

using detail::Database;
using detail::Statement;

constexpr const char* kWriting = "cannot write to database";

// The columns of `records` after its id, in table order.
const std::vector<std::string>& record_columns() {
    static const std::vector<std::string> columns = {
        "doc",       "type",  "rule",     "text",   "start",     "end",        "sentence",
        "section",   "planned", "indicator", "label", "value",   "upper",      "unit",
        "raw",       "qualifier", "subject", "change", "name",   "category",   "head",
        "canonical", "value_text", "title",  "doc_type", "action", "error",    "message"};
    return columns;
}

std::string insert_record_sql() {
    std::string names, params;
    for (std::size_t i = 0; i < record_columns().size(); ++i) {
        names += (i ? ", \"" : "\"") + record_columns()[i] + '"';
        params += i ? ", ?" : "?";
    }
    return "INSERT INTO records (" + names + ") VALUES (" + params + ")";
}

// Binds one record's columns from its fields (records.hpp): a column is NULL exactly when
// the record's JSON has no such key. A field record's value is text and goes to value_text.
void bind_record(Statement& s, const Record& r) {
    std::map<std::string, Field> by_column;
    for (auto& f : fields(r)) {
        std::string column = f.key;
        if (column == "value" && f.kind == Field::Kind::text) column = "value_text";
        by_column[column] = std::move(f);
    }
    const auto& columns = record_columns();
    for (std::size_t i = 0; i < columns.size(); ++i) {
        const int index = static_cast<int>(i) + 1;
        auto it = by_column.find(columns[i]);
        if (it == by_column.end() || it->second.kind == Field::Kind::null) {
            s.bind_null(index);
            continue;
        }
        const Field& f = it->second;
        switch (f.kind) {
            case Field::Kind::integer:
            case Field::Kind::boolean: s.bind_int(index, static_cast<long long>(f.number)); break;
            case Field::Kind::real: s.bind_real(index, f.number); break;
            default: s.bind_text(index, f.text); break;
        }
    }
}

// "2021", "2021年", "二〇二一年" -> 2021: the first run of four digits (ASCII or Chinese).
std::optional<long long> parse_year(const std::string& text) {
    static const char* const kChinese[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九", "零"};
    long long year = 0;
    int digits = 0;
    for (std::size_t i = 0; i < text.size();) {
        int digit = -1;
        std::size_t length = 1;
        if (text[i] >= '0' && text[i] <= '9') {
            digit = text[i] - '0';
        } else {
            for (int d = 0; d < 11; ++d) {
                const std::string numeral = kChinese[d];
                if (text.compare(i, numeral.size(), numeral) == 0) {
                    digit = d == 10 ? 0 : d;
                    length = numeral.size();
                    break;
                }
            }
        }
        if (digit < 0) {
            if (digits == 4) return year;
            year = 0;
            digits = 0;
        } else {
            year = year * 10 + digit;
            ++digits;
        }
        i += length;
    }
    if (digits == 4) return year;
    return std::nullopt;
}

std::string utc_now() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

class SqliteWriter final : public RecordWriter {
public:
    SqliteWriter(const std::string& path, SqliteOptions options)
        : db_(path, Database::Mode::read_write),
          extracted_at_(options.extracted_at.empty() ? utc_now() : options.extracted_at) {
        db_.exec("PRAGMA foreign_keys = ON", "cannot open database");
        db_.ensure_schema(true);
        delete_records_.emplace(db_, "DELETE FROM records WHERE doc = ?", kWriting);
        delete_document_.emplace(db_, "DELETE FROM documents WHERE id = ?", kWriting);
        insert_document_.emplace(db_,
                                 "INSERT INTO documents (id, path, sha256, chars, status, error, extracted_at)"
                                 " VALUES (?, ?, ?, ?, ?, ?, ?)",
                                 kWriting);
        update_fields_.emplace(db_,
                               "UPDATE documents SET region = ?, year = ?, title = ?, published = ?"
                               " WHERE id = ?",
                               kWriting);
        insert_record_.emplace(db_, insert_record_sql(), kWriting);
    }

    ~SqliteWriter() override {
        // Not finished (an error, or the caller gave up): nothing of the batch is kept.
        // Statements go first, so the rollback is not blocked by a pending one.
        delete_records_.reset();
        delete_document_.reset();
        insert_document_.reset();
        update_fields_.reset();
        insert_record_.reset();
        if (in_transaction_) {
            try {
                db_.exec("ROLLBACK", kWriting);
            } catch (const StoreError&) {
                // A failed rollback leaves the journal; SQLite rolls it back on next open.
            }
        }
    }

    void begin_document(const DocumentMeta& meta) override {
        if (in_document_) throw std::logic_error("sqlite writer: begin_document inside a document");
        if (finished_) throw std::logic_error("sqlite writer: begin_document after finish");
        if (!in_transaction_) {
            db_.exec("BEGIN IMMEDIATE", kWriting);
            in_transaction_ = true;
        }
        // Replace, never duplicate: the document's previous rows go first.
        delete_records_->bind_text(1, meta.id);
        delete_records_->run();
        delete_document_->bind_text(1, meta.id);
        delete_document_->run();
        auto& s = *insert_document_;
        s.bind_text(1, meta.id);
        s.bind_text(2, meta.path);
        s.bind_text_or_null(3, meta.sha256);
        s.bind_int(4, static_cast<long long>(meta.chars));
        s.bind_text(5, meta.status.empty() ? "ok" : meta.status);
        s.bind_text_or_null(6, meta.error);
        s.bind_text(7, extracted_at_);
        s.run();
        document_ = meta.id;
        region_ = year_text_ = title_ = published_ = std::nullopt;
        in_document_ = true;
    }

    void write(const Record& record) override {
        if (!in_document_) throw std::logic_error("sqlite writer: write outside a document");
        if (record.doc != document_)
            throw std::logic_error("sqlite writer: a record of '" + record.doc + "' inside document '" +
                                   document_ + "'");
        auto& s = *insert_record_;
        bind_record(s, record);
        s.run();
        if (record.type == "field") {
            // One of each per document (the matcher keeps the first); keep the first here too.
            auto keep = [&](std::optional<std::string>& slot) {
                if (!slot) slot = record.value_text;
            };
            if (record.name == "region") keep(region_);
            else if (record.name == "year") keep(year_text_);
            else if (record.name == "title") keep(title_);
            else if (record.name == "published") keep(published_);
        }
    }

    void end_document() override {
        if (!in_document_) throw std::logic_error("sqlite writer: end_document outside a document");
        auto& s = *update_fields_;
        region_ ? s.bind_text(1, *region_) : s.bind_null(1);
        const auto year = year_text_ ? parse_year(*year_text_) : std::nullopt;
        year ? s.bind_int(2, *year) : s.bind_null(2);
        title_ ? s.bind_text(3, *title_) : s.bind_null(3);
        published_ ? s.bind_text(4, *published_) : s.bind_null(4);
        s.bind_text(5, document_);
        s.run();
        in_document_ = false;
    }

    void finish() override {
        if (in_document_) throw std::logic_error("sqlite writer: finish inside a document");
        if (in_transaction_) {
            db_.exec("COMMIT", kWriting);
            in_transaction_ = false;
        }
        finished_ = true;
    }

private:
    Database db_;  // first: destroyed after the statements that use it
    std::optional<Statement> delete_records_, delete_document_, insert_document_, update_fields_,
        insert_record_;
    std::string extracted_at_;
    std::string document_;
    std::optional<std::string> region_, year_text_, title_, published_;
    bool in_transaction_ = false;
    bool in_document_ = false;
    bool finished_ = false;
};

}  // namespace

std::unique_ptr<RecordWriter> sqlite_writer(const std::string& db_path, SqliteOptions options) {
    return std::make_unique<SqliteWriter>(db_path, std::move(options));
}

StoreCounts store_counts(const std::string& db_path) {
    Database db(db_path, Database::Mode::read_only);
    db.ensure_schema(false);
    StoreCounts counts;
    Statement d(db, "SELECT count(*) FROM documents", "cannot read database");
    if (d.step()) counts.documents = static_cast<std::size_t>(d.integer(0));
    Statement r(db, "SELECT count(*) FROM records", "cannot read database");
    if (r.step()) counts.records = static_cast<std::size_t>(r.integer(0));
    return counts;
}

}  // namespace metrex::output
