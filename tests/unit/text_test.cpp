// Tests for engine/text: decoding (BOM, UTF-8, GB18030, Big5, UTF-16, named encodings),
// HTML and PDF text, normalisation and its two-way offset mapping.
// Corpus: tests/corpus/text (constructed inputs, see its README.md).
#include "engine/text/text.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;
using namespace metrex::text;

namespace {

const fs::path kCorpus = fs::path(METREX_TEST_DATA_DIR) / "corpus" / "text";
const fs::path kSamples = fs::path(METREX_SOURCE_DIR) / "samples";

std::string read_bytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "cannot open " << p.string());
    return std::string(std::istreambuf_iterator<char>(in), {});
}

Loaded load_ok(const fs::path& p, const LoadOptions& options = {}) {
    Loaded l = load_document(p, options);
    INFO(p.string());
    REQUIRE_MESSAGE(!l.error, (l.error ? l.error->code + ": " + l.error->message : std::string()));
    return l;
}

// The reference text as every form must normalise to it.
std::string reference_normalised() {
    return normalise(read_bytes(kCorpus / "paragraph.utf8.txt")).normalised();
}

// Code points as the text stage counts them: a well-formed UTF-8 sequence is one, and so
// is every byte that does not start one.
std::size_t count_code_points(std::string_view s) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); ++n) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t len = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3
                                : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
        bool ok = len > 0 && i + len <= s.size();
        for (std::size_t k = 1; ok && k < len; ++k) {
            const auto t = static_cast<unsigned char>(s[i + k]);
            unsigned char lo = 0x80, hi = 0xBF;
            if (k == 1 && c == 0xE0) lo = 0xA0;
            if (k == 1 && c == 0xED) hi = 0x9F;
            if (k == 1 && c == 0xF0) lo = 0x90;
            if (k == 1 && c == 0xF4) hi = 0x8F;
            ok = t >= lo && t <= hi;
        }
        i += ok ? len : 1;
    }
    return n;
}

// Byte span of the first occurrence of `needle` in the normalised text.
NormalisedSpan find_span(const NormalisedText& doc, std::string_view needle) {
    const std::size_t at = doc.normalised().find(needle);
    REQUIRE_MESSAGE(at != std::string::npos, "'" << std::string(needle) << "' not in normalised text");
    return {at, at + needle.size()};
}

// Curly double quotes come from alternation over a whole line, which a fragment cut from
// the middle of a line cannot reproduce; compare with both directions folded.
std::string fold_quotes(std::string s) {
    for (const char* q : {"\xE2\x80\x9C", "\xE2\x80\x9D"}) {
        for (std::size_t at; (at = s.find(q)) != std::string::npos;) s.replace(at, 3, "\"");
    }
    return s;
}

bool is_continuation(const std::string& s, std::size_t i) {
    return i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80;
}

// Checks `iterations` random spans of `doc` (see the property test); returns how many.
std::size_t check_offsets(const NormalisedText& doc, std::mt19937_64& rng, int iterations) {
    std::size_t checked = 0;
    const std::string& norm = doc.normalised();
    REQUIRE(doc.original_length() == count_code_points(doc.original()));
    if (norm.empty()) return 0;

    // Whole text both ways.
    const OriginalSpan whole = doc.to_original({0, norm.size()});
    CHECK(whole.end <= doc.original_length());
    CHECK(fold_quotes(normalise_fragment(doc.original_slice(whole))) == fold_quotes(norm));

    for (int i = 0; i < iterations; ++i) {
        std::size_t b = rng() % norm.size();
        std::size_t e = b + rng() % std::min<std::size_t>(norm.size() - b + 1, i % 10 == 0 ? 2000 : 40);
        while (is_continuation(norm, b)) --b;
        while (is_continuation(norm, e)) ++e;
        const NormalisedSpan x{b, e};
        CAPTURE(b);
        CAPTURE(e);

        const OriginalSpan o = doc.to_original(x);
        REQUIRE(o.start <= o.end);
        REQUIRE(o.end <= doc.original_length());
        const NormalisedSpan y = doc.to_normalised(o);
        if (b == e) {
            // An empty span is a place; inside a replacement it moves to the replacement's start.
            REQUIRE(o.start == o.end);
            REQUIRE(y.begin == y.end);
            REQUIRE(y.begin <= x.begin);
            continue;
        }
        REQUIRE(y.begin <= x.begin);
        REQUIRE(y.end >= x.end);
        const std::string slice = doc.original_slice(o);
        const std::string want = norm.substr(y.begin, y.end - y.begin);
        REQUIRE(fold_quotes(normalise_fragment(slice)) == fold_quotes(want));
        // The smallest span: mapping y back gives the same original span.
        const OriginalSpan o2 = doc.to_original(y);
        CHECK(o2.start == o.start);
        CHECK(o2.end == o.end);
        ++checked;

        // Original side: a code point span maps to a normalised span that maps back onto it.
        const std::size_t os = rng() % (doc.original_length() + 1);
        const std::size_t oe = os + rng() % (doc.original_length() - os + 1) % 50;
        const NormalisedSpan z = doc.to_normalised({os, oe});
        REQUIRE(z.begin <= z.end);
        REQUIRE(z.end <= norm.size());
        if (z.begin < z.end) {  // some of [os, oe) produced text: it is in the way back
            const OriginalSpan back = doc.to_original(z);
            CHECK(std::max(back.start, os) < std::min(back.end, oe));
        }
    }
    return checked;
}

}  // namespace

// ------------------------------------------------------------------------- decoding

TEST_CASE("every encoded form of the paragraph normalises to the same text") {
    const std::string expected = reference_normalised();
    CHECK(expected.find("收到行政复议申请169件") != std::string::npos);
    CHECK(expected.find("成功率99.9%") != std::string::npos);

    struct Form {
        const char* file;
        const char* encoding;
    };
    const Form forms[] = {
        {"paragraph.utf8.txt", "UTF-8"},         {"paragraph.utf8-bom.txt", "UTF-8"},
        {"paragraph.utf16le-bom.txt", "UTF-16LE"}, {"paragraph.utf16be-bom.txt", "UTF-16BE"},
        {"paragraph.gb18030.txt", "GB18030"},    {"paragraph.traditional.txt", "UTF-8"},
        {"paragraph.big5.txt", "Big5"},          {"paragraph.fullwidth.txt", "UTF-8"},
    };
    for (const Form& f : forms) {
        CAPTURE(f.file);
        const Loaded l = load_ok(kCorpus / f.file);
        CHECK(l.encoding == f.encoding);
        CHECK(l.format == "text");
        CHECK(normalise(l.text).normalised() == expected);
    }
}

TEST_CASE("BOMs are not part of the original text") {
    const std::string reference = read_bytes(kCorpus / "paragraph.utf8.txt");
    for (const char* file : {"paragraph.utf8-bom.txt", "paragraph.utf16le-bom.txt", "paragraph.utf16be-bom.txt",
                             "paragraph.gb18030.txt"}) {
        CAPTURE(file);
        CHECK(load_ok(kCorpus / file).text == reference);
    }
}

TEST_CASE("undecodable bytes are an error naming the byte offset, not replacement characters") {
    // Deterministic garbage: every byte value, shuffled.
    std::string garbage;
    std::mt19937 rng(42);
    for (int i = 0; i < 4096; ++i) garbage += static_cast<char>(rng() & 0xFF);
    const Loaded g = decode(garbage);
    REQUIRE(g.error);
    CHECK(g.error->code == "undecodable");
    CHECK(g.error->message.find("at byte ") != std::string::npos);
    CHECK(g.text.empty());

    // GB18030 text with a byte that is illegal in GB18030 (0xFF) at byte 6.
    const std::string gb = read_bytes(kCorpus / "paragraph.gb18030.txt");
    std::string broken = gb.substr(0, 6) + "\xFF" + gb.substr(6);
    const Loaded b = decode(broken);
    REQUIRE(b.error);
    CHECK(b.error->code == "undecodable");
    CHECK(b.error->message.find("GB18030 byte sequence at byte 6") != std::string::npos);

    // A UTF-8 BOM promises UTF-8: the offset counts the BOM.
    const Loaded u = decode("\xEF\xBB\xBF" "abc\xC3(");
    REQUIRE(u.error);
    CHECK(u.error->message == "invalid UTF-8 byte sequence at byte 6");

    // A lone surrogate in UTF-16.
    const Loaded s = decode(std::string("\xFF\xFE" "A\0\0\xD8" "B\0", 8));
    REQUIRE(s.error);
    CHECK(s.error->message == "invalid UTF-16LE byte sequence at byte 4");
}

TEST_CASE("a named encoding overrides detection") {
    const std::string gb = read_bytes(kCorpus / "paragraph.gb18030.txt");
    const std::string reference = read_bytes(kCorpus / "paragraph.utf8.txt");

    LoadOptions o;
    o.encoding = "GB18030";
    Loaded l = decode(gb, o);
    REQUIRE(!l.error);
    CHECK(l.text == reference);
    CHECK(l.encoding == "GB18030");

    o.encoding = "gbk";  // an ICU alias
    CHECK(decode(gb, o).text == reference);

    // UTF-16LE without a BOM cannot be detected reliably, but can be named.
    const std::string le = read_bytes(kCorpus / "paragraph.utf16le-bom.txt").substr(2);
    o.encoding = "UTF-16LE";
    l = decode(le, o);
    REQUIRE(!l.error);
    CHECK(l.text == reference);

    // Naming the wrong encoding is an error, not mojibake.
    o.encoding = "UTF-8";
    l = decode(gb, o);
    REQUIRE(l.error);
    CHECK(l.error->code == "undecodable");
    CHECK(l.error->message.find("invalid UTF-8 byte sequence at byte 0") == 0);

    o.encoding = "no-such-charset";
    l = decode(reference, o);
    REQUIRE(l.error);
    CHECK(l.error->code == "unknown-encoding");
    CHECK(l.error->message == "unknown encoding 'no-such-charset'");

    // Through load_document too.
    o.encoding = "Big5";
    l = load_ok(kCorpus / "paragraph.big5.txt", o);
    CHECK(normalise(l.text).normalised() == reference_normalised());
}

TEST_CASE("load errors: not found, unreadable, too large") {
    Loaded l = load_document(kCorpus / "no-such-file.txt");
    REQUIRE(l.error);
    CHECK(l.error->code == "not-found");

    l = load_document(kCorpus);
    REQUIRE(l.error);
    CHECK(l.error->code == "unreadable");

    LoadOptions small;
    small.max_bytes = 100;
    for (const char* file : {"paragraph.utf8.txt", "page.utf8.html", "paragraph.pdf"}) {
        CAPTURE(file);
        l = load_document(kCorpus / file, small);
        REQUIRE(l.error);
        CHECK(l.error->code == "too-large");
    }
    l = decode(std::string(101, 'a'), small);
    REQUIRE(l.error);
    CHECK(l.error->code == "too-large");
}

TEST_CASE("decode: empty input, plain ASCII, GB18030 preferred for short Chinese text") {
    Loaded l = decode("");
    CHECK(!l.error);
    CHECK(l.text.empty());
    CHECK(l.encoding == "UTF-8");

    // "共58件" and "行政复议" in GB18030: valid in several legacy charsets.
    l = decode("\xB9\xB2" "58" "\xBC\xFE");
    REQUIRE(!l.error);
    CHECK(l.encoding == "GB18030");
    CHECK(l.text == "共58件");
    l = decode("\xD0\xD0\xD5\xFE\xB8\xB4\xD2\xE9");
    REQUIRE(!l.error);
    CHECK(l.text == "行政复议");
    // NUL bytes make "valid UTF-8" suspect: BOM-less UTF-16 of ASCII text is recognised.
    const std::string ascii16("R\0e\0p\0o\0r\0t\0 \0" "2\0" "0\0" "2\0" "1\0,\0 \0" "1\0" "6\0" "9\0 \0c\0a\0s\0e\0s\0", 44);
    l = decode(ascii16);
    REQUIRE(!l.error);
    CHECK(l.encoding == "UTF-16LE");
    CHECK(l.text == "Report 2021, 169 cases");
}

TEST_CASE("the sample reports decode as UTF-8") {
    for (const auto& entry : fs::directory_iterator(kSamples)) {
        if (entry.path().extension() != ".txt") continue;
        CAPTURE(entry.path().string());
        const Loaded l = load_ok(entry.path());
        CHECK(l.encoding == "UTF-8");
        CHECK(l.text == read_bytes(entry.path()));
    }
}

// ------------------------------------------------------------------------- HTML

TEST_CASE("html: debris dropped, blocks become lines, tables flattened (canonical dump)") {
    const std::string expected =
        "首页 > 信息公开 > 政府信息公开目录\n"
        "\n"
        "昆山市2021年法治政府建设年度报告\n"
        "\n"
        "时间: 2022-03-15\xC2\xA0\xC2\xA0访问量:\n"
        "\n"
        "二是加强行政复议应诉工作。推动行政争议化解“最多跑一处”“最多跑一次”。依法审理行政复议案件,"
        "市政府收到行政复议申请 169件,受理138件,审结103件(含去年结转案件)。发挥行政复议化解行政争议的主渠道作用,"
        "调解和解结案42件,占比40.8%;撤销、确认违法等案件7件,直接纠错率6.8%,复议公信力明显提升。\n"
        "\n"
        "2021年组织开展矛盾排查4950次,预防纠纷激化2736件,累计调处矛盾纠纷48547件,调解成功48495件,"
        "成功率99.9%,涉及金额3.48亿元。\n"
        "\n"
        "项目 | 数量\n"
        "行政复议申请 | 169件\n"
        "调解成功率 | 99.9%\n"
        "\n"
        "主办单位:昆山市人民政府办公室\n"
        "网站标识码:3205830001";
    const Loaded utf8 = load_ok(kCorpus / "page.utf8.html");
    CHECK(utf8.format == "html");
    CHECK(utf8.encoding == "UTF-8");
    CHECK(utf8.text == expected);

    // Declared gb2312, bytes in GB18030: the meta charset is honoured.
    const Loaded gb = load_ok(kCorpus / "page.gb2312.html");
    CHECK(gb.encoding == "GB18030");
    CHECK(gb.text == expected);

    const NormalisedText doc = normalise(utf8.text);
    std::string paragraphs = reference_normalised();
    paragraphs.pop_back();  // the trailing newline of the file
    CHECK(doc.normalised().find(paragraphs) != std::string::npos);
    CHECK(doc.normalised().find("行政复议申请|169件\n调解成功率|99.9%") != std::string::npos);
    // The space the page's source line break left is in the original, not the normalised text.
    CHECK(doc.original_slice(doc.to_original(find_span(doc, "申请169件"))) == "申请 169件");

    for (const char* gone : {"访问量:<", "SimSun", "_hmt", "互动交流", "隐藏", "JavaScript", "footer.js"})
        CHECK_MESSAGE(utf8.text.find(gone) == std::string::npos, gone);
}

TEST_CASE("html: small cases") {
    auto text = [](const std::string& html) {
        const Loaded l = html_to_text(html);
        REQUIRE(!l.error);
        return l.text;
    };
    CHECK(text("<p>a<br>b<br><br>c</p><p>d</p>") == "a\nb\n\nc\n\nd");
    CHECK(text("<div>  x \n  y  </div><div></div><div>z</div>") == "x y\nz");
    CHECK(text("<pre>line 1\n  line 2</pre>") == "line 1\nline 2");
    CHECK(text("<ul><li>一</li><li>二</li></ul>") == "一\n二");
    CHECK(text("<table><tr><td>a</td><td></td><td>b</td></tr><tr><td></td><td>c</td></tr></table>") ==
          "a | b\nc");
    CHECK(text("<p hidden>x</p><p>&lt;&amp;&gt;&nbsp;&ldquo;y&rdquo;</p>") == "<&>\xC2\xA0“y”");
    CHECK(text("<html><head><title>T</title></head><body>b</body></html>") == "b");
    // Deep nesting is walked without recursion.
    std::string deep;
    for (int i = 0; i < 5000; ++i) deep += "<span>";
    deep += "deep";
    CHECK(text(deep) == "deep");
    // A wrong declaration falls back to detection.
    const Loaded l = html_to_text("<meta charset=utf-8><p>\xB9\xB2" "58" "\xBC\xFE</p>");
    REQUIRE(!l.error);
    CHECK(l.encoding == "GB18030");
    CHECK(l.text == "共58件");
}

// ------------------------------------------------------------------------- PDF

TEST_CASE("pdf: pages in order, wrapped lines re-flowed") {
    const Loaded l = load_ok(kCorpus / "paragraph.pdf");
    CHECK(l.format == "pdf");
    // The reference has a blank line between its paragraphs; in the PDF they are on two
    // pages, joined by one line break.
    std::string expected = reference_normalised();
    expected.replace(expected.find("\n\n"), 2, "\n");
    expected.pop_back();
    CHECK(normalise(l.text).normalised() == expected);
    std::string original = read_bytes(kCorpus / "paragraph.utf8.txt");
    original.replace(original.find("\n\n"), 2, "\n");
    original.pop_back();
    CHECK(l.text == original);

    LoadOptions raw;
    raw.reflow_pdf_lines = false;
    const Loaded r = load_ok(kCorpus / "paragraph.pdf", raw);
    CHECK(std::count(r.text.begin(), r.text.end(), '\n') > 3);
    std::string joined = r.text;
    joined.erase(std::remove(joined.begin(), joined.end(), '\n'), joined.end());
    std::string flat = l.text;
    flat.erase(std::remove(flat.begin(), flat.end(), '\n'), flat.end());
    CHECK(joined == flat);
}

TEST_CASE("pdf: locked, broken and non-PDF input is bad-pdf") {
    Loaded l = load_document(kCorpus / "locked.pdf");
    REQUIRE(l.error);
    CHECK(l.error->code == "bad-pdf");
    CHECK(l.error->message == "the PDF is password protected");

    l = pdf_to_text("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer garbage");
    REQUIRE(l.error);
    CHECK(l.error->code == "bad-pdf");

    const std::string good = read_bytes(kCorpus / "paragraph.pdf");
    l = pdf_to_text(good.substr(0, good.size() / 3));
    if (!l.error) CHECK(l.format == "pdf");  // poppler may recover a truncated file
    else CHECK(l.error->code == "bad-pdf");

    l = pdf_to_text("just text");
    REQUIRE(l.error);
    CHECK(l.error->code == "bad-pdf");
}

// ------------------------------------------------------------------------- normalise

TEST_CASE("normalise: the header's example, offsets exact") {
    const NormalisedText doc = normalise("收到行政復議申請１６９件");
    CHECK(doc.normalised() == "收到行政复议申请169件");
    CHECK(doc.original_length() == 12);

    const NormalisedSpan all{0, doc.normalised().size()};
    CHECK(doc.to_original(all).start == 0);
    CHECK(doc.to_original(all).end == 12);

    const NormalisedSpan n169 = find_span(doc, "169件");
    CHECK(n169.begin == 24);
    CHECK(n169.end == 30);
    const OriginalSpan o169 = doc.to_original(n169);
    CHECK(o169.start == 8);
    CHECK(o169.end == 12);
    CHECK(doc.original_slice(o169) == "１６９件");
    const NormalisedSpan back = doc.to_normalised(o169);
    CHECK(back.begin == 24);
    CHECK(back.end == 30);

    // Each full-width digit is its own change: "6" maps to exactly "６".
    const OriginalSpan o6 = doc.to_original(find_span(doc, "6"));
    CHECK(o6.start == 9);
    CHECK(o6.end == 10);
    // 復議 -> 复议 character by character.
    const OriginalSpan fy = doc.to_original(find_span(doc, "复议"));
    CHECK(fy.start == 4);
    CHECK(fy.end == 6);
    CHECK(doc.original_slice(fy) == "復議");
    const NormalisedSpan fyn = doc.to_normalised({5, 6});
    CHECK(doc.normalised().substr(fyn.begin, fyn.end - fyn.begin) == "议");
}

TEST_CASE("normalise: spaces") {
    CHECK(normalise("共 58 件").normalised() == "共58件");
    CHECK(normalise("达 96.5% ,").normalised() == "达96.5%,");
    CHECK(normalise("达 96.5 ％ ，").normalised() == "达96.5%,");
    CHECK(normalise("1 261 人").normalised() == "1 261人");
    CHECK(normalise("IE 9.0  or  higher").normalised() == "IE 9.0 or higher");
    CHECK(normalise("\t a\u3000b\u00A0c \n d ").normalised() == "a b c\nd");
    CHECK(normalise("( 1 )").normalised() == "(1)");
    CHECK(normalise("行政复议 | 169件").normalised() == "行政复议|169件");
    CHECK(normalise("中\u200B文\uFEFF 58\u200B 件").normalised() == "中文58件");
}

TEST_CASE("normalise: punctuation, quotes, line breaks, traditional characters") {
    CHECK(normalise("，：；（）！？．％").normalised() == ",:;()!?.%");
    CHECK(normalise("。、《》“”‘’〔〕【】").normalised() == "。、《》“”‘’〔〕【】");
    CHECK(normalise("「放管服」『一网通办』").normalised() == "“放管服”‘一网通办’");
    CHECK(normalise("\"放管服\"改革 \"一网通办\"\n\"x").normalised() == "“放管服”改革“一网通办”\n“x");
    CHECK(normalise("a\r\nb\rc\n\nd").normalised() == "a\nb\nc\n\nd");
    CHECK(normalise("行政復議、臺灣、發展").normalised() == "行政复议、台湾、发展");
    // Characters that simplified text uses itself are left alone.
    CHECK(normalise("成效显著，乾坤").normalised() == "成效显著,乾坤");
}

TEST_CASE("normalise: deletions and multi-character replacements map to the smallest span") {
    // 共 ␣ 5 8 ␣ 件  (code points 0..5)
    const NormalisedText doc = normalise("共 58 件");
    REQUIRE(doc.normalised() == "共58件");
    OriginalSpan o = doc.to_original(find_span(doc, "58"));
    CHECK(o.start == 2);
    CHECK(o.end == 4);
    o = doc.to_original(find_span(doc, "58件"));
    CHECK(o.start == 2);
    CHECK(o.end == 6);
    CHECK(doc.original_slice(o) == "58 件");
    // An empty span sits after deleted text.
    o = doc.to_original({3, 3});
    CHECK(o.start == 2);
    CHECK(o.end == 2);
    // A deleted space maps to an empty span where it was.
    NormalisedSpan n = doc.to_normalised({1, 2});
    CHECK(n.begin == 3);
    CHECK(n.end == 3);
    n = doc.to_normalised({0, 6});
    CHECK(n.begin == 0);
    CHECK(n.end == doc.normalised().size());

    // ㍿ -> 株式会社: any part of the replacement widens to the whole.
    const NormalisedText k = normalise("甲㍿乙");
    REQUIRE(k.normalised() == "甲株式会社乙");
    o = k.to_original(find_span(k, "式"));
    CHECK(o.start == 1);
    CHECK(o.end == 2);
    n = k.to_normalised(o);
    CHECK(k.normalised().substr(n.begin, n.end - n.begin) == "株式会社");

    // e + combining acute -> é (one change of two code points).
    const NormalisedText e = normalise("e\u0301x");
    REQUIRE(e.normalised() == "\u00E9x");
    o = e.to_original({0, 2});
    CHECK(o.start == 0);
    CHECK(o.end == 2);
    // A span that ends inside a multi-byte normalised character still covers its source.
    o = e.to_original({0, 1});
    CHECK(o.end == 2);

    // CRLF is one change: its '\n' maps to both code points.
    const NormalisedText c = normalise("a\r\nb");
    o = c.to_original(find_span(c, "\n"));
    CHECK(o.start == 1);
    CHECK(o.end == 3);

    // Ill-formed UTF-8 in the original: one code point per bad byte, U+FFFD when normalised.
    const NormalisedText bad = normalise("a\xFF" "b");
    CHECK(bad.original_length() == 3);
    CHECK(bad.normalised() == "a\uFFFDb");
    o = bad.to_original(find_span(bad, "b"));
    CHECK(o.start == 2);
    CHECK(o.end == 3);
}

TEST_CASE("normalise: empty and out-of-range spans") {
    const NormalisedText empty = normalise("");
    CHECK(empty.normalised().empty());
    CHECK(empty.original_length() == 0);
    CHECK(empty.to_original({0, 0}).end == 0);
    CHECK(empty.to_normalised({0, 5}).end == 0);

    const NormalisedText doc = normalise("ab");
    const OriginalSpan o = doc.to_original({1, 100});
    CHECK(o.start == 1);
    CHECK(o.end == 2);
    const NormalisedSpan n = doc.to_normalised({5, 9});
    CHECK(n.begin == 2);
    CHECK(n.end == 2);
    CHECK(doc.original_slice({1, 9}) == "b");

    const NormalisedText gone = normalise(" \u200B ");
    CHECK(gone.normalised().empty());
    CHECK(gone.original_length() == 3);
    CHECK(gone.to_original({0, 0}).start == 3);
}

TEST_CASE("normalise_fragment: rule literals") {
    CHECK(normalise_fragment("，") == ",");
    CHECK(normalise_fragment("復議") == "复议");
    CHECK(normalise_fragment("行政復議申請（件）") == "行政复议申请(件)");
    CHECK(normalise_fragment("「放管服」") == "“放管服”");
    CHECK(normalise_fragment("收到 １６９ 件") == "收到169件");
    // The ends of a fragment are not line ends: a space there stays unless CJK is next to it.
    CHECK(normalise_fragment(" a ") == " a ");
    CHECK(normalise_fragment(" 件") == "件");
}

// Cross-check: for random spans of the normalised text of every sample and every corpus
// document, the original slice normalises back to the (possibly widened) span's text,
// and mapping there and back contains the span.
TEST_CASE("property: offsets survive normalisation both ways") {
    std::vector<fs::path> inputs;
    for (const auto& dir : {kSamples, kCorpus})
        for (const auto& entry : fs::directory_iterator(dir)) {
            const std::string ext = entry.path().extension().string();
            if ((ext == ".txt" || ext == ".html" || ext == ".pdf") && entry.path().filename() != "locked.pdf")
                inputs.push_back(entry.path());
        }
    std::sort(inputs.begin(), inputs.end());
    REQUIRE(inputs.size() >= 15);

    std::mt19937_64 rng(20240601);
    std::size_t checked = 0;
    for (const fs::path& path : inputs) {
        CAPTURE(path.string());
        const Loaded l = load_ok(path);
        const NormalisedText doc = normalise(l.text);
        REQUIRE(doc.original() == l.text);
        checked += check_offsets(doc, rng, 3000);
    }
    CHECK(checked >= 15 * 3000);
}

// The same cross-check on generated text dense with everything normalisation changes.
TEST_CASE("property: offsets on generated text full of changes") {
    const char* const tokens[] = {
        "行政", "復議", "申請", "１６９", "件", " ", "  ", "\u3000", "\u00A0", "\t", "\r\n", "\r", "\n",
        "\u200B", "\uFEFF", "\"", "「", "」", "『", "』", "，", "。", "％", "%", "58", " 件", "96.5",
        "e\u0301", "\u337F", "\u2460", "ａｂｃ", "abc", "(", ")", "|", "\xFF", "\xE4\xB8", "显著", "臺灣",
        "“", "”", "\u2028", "\uFF62", "\uFF63", "\U00020000", "\uF900",
    };
    std::mt19937_64 rng(7);
    std::size_t checked = 0;
    for (int doc_no = 0; doc_no < 40; ++doc_no) {
        std::string text;
        const int n = 1 + static_cast<int>(rng() % 400);
        for (int i = 0; i < n; ++i) text += tokens[rng() % std::size(tokens)];
        CAPTURE(text);
        checked += check_offsets(normalise(text), rng, 500);
    }
    CHECK(checked > 10000);
}

TEST_CASE("hand-picked spans in the corpus map to the expected original text") {
    struct Case {
        const char* file;
        const char* normalised;
        const char* original;
    };
    const Case cases[] = {
        {"paragraph.fullwidth.txt", "169件", "１６９　件"},
        {"paragraph.fullwidth.txt", "成功率99.9%", "成功率\u00A0９９．９ ％"},
        {"paragraph.fullwidth.txt", "“最多跑一处”", "＂最多跑一处＂"},
        {"paragraph.traditional.txt", "行政复议申请169件", "行政復議申請169件"},
        {"paragraph.traditional.txt", "“最多跑一处”", "「最多跑一處」"},
        {"paragraph.traditional.txt", "提升。\n", "提升。\r\n"},
        {"paragraph.big5.txt", "(含去年结转案件)", "（含去年結轉案件）"},
        {"paragraph.utf8-bom.txt", "二是", "二是"},
        {"page.utf8.html", "收到行政复议申请169件", "收到行政复议申请 169件"},
        {"paragraph.pdf", "累计调处矛盾纠纷48547件", "累计调处矛盾纠纷48547件"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.file);
        CAPTURE(c.normalised);
        const NormalisedText doc = normalise(load_ok(kCorpus / c.file).text);
        const NormalisedSpan x = find_span(doc, c.normalised);
        const OriginalSpan o = doc.to_original(x);
        CHECK(doc.original_slice(o) == c.original);
        CHECK(o.end - o.start == count_code_points(c.original));
        const NormalisedSpan y = doc.to_normalised(o);
        CHECK(y.begin == x.begin);
        CHECK(y.end == x.end);
    }
    // Offsets are code points into the original: the BOM is not counted.
    const NormalisedText bom = normalise(load_ok(kCorpus / "paragraph.utf8-bom.txt").text);
    CHECK(bom.to_original(find_span(bom, "二是")).start == 0);
}

TEST_CASE("normalise is reentrant: many threads, same results") {
    const std::string text = load_ok(kCorpus / "paragraph.traditional.txt").text;
    const std::string expected = normalise(text).normalised();
    std::vector<std::string> results(4);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < results.size(); ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 20; ++i) results[t] = normalise(text).normalised() + normalise_fragment("臺灣");
        });
    for (auto& th : threads) th.join();
    for (const auto& r : results) CHECK(r == expected + "台湾");
}
