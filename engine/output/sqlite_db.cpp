// Tested by tests/unit/output_test.cpp (store errors, schema version, round trip)
#include "engine/output/sqlite_db.hpp"

#include <sqlite3.h>

namespace metrex::output::detail {

namespace {

// Version 1. Documented, with example queries, in docs/sqlite-schema.md; keep in step.
// Column names are quoted where they are SQL keywords ("end", "action" …) and kept
// quoted throughout so no name ever depends on SQLite's keyword fallback.
constexpr const char* kSchema = R"sql(
CREATE TABLE documents (
  id           TEXT PRIMARY KEY,
  path         TEXT NOT NULL,
  sha256       TEXT,
  region       TEXT,
  year         INTEGER,
  title        TEXT,
  published    TEXT,
  chars        INTEGER NOT NULL,
  status       TEXT NOT NULL,
  error        TEXT,
  extracted_at TEXT NOT NULL
);
CREATE TABLE records (
  id         INTEGER PRIMARY KEY,
  doc        TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  type       TEXT NOT NULL,
  rule       TEXT,
  text       TEXT,
  "start"    INTEGER,
  "end"      INTEGER,
  sentence   TEXT,
  section    TEXT,
  planned    INTEGER,
  indicator  TEXT,
  label      TEXT,
  value      REAL,
  upper      REAL,
  unit       TEXT,
  raw        TEXT,
  qualifier  TEXT,
  subject    TEXT,
  "change"   TEXT,
  name       TEXT,
  category   TEXT,
  head       TEXT,
  canonical  TEXT,
  value_text TEXT,
  title      TEXT,
  doc_type   TEXT,
  "action"   TEXT,
  error      TEXT,
  message    TEXT
);
CREATE INDEX records_indicator ON records(indicator, doc);
CREATE INDEX records_doc ON records(doc);
CREATE INDEX documents_region_year ON documents(region, year);
CREATE VIEW indicator_values AS
  SELECT r.indicator, d.region, d.year, r.value, r.upper, r.unit, r.qualifier, r.subject,
         r.planned, r.label, r.raw, r.text, r.sentence, r.doc, r.id AS record
  FROM records AS r JOIN documents AS d ON d.id = r.doc
  WHERE r.type = 'indicator';
PRAGMA user_version = 1;
)sql";

static_assert(kSchemaVersion == 1, "update kSchema and docs/sqlite-schema.md with the version");

}  // namespace

Database::Database(const std::string& path, Mode mode) : path_(path) {
    const int flags = mode == Mode::read_only ? SQLITE_OPEN_READONLY
                                              : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
        const std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        sqlite3_close(db_);
        db_ = nullptr;
        throw StoreError("cannot open database '" + path + "': " + message);
    }
    sqlite3_extended_result_codes(db_, 0);
    // Another metrex writing the same store: wait for it rather than fail at once.
    if (sqlite3_busy_timeout(db_, 10000) != SQLITE_OK) {
        const std::string message = sqlite3_errmsg(db_);
        sqlite3_close(db_);
        db_ = nullptr;
        throw StoreError("cannot open database '" + path + "': " + message);
    }
}

Database::~Database() {
    // Statements are finalised by their owners first (they are declared after the
    // Database they use); sqlite3_close_v2 copes if one is not.
    sqlite3_close_v2(db_);
}

void Database::fail(const char* what) const {
    throw StoreError(std::string(what) + " '" + path_ + "': " + sqlite3_errmsg(db_));
}

void Database::exec(const std::string& sql, const char* what) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
        const std::string message = error ? error : sqlite3_errmsg(db_);
        sqlite3_free(error);
        throw StoreError(std::string(what) + " '" + path_ + "': " + message);
    }
}

void Database::ensure_schema(bool create) {
    // Errors here are about the file as a whole (not a database, locked, read-only).
    const char* opening = "cannot open database";
    // IMMEDIATE: two first runs on a new file must not both create the schema.
    if (create) exec("BEGIN IMMEDIATE", opening);
    try {
        long long version = 0, objects = 0;
        {
            Statement v(*this, "PRAGMA user_version", opening);
            if (v.step()) version = v.integer(0);
            Statement n(*this, "SELECT count(*) FROM sqlite_master", opening);
            if (n.step()) objects = n.integer(0);
        }
        if (version == 0 && objects == 0) {
            if (!create)
                throw StoreError("'" + path_ + "' is not a metrex store (it is empty)");
            exec(kSchema, "cannot create the schema in database");
        } else if (version == 0) {
            throw StoreError("'" + path_ + "' is not a metrex store (it has other tables and no schema version)");
        } else if (version != kSchemaVersion) {
            throw StoreError("'" + path_ + "' has schema version " + std::to_string(version) +
                             "; this metrex reads and writes version " + std::to_string(kSchemaVersion));
        }
        if (create) exec("COMMIT", opening);
    } catch (...) {
        if (create) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
}

Statement::Statement(Database& db, const std::string& sql, const char* what) : db_(db), what_(what) {
    check(sqlite3_prepare_v2(db_.handle(), sql.c_str(), static_cast<int>(sql.size() + 1), &stmt_, nullptr));
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

void Statement::check(int rc) {
    if (rc != SQLITE_OK) db_.fail(what_);
}

void Statement::bind_null(int index) { check(sqlite3_bind_null(stmt_, index)); }

void Statement::bind_text(int index, const std::string& value) {
    check(sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
}

void Statement::bind_int(int index, long long value) {
    check(sqlite3_bind_int64(stmt_, index, static_cast<sqlite3_int64>(value)));
}

void Statement::bind_real(int index, double value) { check(sqlite3_bind_double(stmt_, index, value)); }

void Statement::bind_text_or_null(int index, const std::string& value) {
    if (value.empty()) bind_null(index);
    else bind_text(index, value);
}

bool Statement::step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    // sqlite3_reset returns the statement's error too; errmsg is already set by step.
    const std::string message = sqlite3_errmsg(db_.handle());
    sqlite3_reset(stmt_);
    throw StoreError(std::string(what_) + " '" + db_.path() + "': " + message);
}

void Statement::run() {
    while (step()) {
    }
    reset();
}

void Statement::reset() {
    // Errors of the last step were reported by step(); here only the reuse matters.
    sqlite3_reset(stmt_);
    check(sqlite3_clear_bindings(stmt_));
}

bool Statement::is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

std::string Statement::text(int column) const {
    const auto* p = sqlite3_column_text(stmt_, column);
    const int n = sqlite3_column_bytes(stmt_, column);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n)) : std::string();
}

long long Statement::integer(int column) const { return sqlite3_column_int64(stmt_, column); }

double Statement::real(int column) const { return sqlite3_column_double(stmt_, column); }

}  // namespace metrex::output::detail
