// Tested by tests/unit/text_test.cpp
//
// PDF bytes -> text of every page in page order, pages joined by '\n'.
// Text comes from poppler in reading order without layout padding
// (non_raw_non_physical_layout, like `pdftotext` without -layout): physical layout would
// pad columns with runs of spaces, raw order follows the content stream, which some
// generators scramble. Each poppler line ends with '\n'; form feeds and trailing spaces
// are removed.
// Re-flow (options.reflow_pdf_lines, on by default): a report PDF wraps its paragraphs,
// so "累计调处矛盾纠\n纷48547件" would hide a fact from every rule. A line is joined to
// the next line (on the same page or the next one) when it is "full" and does not end a sentence
// (。！？；：!?;:). Full: its display width (CJK 2, anything else 1) is at least 90% of
// the document's full line width, taken as the 90th percentile of the widths of its
// lines (most lines of a report are full lines; the percentile ignores the odd overlong
// line), and that full width is at least 40 (so short-line documents are left alone).
// Short lines (headings, last lines of paragraphs, table rows) keep their line break.
// Where the PDF indents its paragraphs (text boxes tell a line's left edge), a full line
// that ends a sentence still continues into a next line that is not indented.
// Page-number lines at the top or bottom of a page ("- 3 -", "第3页") are dropped, so a
// sentence that runs over a page break is joined like any other wrapped line. Two ASCII letters or digits meeting at a join get a space.
// Password-protected, encrypted-without-password-support and unparsable files are
// "bad-pdf". poppler's own error chatter (it prints to stderr by default) is silenced
// once per process.
#include "engine/text/text.hpp"
#include "engine/text/text_internal.hpp"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cmath>
#include <memory>
#include <mutex>
#include <regex>
#include <string>
#include <vector>

namespace metrex::text {
namespace {

void silence_poppler() {
    static std::once_flag once;
    std::call_once(once, [] {
        poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
    });
}

// Trailing spaces per line go, runs of line breaks stay (they are paragraph structure).
// Ill-formed UTF-8 (a broken ToUnicode map can yield lone surrogates) becomes U+FFFD.
std::string tidy(const std::vector<char>& raw) {
    std::string utf8;
    utf8.reserve(raw.size());
    const auto* p = reinterpret_cast<const unsigned char*>(raw.data());
    for (std::size_t i = 0; i < raw.size();) {
        const std::size_t len = detail::utf8_sequence_length(p + i, raw.size() - i);
        if (len == 0) {
            utf8 += "\xEF\xBF\xBD";
            ++i;
        } else {
            utf8.append(raw.data() + i, len);
            i += len;
        }
    }
    std::string out;
    out.reserve(utf8.size());
    for (char c : utf8) {
        if (c == '\f') c = '\n';
        if (c == '\r') continue;
        if (c == '\n')
            while (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
        out += c;
    }
    while (!out.empty() && (out.back() == ' ' || out.back() == '\t' || out.back() == '\n'))
        out.pop_back();
    return out;
}

bool is_wide(char32_t c) {
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
           (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

struct Line {
    std::string text;
    std::size_t width = 0;
    char32_t first = 0, last = 0;
    bool indented = false;  // starts right of the page's left margin (a paragraph start)
};

// Per page, the indentation of its text lines in reading order, read from poppler's text
// boxes: boxes on one baseline form a line, whose left edge is compared with the page's
// margin (the leftmost line). An indent of most of a character (a box's height) marks a
// paragraph's first line. Empty when the page's boxes cannot be grouped into lines.
std::vector<bool> line_indents(poppler::page& page) {
    struct Row {
        double y, height, x;
    };
    std::vector<Row> rows;
    for (const auto& box : page.text_list()) {
        const auto r = box.bbox();
        Row* row = nullptr;
        for (auto& existing : rows)
            if (std::abs(existing.y - r.y()) < std::max(1.0, r.height() / 2)) row = &existing;
        if (!row) rows.push_back({r.y(), r.height(), r.x()});
        else row->x = std::min(row->x, r.x());
    }
    std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.y < b.y; });
    double margin = 1e18;
    for (const auto& row : rows) margin = std::min(margin, row.x);
    std::vector<bool> indents;
    for (const auto& row : rows) indents.push_back(row.x - margin > 0.8 * row.height);
    return indents;
}

Line measure(std::string text) {
    Line line;
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    bool first = true;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t len = std::max<std::size_t>(1, detail::utf8_sequence_length(p + i, text.size() - i));
        char32_t c = p[i];
        if (len == 2) c = ((c & 0x1F) << 6) | (p[i + 1] & 0x3F);
        if (len == 3) c = ((c & 0x0F) << 12) | ((p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F);
        if (len == 4) c = ((c & 0x07) << 18) | ((p[i + 1] & 0x3F) << 12) | ((p[i + 2] & 0x3F) << 6) | (p[i + 3] & 0x3F);
        line.width += is_wide(c) ? 2 : 1;
        if (first) line.first = c;
        first = false;
        line.last = c;
        i += len;
    }
    line.text = std::move(text);
    return line;
}

bool ends_sentence(char32_t c) {
    return c == U'。' || c == U'！' || c == U'？' || c == U'；' || c == U'：' || c == '!' || c == '?' ||
           c == ';' || c == ':';
}

bool is_ascii_alnum(char32_t c) { return c < 0x80 && std::isalnum(static_cast<int>(c)); }

std::string reflow(const std::vector<std::string>& pages, const std::vector<std::vector<bool>>& indents) {
    std::vector<std::vector<Line>> lines(pages.size());
    std::vector<std::size_t> widths;
    for (std::size_t p = 0; p < pages.size(); ++p) {
        std::size_t start = 0;
        for (;;) {
            const std::size_t nl = pages[p].find('\n', start);
            lines[p].push_back(measure(pages[p].substr(start, nl == std::string::npos ? std::string::npos : nl - start)));
            if (lines[p].back().width >= 10) widths.push_back(lines[p].back().width);
            if (nl == std::string::npos) break;
            start = nl + 1;
        }
    }
    std::size_t full_width = 0;
    if (!widths.empty()) {
        const std::size_t k = (widths.size() - 1) * 9 / 10;
        std::nth_element(widths.begin(), widths.begin() + static_cast<std::ptrdiff_t>(k), widths.end());
        full_width = widths[k];
    }
    const bool enabled = full_width >= 40;
    // Page numbers at the top or bottom of a page ("- 3 -", "—3—", "3", "第3页", "第3页 共5页")
    // are page furniture, not text: they are dropped, so that a sentence running over a
    // page break can be joined.
    auto page_number = [](const std::string& text) {
        static const std::regex number(R"(^\s*(?:[-—–]\s*\d{1,4}\s*[-—–]|\d{1,4}|第\s*\d{1,4}\s*页(?:\s*[,/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})\s*$)");
        return std::regex_match(text, number);
    };
    std::vector<Line> flow;              // every line of every page, in order
    for (std::size_t p = 0; p < lines.size(); ++p) {
        auto& page = lines[p];
        // Indents apply when the page's non-empty lines and poppler's rows agree one to one.
        std::vector<std::size_t> non_empty;
        for (std::size_t i = 0; i < page.size(); ++i)
            if (page[i].text.find_first_not_of(" ") != std::string::npos) non_empty.push_back(i);
        if (p < indents.size() && indents[p].size() == non_empty.size())
            for (std::size_t k = 0; k < non_empty.size(); ++k) page[non_empty[k]].indented = indents[p][k];
        std::size_t first = 0, last = page.size();
        auto trim = [&] {
            while (first < last && page[first].text.find_first_not_of(" ") == std::string::npos) ++first;
            while (last > first && page[last - 1].text.find_first_not_of(" ") == std::string::npos) --last;
        };
        trim();
        if (first < last && page_number(page[first].text)) ++first;
        if (last > first && page_number(page[last - 1].text)) --last;
        trim();  // the blank line that set the page number apart
        for (std::size_t i = first; i < last; ++i) {
            flow.push_back(std::move(page[i]));
        }
    }
    // Where paragraphs are indented, a full line ending a sentence continues when the next
    // line is not indented (the sentence just ended at the margin).
    const bool indented_paragraphs =
        std::any_of(flow.begin(), flow.end(), [](const Line& l) { return l.indented; });
    std::string out;
    for (std::size_t i = 0; i < flow.size(); ++i) {
        const Line& line = flow[i];
        out += line.text;
        if (i + 1 == flow.size()) break;
        const Line& next = flow[i + 1];
        const bool continues = !ends_sentence(line.last) || (indented_paragraphs && !next.indented);
        const bool full = enabled && !line.text.empty() && !next.text.empty() &&
                          line.width * 10 >= full_width * 9 && continues;
        if (!full) out += '\n';
        else if (is_ascii_alnum(line.last) && is_ascii_alnum(next.first)) out += ' ';
    }
    return out;
}

}  // namespace

Loaded pdf_to_text(std::string_view bytes, const LoadOptions& options) {
    if (bytes.size() > options.max_bytes)
        return detail::failure("too-large", "input is " + std::to_string(bytes.size()) +
                                                " bytes, more than the limit of " +
                                                std::to_string(options.max_bytes), "pdf");
    if (bytes.size() > static_cast<std::size_t>(INT_MAX))
        return detail::failure("too-large", "PDF larger than 2 GiB", "pdf");
    if (bytes.substr(0, 1024).find("%PDF-") == std::string_view::npos)
        return detail::failure("bad-pdf", "not a PDF file (no %PDF- header)", "pdf");
    silence_poppler();
    // poppler reads straight from `bytes`, which outlives the document.
    std::unique_ptr<poppler::document> doc(
        poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
    if (!doc) return detail::failure("bad-pdf", "the PDF could not be parsed", "pdf");
    if (doc->is_locked())
        return detail::failure("bad-pdf", "the PDF is password protected", "pdf");

    Loaded out;
    out.format = "pdf";
    out.encoding = "PDF";
    std::vector<std::string> pages;
    std::vector<std::vector<bool>> indents;
    const int count = doc->pages();
    for (int i = 0; i < count; ++i) {
        std::unique_ptr<poppler::page> page(doc->create_page(i));
        if (!page)
            return detail::failure("bad-pdf", "page " + std::to_string(i + 1) + " is unreadable", "pdf");
        pages.push_back(tidy(page->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout).to_utf8()));
        if (options.reflow_pdf_lines) indents.push_back(line_indents(*page));
    }
    if (options.reflow_pdf_lines) {
        out.text = reflow(pages, indents);
    } else {
        for (std::size_t i = 0; i < pages.size(); ++i) {
            if (i > 0) out.text += '\n';
            out.text += pages[i];
        }
    }
    return out;
}

}  // namespace metrex::text
