// One real report in many forms (tests/corpus/forms/README.md: UTF-8 with and without
// BOM, GB18030, UTF-16LE/BE, traditional characters, full-width digits and punctuation,
// web debris and spaces inside quantities, an HTML page, a multi-page PDF) must yield the
// same facts as the UTF-8 original, with offsets that are right for each form.
//
// For every form, extracted with the bundled rules (METREX_SOURCE_DIR/rules):
//   (a) the multiset of (indicator, value, unit, qualifier) of indicator records equals
//       the UTF-8 original's;
//   (b) field records (region, year, title, issuer, doc_number, published) have the
//       original's values, except those a form does not keep (listed per form, with why);
//   (c) for every record, the form's decoded text [start:end] (code points, counted here,
//       not by the engine) is the record's `text`, and `text` lies in its `sentence`;
//       records are paired with the original's by their key (the tuple above for
//       indicators; name/category/head for programs; title/doc_type/action for documents;
//       name/value for fields; the n-th occurrence with the n-th) and paired records have
//       the same `text` after normalise_fragment, the same `planned`, `subject`, `change`
//       and `section` (headings compared after normalise_fragment; not for fields, which
//       a form may hold in another place);
//   (d) the multisets of programs and documents (and so their counts) agree.
// Allowed difference, by design: normalise() keeps 著乾藉瞭 (they are simplified
// characters too, as in 显著), so a traditional form keeps them where the simplified
// original has 着干借了; the comparison of the traditional form folds those four
// characters on both sides. (於 is not kept: 關於 becomes 关于.)
// A failure prints the form, the record (JSON) and the difference.
// Set METREX_FORMS_DUMP=<dir> to write each form's decoded text and records there.
#include <doctest/doctest.h>

#include "tests/unit/bundled_rules.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "engine/compile/compile.hpp"
#include "engine/match/match.hpp"
#include "engine/records/records.hpp"
#include "engine/rules/rules.hpp"
#include "engine/text/text.hpp"

using metrex::Record;
namespace fs = std::filesystem;

namespace {

const fs::path kForms = fs::path(METREX_TEST_DATA_DIR) / "corpus" / "forms";

struct Form {
    const char* file;
    const char* encoding;  // what the loader must report
    const char* format;
    bool same_text;       // decodes to exactly the original text (then offsets are equal too)
    bool fold_kept_hant;  // traditional: fold 著乾藉瞭 before comparing
    std::set<std::string> fields_not_kept;
};

const std::vector<Form>& forms() {
    static const std::vector<Form> all = {
        {"kunshan.utf8-bom.txt", "UTF-8", "text", true, false, {}},
        {"kunshan.gb18030.txt", "GB18030", "text", true, false, {}},
        {"kunshan.utf16le-bom.txt", "UTF-16LE", "text", true, false, {}},
        {"kunshan.utf16be-bom.txt", "UTF-16BE", "text", true, false, {}},
        {"kunshan.traditional.txt", "UTF-8", "text", false, true, {}},
        {"kunshan.fullwidth.txt", "UTF-8", "text", false, false, {}},
        {"kunshan.debris.txt", "UTF-8", "text", false, false, {}},
        {"kunshan.html", "UTF-8", "html", false, false, {}},
        {"kunshan.pdf", "", "pdf", false, false, {}},
    };
    return all;
}

using metrex_test::bundled_rules;

// s[start:end] in code points, counted independently of the engine.
std::string slice(const std::string& s, std::size_t start, std::size_t end) {
    std::size_t cp = 0, begin = std::string::npos, stop = std::string::npos;
    for (std::size_t i = 0; i <= s.size(); ++i) {
        const bool boundary = i == s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
        if (!boundary) continue;
        if (cp == start) begin = i;
        if (cp == end) {
            stop = i;
            break;
        }
        ++cp;
    }
    if (begin == std::string::npos || stop == std::string::npos) return "<out of range>";
    return s.substr(begin, stop - begin);
}

std::string fold(std::string s, bool kept_hant) {
    if (!kept_hant) return s;
    static const std::pair<const char*, const char*> kFold[] = {
        {"著", "着"}, {"乾", "干"}, {"藉", "借"}, {"瞭", "了"}};
    for (const auto& [from, to] : kFold)
        for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at))
            s.replace(at, std::string(from).size(), to);
    return s;
}

std::string number(const std::optional<double>& v) { return v ? metrex::format_number(*v) : "-"; }

std::string key(const Record& r, bool kept_hant) {
    if (r.type == "indicator")
        return "indicator|" + r.indicator + "|" + number(r.value) + "|" + r.unit + "|" + r.qualifier;
    if (r.type == "program")
        return "program|" + fold(r.name, kept_hant) + "|" + r.category + "|" + fold(r.head, kept_hant);
    if (r.type == "document") return "document|" + fold(r.title, kept_hant) + "|" + r.doc_type + "|" + r.action;
    if (r.type == "field") return "field|" + r.name + "|" + fold(r.value_text, kept_hant);
    return r.type + "|" + r.error;
}

std::string change(const Record& r) {
    if (!r.change) return "-";
    return r.change->direction + " " + number(r.change->value) + r.change->unit + " " + r.change->basis + " from " +
           number(r.change->from);
}

std::string section(const Record& r, bool kept_hant) {
    std::string out;
    for (const auto& heading : r.section) out += "[" + fold(metrex::text::normalise_fragment(heading), kept_hant) + "]";
    return out;
}

struct Extracted {
    metrex::text::Loaded loaded;
    std::vector<Record> records;
};

Extracted extract(const std::string& file) {
    Extracted e;
    e.loaded = metrex::text::load_document(kForms / file);
    if (e.loaded.error) return e;
    const auto doc = metrex::text::normalise(e.loaded.text);
    e.records = metrex::match::extract(*bundled_rules(), file, doc);
    if (const char* dump = std::getenv("METREX_FORMS_DUMP")) {
        fs::create_directories(dump);
        std::ofstream(fs::path(dump) / (file + ".decoded.txt"), std::ios::binary) << e.loaded.text;
        std::ofstream out(fs::path(dump) / (file + ".jsonl"), std::ios::binary);
        for (const auto& r : e.records) out << metrex::to_json(r) << '\n';
    }
    return e;
}

const Extracted& reference() {
    static const Extracted ref = extract("kunshan.utf8.txt");
    return ref;
}

std::map<std::string, std::vector<const Record*>> by_key(const std::vector<Record>& records, bool kept_hant) {
    std::map<std::string, std::vector<const Record*>> out;
    for (const auto& r : records) out[key(r, kept_hant)].push_back(&r);
    return out;
}

}  // namespace

TEST_CASE("forms: the UTF-8 original yields the facts the other forms are compared with") {
    const auto& ref = reference();
    REQUIRE_FALSE(ref.loaded.error);
    std::map<std::string, int> types;
    for (const auto& r : ref.records) ++types[r.type];
    CHECK(types["indicator"] >= 50);
    CHECK(types["program"] >= 20);
    CHECK(types["document"] >= 5);
    std::map<std::string, std::string> fields;
    for (const auto& r : ref.records)
        if (r.type == "field") fields[r.name] = r.value_text;
    CHECK(fields["region"] == "昆山市");
    CHECK(fields["year"] == "2021");
    CHECK(fields["title"] == "昆山市2021年法治政府建设年度报告");
    CHECK(fields["doc_number"] == "昆政呈〔2022〕6号");
    CHECK(fields["published"] == "2022-03-15");
    CHECK(fields["issuer"] == "昆山市人民政府");
}

TEST_CASE("forms: every form yields the original's facts, with offsets into its own text") {
    const auto& ref = reference();
    REQUIRE_FALSE(ref.loaded.error);
    for (const auto& form : forms()) {
        const std::string file = form.file;
        CAPTURE(file);
        const Extracted got = extract(file);
        if (got.loaded.error) {
            FAIL_CHECK(file << ": " << got.loaded.error->code << " " << got.loaded.error->message);
            continue;
        }
        CHECK(got.loaded.format == form.format);
        if (*form.encoding) CHECK(got.loaded.encoding == form.encoding);
        if (form.same_text) CHECK_MESSAGE(got.loaded.text == ref.loaded.text, file << ": decoded text differs");

        // (c) offsets: the form's own text at [start:end] is the record's text.
        for (const auto& r : got.records) {
            const std::string at = slice(got.loaded.text, r.start, r.end);
            CHECK_MESSAGE(at == r.text, file << ": text[" << r.start << ":" << r.end << "] is '" << at
                                             << "', record says '" << r.text << "'\n  " << metrex::to_json(r));
            CHECK_MESSAGE(r.sentence.find(r.text) != std::string::npos,
                          file << ": text not in its sentence\n  " << metrex::to_json(r));
        }

        const bool hant = form.fold_kept_hant;
        const auto want = by_key(ref.records, hant);
        const auto have = by_key(got.records, hant);
        std::set<std::string> keys;
        for (const auto& [k, v] : want) keys.insert(k);
        for (const auto& [k, v] : have) keys.insert(k);
        for (const auto& k : keys) {
            static const std::vector<const Record*> kNone;
            const auto& w = want.count(k) ? want.at(k) : kNone;
            const auto& h = have.count(k) ? have.at(k) : kNone;
            const bool is_field = k.rfind("field|", 0) == 0;
            if (is_field) {
                const std::string name = (w.empty() ? h : w).front()->name;
                if (form.fields_not_kept.count(name)) continue;
            }
            // (a), (b), (d): the same number of records with this key.
            for (std::size_t i = h.size(); i < w.size(); ++i)
                FAIL_CHECK(file << ": MISSING " << k << "\n  original: " << metrex::to_json(*w[i]));
            for (std::size_t i = w.size(); i < h.size(); ++i)
                FAIL_CHECK(file << ": EXTRA " << k << "\n  " << metrex::to_json(*h[i]));
            // (c) paired records: same text after normalisation, same planned/subject/change.
            for (std::size_t i = 0; i < std::min(w.size(), h.size()); ++i) {
                const Record& a = *w[i];
                const Record& b = *h[i];
                const auto ta = fold(metrex::text::normalise_fragment(a.text), hant);
                const auto tb = fold(metrex::text::normalise_fragment(b.text), hant);
                CHECK_MESSAGE(ta == tb, file << ": " << k << " text '" << tb << "' vs original '" << ta << "'\n  "
                                             << metrex::to_json(b));
                CHECK_MESSAGE(a.planned == b.planned,
                              file << ": " << k << " planned differs\n  " << metrex::to_json(b));
                CHECK_MESSAGE(fold(a.subject, hant) == fold(b.subject, hant),
                              file << ": " << k << " subject '" << b.subject << "' vs '" << a.subject << "'");
                CHECK_MESSAGE(change(a) == change(b),
                              file << ": " << k << " change " << change(b) << " vs " << change(a));
                // A field may be read from another place in another form (the HTML's
                // information table has the issuer in a row with its label): no section check.
                if (!is_field)
                    CHECK_MESSAGE(section(a, hant) == section(b, hant),
                                  file << ": " << k << " section " << section(b, hant) << " vs original "
                                       << section(a, hant) << "\n  " << metrex::to_json(b));
                if (form.same_text)
                    CHECK_MESSAGE((a.start == b.start && a.end == b.end), file << ": " << k << " offsets " << b.start
                                                                               << "-" << b.end << " vs " << a.start
                                                                               << "-" << a.end);
            }
        }
    }
}
