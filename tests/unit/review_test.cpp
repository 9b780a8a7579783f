// Tests for the review page builder (engine/output review_segments / review_html): text
// cut into non-overlapping segments at every record's start and end (nested, crossing
// and identical spans), code point offsets with astral characters and ill-formed bytes,
// escaping of every text the page shows, and the page-wide record numbering. The page
// in a real browser is tested by tests/review/review_page.sh.
#include "engine/output/output.hpp"

#include <doctest/doctest.h>

#include <regex>
#include <string>
#include <vector>

using metrex::Record;
using namespace metrex::output;

namespace {

Record span(std::size_t start, std::size_t end, const std::string& type = "indicator", const std::string& text = "") {
    Record r;
    r.doc = "d";
    r.type = type;
    r.rule = "rule." + std::to_string(start) + "." + std::to_string(end);
    r.text = text;
    r.start = start;
    r.end = end;
    if (type == "indicator") r.indicator = "ind." + std::to_string(start);
    return r;
}

// "start-end:records" for each segment, e.g. "0-1: 1-3:0 3-5:0,1,2".
std::string dump(const std::vector<ReviewSegment>& segments) {
    std::string out;
    for (const auto& s : segments) {
        if (!out.empty()) out += ' ';
        out += std::to_string(s.start) + '-' + std::to_string(s.end) + ':';
        for (std::size_t i = 0; i < s.records.size(); ++i) out += (i ? "," : "") + std::to_string(s.records[i]);
    }
    return out;
}

// The first document's text block with each mark reduced to "[N" ... "]" (N = data-record).
std::string text_block(const std::string& html) {
    const std::string open = "<div class=\"text\">";
    const auto a = html.find(open);
    REQUIRE(a != std::string::npos);
    const auto b = html.find("</div>", a);
    std::string block = html.substr(a + open.size(), b - a - open.size());
    block = std::regex_replace(block, std::regex("<mark [^>]*data-record=\"([0-9]+)\"[^>]*>"), "[$1");
    return std::regex_replace(block, std::regex("</mark>"), "]");
}

std::size_t count(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("segments: nested and crossing spans are cut at every start and end") {
    // A [1,6) holds C [3,5); B [3,8) crosses A.
    const std::vector<Record> records{span(1, 6), span(3, 8), span(3, 5)};
    const auto segments = review_segments("abcdefghij", records);
    CHECK(dump(segments) == "0-1: 1-3:0 3-5:0,1,2 5-6:0,1 6-8:1 8-10:");
}

TEST_CASE("segments: outermost first; identical spans keep input order") {
    const std::vector<Record> records{span(2, 4), span(0, 6), span(2, 4)};
    CHECK(dump(review_segments("abcdef", records)) == "0-2:1 2-4:1,0,2 4-6:1");
}

TEST_CASE("segments: touching spans do not overlap") {
    CHECK(dump(review_segments("abcd", {span(0, 2), span(2, 4)})) == "0-2:0 2-4:1");
}

TEST_CASE("segments: records without a place in the text are left out") {
    auto error = span(0, 2, "error");
    const std::vector<Record> records{error, span(1, 1), span(2, 9), span(3, 2)};
    CHECK(dump(review_segments("abcd", records)) == "0-4:");
    CHECK(review_segments("", {span(0, 1)}).empty());
}

TEST_CASE("segments: code point offsets map to UTF-8 bytes, astral characters included") {
    // a 𠀀 b 《 c 》 😀 d : 𠀀 (U+20000) and 😀 (U+1F600) are 4 bytes and 1 code point
    // (2 UTF-16 units in JavaScript, which is why the page never cuts text itself).
    const std::string text = "a\xF0\xA0\x80\x80" "b《c》\xF0\x9F\x98\x80" "d";
    const auto segments = review_segments(text, {span(1, 3), span(6, 8)});
    REQUIRE(dump(segments) == "0-1: 1-3:0 3-6: 6-8:1");
    const auto piece = [&](const ReviewSegment& s) { return text.substr(s.byte_begin, s.byte_end - s.byte_begin); };
    CHECK(piece(segments[1]) == "\xF0\xA0\x80\x80" "b");
    CHECK(piece(segments[2]) == "《c》");
    CHECK(piece(segments[3]) == "\xF0\x9F\x98\x80" "d");
    CHECK(segments.back().byte_end == text.size());
}

TEST_CASE("segments: an ill-formed byte is one code point, as in engine/text") {
    const std::string text = "a\xFF\xE4\xB8" "b";  // a, bad byte, truncated sequence (2 bytes), b
    const auto segments = review_segments(text, {span(4, 5)});
    REQUIRE(dump(segments) == "0-4: 4-5:0");
    CHECK(segments[1].byte_begin == 4);
    CHECK(text.substr(segments[1].byte_begin) == "b");
}

TEST_CASE("page: crossing records render as nested marks per segment") {
    ReviewDocument doc{"d.txt", "ABCDE", {span(0, 3, "document"), span(2, 5, "program")}, ""};
    const auto html = review_html({doc});
    CHECK(text_block(html) == "[0AB][0[1C]][1DE]");
    CHECK(html.find("data-record=\"0\" data-type=\"document\" data-rule=\"rule.0.3\" data-indicator=\"\"") !=
          std::string::npos);
    // The first and last piece of a record are marked (rounded ends): AB | C and C | DE.
    CHECK(html.find("class=\"m t-document s\"") != std::string::npos);
    CHECK(html.find("class=\"m t-document e\"") != std::string::npos);
    CHECK(html.find("class=\"m t-program s\"") != std::string::npos);
    CHECK(html.find("class=\"m t-program e\"") != std::string::npos);
}

TEST_CASE("page: every text is escaped, in content, attributes and the embedded JSON") {
    Record r = span(1, 4, "indicator", "<b>");
    r.rule = "r\"'1";
    r.indicator = "x<y";
    r.sentence = "</script><script>alert(1)</script>";
    ReviewDocument doc{"<id&\">", "a<b>&\"c\"\r\nd", {r}, ""};
    ReviewOptions options;
    options.title = "T<&>";
    const auto html = review_html({doc}, options);
    CHECK(text_block(html) == "a[0&lt;b&gt;]&amp;&quot;c&quot;&#x0D;\nd");
    CHECK(html.find("data-rule=\"r&quot;&#39;1\" data-indicator=\"x&lt;y\"") != std::string::npos);
    CHECK(html.find("<h2>&lt;id&amp;&quot;&gt;</h2>") != std::string::npos);
    CHECK(html.find("<title>T&lt;&amp;&gt;</title>") != std::string::npos);
    CHECK(html.find("<option value=\"x&lt;y\">") != std::string::npos);
    // Two <script> elements, each closed once: the record's "</script>" is \u003c/script\u003e.
    CHECK(count(html, "</script>") == 2);
    CHECK(html.find("\\u003c/script\\u003e\\u003cscript\\u003ealert(1)") != std::string::npos);
}

TEST_CASE("page: ill-formed bytes print as U+FFFD; the page stays valid UTF-8") {
    ReviewDocument doc{"d", "a\xFF" "b", {span(2, 3, "indicator", "b")}, ""};
    const auto html = review_html({doc});
    CHECK(text_block(html) == "a\xEF\xBF\xBD[0b]");
    CHECK(html.find('\xFF') == std::string::npos);
}

TEST_CASE("page: records are numbered across documents; unplaced ones are listed") {
    ReviewDocument one{"one", "abc", {span(0, 1), span(1, 2)}, ""};
    Record field = span(0, 0, "field");
    field.name = "year";
    field.value_text = "2021";
    ReviewDocument two{"two", "xyz", {span(1, 3), field}, ""};
    ReviewDocument bad{"bad", "", {metrex::error_record("bad", "undecodable", "invalid byte at 3")},
                       "invalid byte at 3"};
    const auto html = review_html({one, two, bad});
    CHECK(html.find("data-record=\"2\" data-type=\"indicator\" data-rule=\"rule.1.3\"") != std::string::npos);
    CHECK(html.find("<button class=\"chip t-field\" data-record=\"3\" data-type=\"field\">year: 2021</button>") !=
          std::string::npos);
    CHECK(html.find("<button class=\"chip t-other\" data-record=\"4\" data-type=\"error\">") != std::string::npos);
    CHECK(html.find("cannot read this document: invalid byte at 3") != std::string::npos);
    CHECK(html.find("<a href=\"#doc-2\">bad</a>") != std::string::npos);
    // The embedded list holds every record, in page order.
    CHECK(count(html, "{\"doc\":") == 5);
}

TEST_CASE("page: self-contained and deterministic") {
    ReviewDocument doc{"d", "收到行政复议申请169件", {span(0, 12, "indicator", "收到行政复议申请169件")}, ""};
    const auto html = review_html({doc});
    CHECK(html == review_html({doc}));
    CHECK(html.find("http://") == std::string::npos);
    CHECK(html.find("https://") == std::string::npos);
    CHECK(html.find("<link") == std::string::npos);
    CHECK(html.find(" src=") == std::string::npos);
    CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
}
