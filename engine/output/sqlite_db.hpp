// Internal to engine/output: a thin RAII layer over sqlite3 that checks every return
// code and turns failures into StoreError with plain messages naming the database
// ("cannot write to database 'x.db': database or disk is full"). Also the store's schema
// (created or checked here, in one place). sqlite3 types stay in this header's .cpp.
#pragma once

#include "engine/output/output.hpp"

#include <cstddef>
#include <optional>
#include <string>

struct sqlite3;
struct sqlite3_stmt;

namespace metrex::output::detail {

class Database {
public:
    enum class Mode { read_only, read_write };
    // Opens (read_write: creating when missing). Throws "cannot open database 'p': …".
    Database(const std::string& path, Mode mode);
    ~Database();
    Database(const Database&) = delete;  // owns the connection
    Database& operator=(const Database&) = delete;

    // Runs SQL without results; `what` starts the error message ("cannot write to database").
    void exec(const std::string& sql, const char* what);
    // Creates the schema when the file has none (read_write), else checks the version.
    void ensure_schema(bool create);

    [[noreturn]] void fail(const char* what) const;  // throws what + " 'path': " + errmsg
    sqlite3* handle() const { return db_; }
    const std::string& path() const { return path_; }

private:
    sqlite3* db_ = nullptr;
    std::string path_;
};

// A prepared statement. bind_* take 1-based indexes; `what` prefixes its errors.
class Statement {
public:
    Statement(Database& db, const std::string& sql, const char* what);
    ~Statement();
    Statement(const Statement&) = delete;  // owns the sqlite3_stmt
    Statement& operator=(const Statement&) = delete;

    void bind_null(int index);
    void bind_text(int index, const std::string& value);
    void bind_int(int index, long long value);
    void bind_real(int index, double value);
    void bind_text_or_null(int index, const std::string& value);  // "" -> NULL

    bool step();  // true: a row is ready; false: done
    void run();   // steps to the end, then resets and clears bindings for reuse
    void reset();

    bool is_null(int column) const;  // 0-based, like sqlite3_column_*
    std::string text(int column) const;
    long long integer(int column) const;
    double real(int column) const;

private:
    Database& db_;
    sqlite3_stmt* stmt_ = nullptr;
    const char* what_;
    void check(int rc);
};

}  // namespace metrex::output::detail
