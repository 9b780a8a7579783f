// Tests for engine/output: the three writers cross-checked against each other (the same
// records through JSON Lines, CSV and SQLite, read back with independent readers: JSON
// with nlohmann, CSV with the small RFC 4180 reader below, SQLite with plain sqlite3
// queries), the store's replace-not-duplicate and all-or-nothing batch guarantees, the
// documents table's region/year, its error messages, and the region x year panel.
//
// Temporary files go to <build>/tests/output_test.tmp/.
#include "engine/output/output.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

using metrex::Change;
using metrex::Record;
using namespace metrex::output;

namespace {

namespace fs = std::filesystem;

// ---- fixtures ---------------------------------------------------------------------------

std::string temp_path(const std::string& name) {
    const fs::path dir = fs::path(METREX_TEST_BINARY_DIR) / "output_test.tmp";
    fs::create_directories(dir);
    const fs::path path = dir / name;
    fs::remove(path);
    fs::remove(path.string() + "-journal");
    return path.string();
}

struct Document {
    DocumentMeta meta;
    std::vector<Record> records;
};

Record located(const std::string& doc, const std::string& type, const std::string& rule, const std::string& text,
               std::size_t start) {
    Record r;
    r.doc = doc;
    r.type = type;
    r.rule = rule;
    r.text = text;
    r.start = start;
    r.end = start + 3;
    r.sentence = "依法审理行政复议案件," + text + "。";
    r.section = {"五、服务发展大局,依法妥善化解社会矛盾纠纷", "二是加强行政复议应诉工作"};
    return r;
}

Record indicator(const std::string& doc, const std::string& id, double value, std::size_t start = 10) {
    Record r = located(doc, "indicator", id, "收到行政复议申请" + metrex::format_number(value) + "件", start);
    r.indicator = id;
    r.label = "行政复议申请收案数";
    r.value = value;
    r.unit = "件";
    r.raw = metrex::format_number(value) + "件";
    r.qualifier = "exact";
    return r;
}

Record field(const std::string& doc, const std::string& name, const std::string& value) {
    Record r = located(doc, "field", "fields." + name, value, 0);
    r.name = name;
    r.value_text = value;
    r.section.clear();
    return r;
}

DocumentMeta meta(const std::string& id, const std::string& sha256 = "ab12") {
    DocumentMeta m;
    m.id = id;
    m.path = id;
    m.sha256 = sha256;
    m.chars = 5181;
    m.status = "ok";
    return m;
}

// Every record type and every optional field, with text that CSV must quote (commas,
// quotes, CR/LF) and JSON must escape, and values that test number formatting.
std::vector<Document> sample_batch() {
    const std::string a = "reports/昆山,2021 \"final\".txt";  // an id that CSV must quote
    std::vector<Document> docs;

    Document first{meta(a, std::string(64, 'a')), {}};
    first.records.push_back(field(a, "region", "昆山市"));
    first.records.push_back(field(a, "year", "2021年"));
    first.records.push_back(field(a, "title", "昆山市2021年法治政府建设工作报告"));
    first.records.push_back(field(a, "published", "2022-03-15"));
    {
        Record r = indicator(a, "reconsideration.received", 152, 100);
        r.sentence = "2023年,共收到行政复议申请152件,\"同比\"上升56.7%\r\n(含“去年结转”案件)";
        r.change = Change{"up", 56.7, "%", "同比", std::nullopt};
        r.subject = "行政复议, 含\"结转\"";
        r.planned = true;
        first.records.push_back(r);
    }
    {
        Record r = indicator(a, "reconsideration.scale", 97, 200);
        r.upper = 105;
        r.raw = "97至105项";
        r.qualifier = "approx";
        r.change = Change{"down", 3, "个百分点", "较上年", 56.0};  // whole numbers: "3", not "3.0"
        first.records.push_back(r);
    }
    {
        Record r = indicator(a, "money.amount", 348000000, 300);
        r.unit = "元";
        r.raw = "3.48亿元";
        first.records.push_back(r);
    }
    {
        Record r = indicator(a, "rate.satisfaction", 99.9, 400);
        r.unit = "%";
        r.qualifier = "at_least";
        first.records.push_back(r);
    }
    {
        Record r = indicator(a, "metric", 12.345678901234567, 450);  // needs all 17 digits
        r.label = "";  // an empty string is still a value, not NULL
        first.records.push_back(r);
    }
    {
        Record r = located(a, "indicator", "reconsideration.pending", "若干件", 470);
        r.indicator = "reconsideration.pending";  // no value: JSON null, SQL NULL, CSV empty
        r.unit = "件";
        r.raw = "若干件";
        r.qualifier = "approx";
        first.records.push_back(r);
    }
    {
        Record r = located(a, "program", "programs.reform", "“放管服”改革", 500);
        r.name = "放管服";
        r.category = "reform";
        r.head = "改革";
        r.canonical = "放管服改革";
        r.section = {};
        first.records.push_back(r);
    }
    {
        Record r = located(a, "program", "programs.platform", "“灵锡”APP", 520);
        r.name = "灵锡";
        r.category = "platform";
        r.head = "APP";
        r.unit = "stray";  // not a program field: no output may carry it
        first.records.push_back(r);
    }
    {
        Record r = located(a, "document", "documents.cited", "《无锡市重大行政决策程序规定》", 600);
        r.title = "无锡市重大行政决策程序规定";
        r.doc_type = "regulation";
        r.action = "issued";
        r.section = {"一、\"引号\",逗号", "line\nbreak"};
        first.records.push_back(r);
    }
    // One record of each type with EVERY field set: each format must still show only the
    // fields its type has (a guard: if to_json gains a key, the round trip notices).
    for (const std::string type : {"indicator", "program", "document", "field", "error"}) {
        Record r = located(a, type, "full." + type, "全字段", 700);
        r.planned = true;
        r.indicator = "x.full";
        r.label = "标签";
        r.value = 1.5;
        r.upper = 2.5;
        r.unit = "件";
        r.raw = "1.5件";
        r.qualifier = "approx";
        r.subject = "主体";
        r.change = Change{"up", 1, "件", "同比", 0.5};
        r.name = "名称";
        r.category = "other";
        r.head = "中心";
        r.canonical = "规范名";
        r.value_text = "值";
        r.title = "标题";
        r.doc_type = "policy";
        r.action = "cited";
        r.error = "code";
        r.message = "消息";
        first.records.push_back(r);
    }
    docs.push_back(first);

    Document bad{meta("scans/损坏.pdf", ""), {}};
    bad.meta.status = "error";
    bad.meta.error = "pdf-unreadable";
    bad.meta.chars = 0;
    bad.records.push_back(metrex::error_record("scans/损坏.pdf", "pdf-unreadable", "cannot read the PDF: \"xref\", damaged"));
    docs.push_back(bad);
    return docs;
}

void write_batch(RecordWriter& writer, const std::vector<Document>& docs, bool finish = true) {
    for (const auto& d : docs) {
        writer.begin_document(d.meta);
        for (const auto& r : d.records) writer.write(r);
        writer.end_document();
    }
    if (finish) writer.finish();
}

// ---- readers ----------------------------------------------------------------------------

// RFC 4180: fields separated by ',', records by CRLF, quoted fields may hold anything
// with '"' doubled. Fails the test on anything else (a bare LF, a stray quote).
std::vector<std::vector<std::string>> read_csv(const std::string& text) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string field;
    std::size_t i = 0;
    bool at_field_start = true;
    while (i < text.size()) {
        if (at_field_start && text[i] == '"') {
            ++i;
            while (true) {
                if (i >= text.size()) FAIL("unterminated quoted field");
                if (text[i] == '"') {
                    if (i + 1 < text.size() && text[i + 1] == '"') {
                        field += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                field += text[i++];
            }
            at_field_start = false;
            continue;
        }
        const char c = text[i];
        if (c == ',') {
            row.push_back(field);
            field.clear();
            at_field_start = true;
            ++i;
        } else if (c == '\r') {
            if (i + 1 >= text.size() || text[i + 1] != '\n') FAIL("CR without LF at byte " << i);
            row.push_back(field);
            rows.push_back(row);
            row.clear();
            field.clear();
            at_field_start = true;
            i += 2;
        } else {
            if (c == '\n') FAIL("bare LF outside quotes at byte " << i);
            if (c == '"') FAIL("quote inside an unquoted field at byte " << i);
            field += c;
            at_field_start = false;
            ++i;
        }
    }
    REQUIRE_MESSAGE((row.empty() && field.empty()), "last record does not end with CRLF");
    return rows;
}

// A record as column -> text over csv_columns(): "" for absent, numbers as
// format_number, booleans true/false, nested fields as their JSON text.
using View = std::map<std::string, std::string>;

View view_of_json(const std::string& line) {
    const auto j = nlohmann::ordered_json::parse(line);
    View v;
    for (const auto& column : csv_columns()) {
        std::string text;
        if (j.contains(column)) {
            const auto& x = j[column];
            if (x.is_string()) text = x.get<std::string>();
            else if (x.is_boolean()) text = x.get<bool>() ? "true" : "false";
            else if (x.is_number()) text = metrex::format_number(x.get<double>());
            else if (!x.is_null()) text = x.dump();
        }
        v[column] = text;
    }
    return v;
}

View view_of_csv(const std::vector<std::string>& header, const std::vector<std::string>& row) {
    REQUIRE(row.size() == header.size());
    View v;
    for (std::size_t i = 0; i < header.size(); ++i) v[header[i]] = row[i];
    return v;
}

// The store's row for one record, plus which of its columns are NULL.
struct SqlRow {
    View view;
    std::map<std::string, bool> null;
};

class Sql {
public:
    explicit Sql(const std::string& path) {
        REQUIRE(sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    }
    ~Sql() { sqlite3_close(db_); }
    Sql(const Sql&) = delete;
    Sql& operator=(const Sql&) = delete;

    // Rows of a query as text (NULL -> "NULL"), columns by name.
    std::vector<std::map<std::string, std::string>> rows(const std::string& sql) {
        sqlite3_stmt* s = nullptr;
        REQUIRE_MESSAGE(sqlite3_prepare_v2(db_, sql.c_str(), -1, &s, nullptr) == SQLITE_OK, sqlite3_errmsg(db_));
        std::vector<std::map<std::string, std::string>> out;
        while (sqlite3_step(s) == SQLITE_ROW) {
            std::map<std::string, std::string> row;
            for (int c = 0; c < sqlite3_column_count(s); ++c) {
                const auto* t = sqlite3_column_text(s, c);
                row[sqlite3_column_name(s, c)] =
                    sqlite3_column_type(s, c) == SQLITE_NULL ? "NULL" : reinterpret_cast<const char*>(t);
            }
            out.push_back(row);
        }
        sqlite3_finalize(s);
        return out;
    }
    std::string one(const std::string& sql) {
        const auto r = rows(sql);
        REQUIRE(r.size() == 1);
        REQUIRE(r[0].size() == 1);
        return r[0].begin()->second;
    }
    int type_of(const std::string& sql) {
        sqlite3_stmt* s = nullptr;
        REQUIRE(sqlite3_prepare_v2(db_, sql.c_str(), -1, &s, nullptr) == SQLITE_OK);
        REQUIRE(sqlite3_step(s) == SQLITE_ROW);
        const int t = sqlite3_column_type(s, 0);
        sqlite3_finalize(s);
        return t;
    }

    std::vector<SqlRow> records() {
        sqlite3_stmt* s = nullptr;
        REQUIRE(sqlite3_prepare_v2(db_, "SELECT * FROM records ORDER BY id", -1, &s, nullptr) == SQLITE_OK);
        std::vector<SqlRow> out;
        while (sqlite3_step(s) == SQLITE_ROW) {
            SqlRow row;
            std::map<std::string, int> index;
            for (int c = 0; c < sqlite3_column_count(s); ++c) index[sqlite3_column_name(s, c)] = c;
            const bool field_record =
                std::string(reinterpret_cast<const char*>(sqlite3_column_text(s, index.at("type")))) == "field";
            for (const auto& column : csv_columns()) {
                // JSON and CSV carry a field's value as "value"; the store as value_text.
                const std::string source = column == "value" && field_record ? "value_text" : column;
                REQUIRE_MESSAGE(index.count(source), "records has no column " << source);
                const int c = index.at(source);
                std::string text;
                switch (sqlite3_column_type(s, c)) {
                    case SQLITE_NULL: break;
                    case SQLITE_FLOAT: text = metrex::format_number(sqlite3_column_double(s, c)); break;
                    case SQLITE_INTEGER:
                        text = column == "planned" ? (sqlite3_column_int(s, c) ? "true" : "false")
                                                   : std::to_string(sqlite3_column_int64(s, c));
                        break;
                    default: text = reinterpret_cast<const char*>(sqlite3_column_text(s, c));
                }
                row.view[column] = text;
                row.null[column] = sqlite3_column_type(s, c) == SQLITE_NULL;
            }
            out.push_back(row);
        }
        sqlite3_finalize(s);
        return out;
    }

private:
    sqlite3* db_ = nullptr;
};

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

// ---- the three writers agree ------------------------------------------------------------

TEST_CASE("jsonl, csv and sqlite hold the same records, field by field") {
    const auto batch = sample_batch();

    std::ostringstream jsonl, csv;
    write_batch(*jsonl_writer(jsonl), batch);
    write_batch(*csv_writer(csv, {true}), batch);
    const std::string db = temp_path("roundtrip.db");
    write_batch(*sqlite_writer(db), batch);

    std::vector<Record> all;
    for (const auto& d : batch) all.insert(all.end(), d.records.begin(), d.records.end());

    std::vector<std::string> json_lines;
    {
        std::istringstream in(jsonl.str());
        for (std::string line; std::getline(in, line);) json_lines.push_back(line);
    }
    std::string csv_text = csv.str();
    REQUIRE(csv_text.rfind("\xEF\xBB\xBF", 0) == 0);
    const auto csv_rows = read_csv(csv_text.substr(3));
    Sql sql(db);
    const auto sql_rows = sql.records();

    REQUIRE(json_lines.size() == all.size());
    REQUIRE(csv_rows.size() == all.size() + 1);
    REQUIRE(sql_rows.size() == all.size());
    CHECK(csv_rows[0] == csv_columns());

    for (std::size_t i = 0; i < all.size(); ++i) {
        CAPTURE(i);
        CAPTURE(all[i].type);
        const View from_json = view_of_json(json_lines[i]);
        const View from_csv = view_of_csv(csv_rows[0], csv_rows[i + 1]);
        const View& from_sql = sql_rows[i].view;
        for (const auto& column : csv_columns()) {
            CAPTURE(column);
            CHECK(from_csv.at(column) == from_json.at(column));
            CHECK(from_sql.at(column) == from_json.at(column));
        }
        // NULL in the store exactly where the JSON has no value.
        const auto j = nlohmann::json::parse(json_lines[i]);
        for (const auto& column : csv_columns()) {
            CAPTURE(column);
            CHECK(sql_rows[i].null.at(column) == (!j.contains(column) || j[column].is_null()));
        }
    }

    // Spot checks against the records themselves, so agreeing on a wrong value fails too.
    const View& change = sql_rows[4].view;
    CHECK(change.at("doc") == "reports/昆山,2021 \"final\".txt");
    CHECK(change.at("sentence") == all[4].sentence);  // CR LF and quotes survive every format
    CHECK(change.at("subject") == "行政复议, 含\"结转\"");
    CHECK(change.at("change") == R"({"direction":"up","value":56.7,"unit":"%","basis":"同比"})");
    CHECK(change.at("planned") == "true");
    CHECK(change.at("section") == R"(["五、服务发展大局,依法妥善化解社会矛盾纠纷","二是加强行政复议应诉工作"])");
    CHECK(sql_rows[5].view.at("change") == R"({"direction":"down","value":3,"unit":"个百分点","basis":"较上年","from":56})");
    CHECK(sql_rows[5].view.at("upper") == "105");
    CHECK(sql_rows[6].view.at("value") == "348000000");
    CHECK(sql_rows[7].view.at("value") == "99.9");
    CHECK(sql_rows[8].view.at("value") == "12.345678901234567");
    CHECK(sql_rows[8].null.at("label") == false);  // "" is kept as ""
    CHECK(sql_rows[9].null.at("value"));
    CHECK(sql_rows[10].view.at("canonical") == "放管服改革");
    CHECK(sql_rows[11].null.at("canonical"));
    CHECK(sql_rows[11].null.at("unit"));  // a stray field of another type is not stored
    CHECK(view_of_csv(csv_rows[0], csv_rows[12]).at("unit").empty());
    CHECK(sql_rows[12].view.at("section") == R"(["一、\"引号\",逗号","line\nbreak"])");
    CHECK(sql_rows[1].view.at("value") == "2021年");  // a field's value, as text
    CHECK(sql.one("SELECT value_text FROM records WHERE name = 'year'") == "2021年");
    CHECK(sql.one("SELECT value FROM records WHERE name = 'year'") == "NULL");
    CHECK(sql_rows[15].view.at("canonical") == "规范名");  // the full document record
    CHECK(sql_rows[15].null.at("name"));
    const View& error = sql_rows.back().view;
    CHECK(error.at("type") == "error");
    CHECK(error.at("message") == "cannot read the PDF: \"xref\", damaged");
    CHECK(sql_rows.back().null.at("start"));
    CHECK(sql.type_of("SELECT value FROM records WHERE indicator = 'money.amount'") == SQLITE_FLOAT);
    CHECK(sql.type_of("SELECT \"start\" FROM records WHERE indicator = 'money.amount'") == SQLITE_INTEGER);
}

TEST_CASE("csv: BOM, CRLF line ends, RFC 4180 quoting, fixed column order") {
    std::ostringstream with_bom, without_bom;
    write_batch(*csv_writer(with_bom, {true}), sample_batch());
    write_batch(*csv_writer(without_bom), sample_batch());
    CHECK(with_bom.str() == "\xEF\xBB\xBF" + without_bom.str());
    CHECK(without_bom.str().rfind("doc,type,rule,text,start,end,sentence,section,planned,indicator,label,value,"
                                  "upper,unit,raw,qualifier,subject,change,name,category,head,canonical,title,"
                                  "doc_type,action,error,message\r\n",
                                  0) == 0);
    CHECK(without_bom.str().find("\"reports/昆山,2021 \"\"final\"\".txt\",field,") != std::string::npos);
    CHECK(without_bom.str().find("\r\nscans/损坏.pdf,error,,,,,,,,,,,,,,,,,,,,,,,,pdf-unreadable,"
                                 "\"cannot read the PDF: \"\"xref\"\", damaged\"\r\n") != std::string::npos);
    const auto rows = read_csv(without_bom.str());
    for (const auto& row : rows) CHECK(row.size() == csv_columns().size());
}

// ---- the store --------------------------------------------------------------------------

TEST_CASE("sqlite: schema version and documents table") {
    const std::string db = temp_path("documents.db");
    SqliteOptions options;
    options.extracted_at = "2024-05-01T08:00:00Z";
    write_batch(*sqlite_writer(db, options), sample_batch());
    Sql sql(db);
    CHECK(sql.one("PRAGMA user_version") == std::to_string(kSchemaVersion));
    const auto docs = sql.rows("SELECT * FROM documents ORDER BY id");
    REQUIRE(docs.size() == 2);
    const auto& a = docs[0];
    CHECK(a.at("id") == "reports/昆山,2021 \"final\".txt");
    CHECK(a.at("region") == "昆山市");
    CHECK(a.at("year") == "2021");
    CHECK(a.at("title") == "昆山市2021年法治政府建设工作报告");
    CHECK(a.at("published") == "2022-03-15");
    CHECK(a.at("sha256") == std::string(64, 'a'));
    CHECK(a.at("chars") == "5181");
    CHECK(a.at("status") == "ok");
    CHECK(a.at("error") == "NULL");
    CHECK(a.at("extracted_at") == "2024-05-01T08:00:00Z");
    CHECK(sql.type_of("SELECT year FROM documents WHERE region = '昆山市'") == SQLITE_INTEGER);
    const auto& bad = docs[1];
    CHECK(bad.at("status") == "error");
    CHECK(bad.at("error") == "pdf-unreadable");
    CHECK(bad.at("sha256") == "NULL");
    CHECK(bad.at("region") == "NULL");
    CHECK(bad.at("year") == "NULL");
    // The view joins the two.
    CHECK(sql.one("SELECT count(*) FROM indicator_values WHERE region = '昆山市' AND year = 2021") == "7");
}

TEST_CASE("sqlite: year from the year field: 2021, 2021年, 二〇二二年; none when there is no year") {
    const std::string db = temp_path("years.db");
    {
        auto w = sqlite_writer(db);
        const std::vector<std::pair<std::string, std::string>> cases = {
            {"a", "2021"}, {"b", "2021年"}, {"c", "二〇二二年"}, {"d", "二零二三年度"}, {"e", "去年"}};
        for (const auto& [id, year] : cases) {
            w->begin_document(meta(id));
            w->write(field(id, "year", year));
            w->end_document();
        }
        w->finish();
    }
    Sql sql(db);
    const auto rows = sql.rows("SELECT id, year FROM documents ORDER BY id");
    REQUIRE(rows.size() == 5);
    CHECK(rows[0].at("year") == "2021");
    CHECK(rows[1].at("year") == "2021");
    CHECK(rows[2].at("year") == "2022");
    CHECK(rows[3].at("year") == "2023");
    CHECK(rows[4].at("year") == "NULL");
}

TEST_CASE("sqlite: re-running replaces a document's rows, never duplicates them") {
    const std::string db = temp_path("rerun.db");
    const auto batch = sample_batch();
    write_batch(*sqlite_writer(db), batch);
    const auto first = store_counts(db);
    CHECK(first.documents == 2);
    CHECK(first.records == 19);

    SUBCASE("same documents, same content") {
        write_batch(*sqlite_writer(db), batch);
        const auto again = store_counts(db);
        CHECK(again.documents == first.documents);
        CHECK(again.records == first.records);
    }
    SUBCASE("a changed document (new sha256, fewer records) replaces the old one") {
        Document changed = batch[0];
        changed.meta.sha256 = std::string(64, 'b');
        changed.records.resize(3);
        write_batch(*sqlite_writer(db), {changed});
        const auto after = store_counts(db);
        CHECK(after.documents == 2);  // the other document is left alone
        CHECK(after.records == 3 + 1);
        Sql sql(db);
        CHECK(sql.one("SELECT sha256 FROM documents WHERE region = '昆山市'") == std::string(64, 'b'));
        CHECK(sql.one("SELECT count(*) FROM documents WHERE status = 'error'") == "1");
    }
    SUBCASE("the same id twice in one batch keeps the second") {
        Document twice = batch[0];
        twice.records.resize(2);
        write_batch(*sqlite_writer(db), {batch[0], twice});
        CHECK(store_counts(db).records == 2 + 1);
    }
}

TEST_CASE("sqlite: a batch that is never finished is rolled back") {
    const std::string db = temp_path("rollback.db");
    SUBCASE("new store: nothing is kept, the schema is") {
        {
            auto w = sqlite_writer(db);
            write_batch(*w, sample_batch(), /*finish=*/false);
        }
        const auto counts = store_counts(db);
        CHECK(counts.documents == 0);
        CHECK(counts.records == 0);
    }
    SUBCASE("existing store: the committed batch is untouched") {
        write_batch(*sqlite_writer(db), sample_batch());
        {
            auto w = sqlite_writer(db);
            Document changed = sample_batch()[0];
            changed.meta.sha256 = "cafe";
            changed.records.resize(1);
            write_batch(*w, {changed}, /*finish=*/false);
            w->begin_document(meta("half-written"));  // destroyed inside a document
            w->write(field("half-written", "region", "无锡市"));
        }
        const auto counts = store_counts(db);
        CHECK(counts.documents == 2);
        CHECK(counts.records == 19);
        Sql sql(db);
        CHECK(sql.one("SELECT sha256 FROM documents WHERE region = '昆山市'") == std::string(64, 'a'));
    }
    SUBCASE("a writer error leaves the store as it was, and a new writer can run") {
        write_batch(*sqlite_writer(db), sample_batch());
        {
            auto w = sqlite_writer(db);
            w->begin_document(meta("x"));
            CHECK_THROWS_AS(w->write(field("not-x", "region", "无锡市")), std::logic_error);
        }
        write_batch(*sqlite_writer(db), sample_batch());
        CHECK(store_counts(db).records == 19);
    }
}

TEST_CASE("sqlite: errors name the database in plain words") {
    SUBCASE("a directory that does not exist") {
        const std::string path = temp_path("no-such-dir") + "/x.db";
        const std::string expected = "cannot open database '" + path + "': unable to open database file";
        CHECK_THROWS_WITH_AS(sqlite_writer(path), expected.c_str(), StoreError);
    }
    SUBCASE("a file that is not a database") {
        const std::string path = temp_path("not-a-db.db");
        std::ofstream(path) << "doc,type\r\nsome,csv\r\n";
        const std::string expected = "cannot open database '" + path + "': file is not a database";
        CHECK_THROWS_WITH_AS(sqlite_writer(path), expected.c_str(), StoreError);
        CHECK(read_file(path) == "doc,type\r\nsome,csv\r\n");  // and it is left alone
    }
    SUBCASE("another schema version") {
        const std::string path = temp_path("version7.db");
        sqlite3* raw = nullptr;
        REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
        REQUIRE(sqlite3_exec(raw, "CREATE TABLE t(x); PRAGMA user_version = 7", nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(raw);
        const std::string expected = "'" + path + "' has schema version 7; this metrex reads and writes version 1";
        CHECK_THROWS_WITH_AS(sqlite_writer(path), expected.c_str(), StoreError);
        CHECK_THROWS_AS(read_panel(path, "x"), StoreError);
    }
    SUBCASE("someone else's database") {
        const std::string path = temp_path("foreign.db");
        sqlite3* raw = nullptr;
        REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
        REQUIRE(sqlite3_exec(raw, "CREATE TABLE t(x)", nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(raw);
        const std::string expected = "'" + path + "' is not a metrex store (it has other tables and no schema version)";
        CHECK_THROWS_WITH_AS(sqlite_writer(path), expected.c_str(), StoreError);
    }
    SUBCASE("reading a store that does not exist does not create it") {
        const std::string path = temp_path("missing.db");
        const std::string expected = "cannot open database '" + path + "': unable to open database file";
        CHECK_THROWS_WITH_AS(store_counts(path), expected.c_str(), StoreError);
        CHECK_THROWS_AS(read_panel(path, "x"), StoreError);
        CHECK_FALSE(fs::exists(path));
    }
}

// ---- the panel --------------------------------------------------------------------------

namespace {

// 昆山市 2021 and 2022, 无锡市 2022, 南湖区 2023, and a document with no region.
std::string panel_store() {
    const std::string db = temp_path("panel.db");
    auto w = sqlite_writer(db);
    auto doc = [&](const std::string& id, const std::string& region, const std::string& year,
                   std::vector<Record> records) {
        w->begin_document(meta(id));
        if (!region.empty()) w->write(field(id, "region", region));
        if (!year.empty()) w->write(field(id, "year", year));
        for (auto& r : records) {
            r.doc = id;
            w->write(r);
        }
        w->end_document();
    };
    const std::string recv = "reconsideration.received", rate = "rate.satisfaction";
    auto planned = indicator("", recv, 200);
    planned.planned = true;
    auto range = indicator("", recv, 97);
    range.upper = 105;
    auto percent = indicator("", rate, 99.5);
    percent.unit = "%";
    percent.label = "满意率";
    doc("kunshan-2021.txt", "昆山市", "2021年", {indicator("", recv, 169), planned, percent});
    doc("kunshan-2022.txt", "昆山市", "2022年",
        {indicator("", recv, 180), indicator("", recv, 181), indicator("", recv, 180)});
    doc("wuxi-2022.txt", "无锡市", "2022", {indicator("", recv, 1356)});
    doc("nanhu-2023.txt", "南湖区", "2023", {range});
    doc("unknown.txt", "", "2023", {indicator("", recv, 7)});
    w->finish();
    return db;
}

}  // namespace

TEST_CASE("panel: regions x years, distinct non-planned values joined by ';'") {
    const std::string db = panel_store();
    const Panel p = read_panel(db, "reconsideration.received");
    CHECK(p.label == "行政复议申请收案数");
    CHECK(p.units == std::vector<std::string>{"件"});
    CHECK(p.regions == std::vector<std::string>{"南湖区", "无锡市", "昆山市"});  // code point order
    CHECK(p.years == std::vector<long long>{2021, 2022, 2023});
    CHECK(p.records == 8);
    CHECK(p.planned == 1);
    CHECK(p.unplaced == std::vector<std::string>{"unknown.txt"});
    using Cells = std::vector<std::string>;
    CHECK(p.cells[0][2] == Cells{"97~105"});
    CHECK(p.cells[1][1] == Cells{"1356"});
    CHECK(p.cells[2][0] == Cells{"169"});  // the planned 200 is left out
    CHECK(p.cells[2][1] == Cells{"180", "181"});
    CHECK(p.cells[2][2].empty());

    const Panel none = read_panel(db, "no.such.indicator");
    CHECK(none.records == 0);
    CHECK(none.regions.empty());

    CHECK(panel_text({p, read_panel(db, "rate.satisfaction")}) ==
          "reconsideration.received 行政复议申请收案数 (件)\n"
          "region  2021     2022    2023\n"
          "南湖区     -        -  97~105\n"
          "无锡市     -     1356       -\n"
          "昆山市   169  180;181       -\n"
          "\n"
          "rate.satisfaction 满意率 (%)\n"
          "region  2021\n"
          "昆山市  99.5\n");
    CHECK(panel_text({none}) == "no.such.indicator\n(no values with a region and year)\n");
    CHECK(panel_csv({p, read_panel(db, "rate.satisfaction")}) ==
          "indicator,region,2021,2022,2023\r\n"
          "reconsideration.received,南湖区,,,97~105\r\n"
          "reconsideration.received,无锡市,,1356,\r\n"
          "reconsideration.received,昆山市,169,180;181,\r\n"
          "rate.satisfaction,昆山市,99.5,,\r\n");
}

TEST_CASE("display_width: East Asian wide characters count 2") {
    CHECK(display_width("") == 0);
    CHECK(display_width("region") == 6);
    CHECK(display_width("昆山市") == 6);
    CHECK(display_width("97~105") == 6);
    CHECK(display_width("ＡＢ") == 4);        // fullwidth forms
    CHECK(display_width("“灵锡”APP") == 9);  // curly quotes are ambiguous width: 1
    CHECK(display_width("e\xCC\x81") == 1);   // e + combining acute
    CHECK(display_width("\xFF") == 1);        // invalid UTF-8 counts as one replacement
}
