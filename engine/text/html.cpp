// Tested by tests/unit/text_test.cpp
//
// HTML bytes -> the page's text, laid out as a plain-text report would be.
//   Encoding: options.encoding, else a BOM, else <meta charset> / <meta http-equiv
//   content="...; charset=..."> found in the first 8 KiB (gb2312/gbk labels read as
//   GB18030, latin-1 labels as windows-1252, as browsers do), else detection as for
//   plain text. A declared charset the bytes do not fit falls back to detection.
//   Dropped with their content: head (so <title> too: pages repeat it in the body, and a
//   second copy would double every fact in it), script, style, noscript, template,
//   nav, select, iframe, object, svg, and elements marked hidden (hidden attribute or
//   style display:none).
//   Layout: inline whitespace collapses to one space (pre keeps its line breaks); block
//   elements (div, li, tr, section, header, footer, br ...) end a line; paragraph-like
//   blocks (p, h1-h6, table, ul, ol, dl, blockquote, pre, figure, hr) are set off by a
//   blank line; two <br> in a row make a blank line. Never more than one blank line,
//   no leading or trailing blank lines, lines have no leading or trailing spaces.
//   Tables: one row per line, cells joined by " | " (empty cells skipped), like the
//   flattened tables found in copied report text.
//   Entities are decoded by gumbo. The result has no trailing newline.
#include "engine/text/text.hpp"
#include "engine/text/text_internal.hpp"

#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <utility>
#include <vector>

namespace metrex::text {
namespace {

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (auto& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return out;
}

// The charset named by the first <meta> that names one, or "".
std::string sniff_meta_charset(std::string_view bytes) {
    const std::string head = lower_ascii(bytes.substr(0, 8192));
    std::size_t pos = 0;
    while ((pos = head.find("<meta", pos)) != std::string::npos) {
        const std::size_t end = head.find('>', pos);
        const std::string_view tag =
            std::string_view(head).substr(pos, end == std::string::npos ? std::string::npos : end - pos);
        pos += 5;
        const std::size_t cs = tag.find("charset");
        if (cs == std::string_view::npos) continue;
        std::size_t i = cs + 7;
        while (i < tag.size() && std::isspace(static_cast<unsigned char>(tag[i]))) ++i;
        if (i >= tag.size() || tag[i] != '=') continue;
        ++i;
        while (i < tag.size() && (std::isspace(static_cast<unsigned char>(tag[i])) || tag[i] == '"' ||
                                  tag[i] == '\''))
            ++i;
        std::size_t j = i;
        while (j < tag.size() && (std::isalnum(static_cast<unsigned char>(tag[j])) || tag[j] == '-' ||
                                  tag[j] == '_' || tag[j] == '.' || tag[j] == ':'))
            ++j;
        if (j > i) return std::string(tag.substr(i, j - i));
    }
    return {};
}

// WHATWG Encoding label handling, reduced to what Chinese pages use.
std::string converter_for_label(const std::string& label) {
    if (label == "gb2312" || label == "gbk" || label == "x-gbk" || label == "gb18030" ||
        label == "euc-cn" || label == "cp936" || label == "csgb2312" || label == "chinese" ||
        label == "iso-ir-58" || label == "windows-936")
        return "GB18030";
    if (label == "utf-8" || label == "utf8" || label == "unicode-1-1-utf-8") return "UTF-8";
    if (label == "big5" || label == "big5-hkscs" || label == "x-x-big5" || label == "cn-big5")
        return "Big5";
    if (label == "iso-8859-1" || label == "latin1" || label == "us-ascii" || label == "ascii" ||
        label == "windows-1252")
        return "windows-1252";
    // A page cannot be UTF-16 and still contain an ASCII <meta>: browsers ignore it too.
    if (label.rfind("utf-16", 0) == 0 || label == "unicode") return "";
    return label;
}

bool has_bom(std::string_view b) {
    auto u = [&](std::size_t i) { return static_cast<unsigned char>(b[i]); };
    return (b.size() >= 3 && u(0) == 0xEF && u(1) == 0xBB && u(2) == 0xBF) ||
           (b.size() >= 2 && ((u(0) == 0xFF && u(1) == 0xFE) || (u(0) == 0xFE && u(1) == 0xFF)));
}

bool is_dropped(GumboTag tag) {
    switch (tag) {
        case GUMBO_TAG_HEAD:
        case GUMBO_TAG_TITLE:
        case GUMBO_TAG_SCRIPT:
        case GUMBO_TAG_STYLE:
        case GUMBO_TAG_NOSCRIPT:
        case GUMBO_TAG_TEMPLATE:
        case GUMBO_TAG_NAV:
        case GUMBO_TAG_SELECT:
        case GUMBO_TAG_IFRAME:
        case GUMBO_TAG_OBJECT:
        case GUMBO_TAG_EMBED:
        case GUMBO_TAG_SVG:
        case GUMBO_TAG_MATH:
        case GUMBO_TAG_CANVAS:
        case GUMBO_TAG_AUDIO:
        case GUMBO_TAG_VIDEO:
            return true;
        default:
            return false;
    }
}

// 0: inline; 1: ends a line; 2: set off by a blank line.
int block_level(GumboTag tag) {
    switch (tag) {
        case GUMBO_TAG_P:
        case GUMBO_TAG_H1:
        case GUMBO_TAG_H2:
        case GUMBO_TAG_H3:
        case GUMBO_TAG_H4:
        case GUMBO_TAG_H5:
        case GUMBO_TAG_H6:
        case GUMBO_TAG_TABLE:
        case GUMBO_TAG_UL:
        case GUMBO_TAG_OL:
        case GUMBO_TAG_DL:
        case GUMBO_TAG_BLOCKQUOTE:
        case GUMBO_TAG_PRE:
        case GUMBO_TAG_FIGURE:
        case GUMBO_TAG_HR:
            return 2;
        case GUMBO_TAG_ADDRESS:
        case GUMBO_TAG_ARTICLE:
        case GUMBO_TAG_ASIDE:
        case GUMBO_TAG_BODY:
        case GUMBO_TAG_CAPTION:
        case GUMBO_TAG_CENTER:
        case GUMBO_TAG_DD:
        case GUMBO_TAG_DETAILS:
        case GUMBO_TAG_DIR:
        case GUMBO_TAG_DIV:
        case GUMBO_TAG_DT:
        case GUMBO_TAG_FIELDSET:
        case GUMBO_TAG_FIGCAPTION:
        case GUMBO_TAG_FOOTER:
        case GUMBO_TAG_FORM:
        case GUMBO_TAG_HEADER:
        case GUMBO_TAG_HGROUP:
        case GUMBO_TAG_HTML:
        case GUMBO_TAG_LEGEND:
        case GUMBO_TAG_LI:
        case GUMBO_TAG_MAIN:
        case GUMBO_TAG_MENU:
        case GUMBO_TAG_OPTGROUP:
        case GUMBO_TAG_OPTION:
        case GUMBO_TAG_SECTION:
        case GUMBO_TAG_SUMMARY:
        case GUMBO_TAG_TBODY:
        case GUMBO_TAG_TFOOT:
        case GUMBO_TAG_THEAD:
        case GUMBO_TAG_TR:
            return 1;
        default:
            return 0;
    }
}

bool is_hidden(const GumboElement& el) {
    if (gumbo_get_attribute(&el.attributes, "hidden")) return true;
    if (const GumboAttribute* style = gumbo_get_attribute(&el.attributes, "style")) {
        std::string s;
        for (const char* p = style->value; *p; ++p)
            if (!std::isspace(static_cast<unsigned char>(*p)))
                s += static_cast<char>(std::tolower(static_cast<unsigned char>(*p)));
        if (s.find("display:none") != std::string::npos ||
            s.find("visibility:hidden") != std::string::npos)
            return true;
    }
    return false;
}

class TextBuilder {
public:
    void text(std::string_view s, bool pre) {
        for (std::size_t i = 0; i < s.size(); ++i) {
            const char c = s[i];
            if (pre) {
                if (c == '\r') {
                    if (i + 1 < s.size() && s[i + 1] == '\n') continue;
                    newline_in_pre();
                } else if (c == '\n') {
                    newline_in_pre();
                } else if (c == ' ' || c == '\t') {
                    // Leading spaces of a pre line are layout; keep inner ones.
                    if (!at_line_start()) pending_space_ = true;
                } else {
                    put(c);
                }
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                pending_space_ = true;
            } else {
                put(c);
            }
        }
    }
    void line_break(int level) {
        pending_breaks_ = std::max(pending_breaks_, level);
        pending_space_ = false;
        pending_cell_ = false;
    }
    void br() {
        ++br_run_;
        line_break(std::min(2, br_run_));
    }
    void cell_start() {
        if (row_has_text_) pending_cell_ = true;
    }
    void row_start() { row_has_text_ = false; }
    std::string finish() { return std::move(out_); }

private:
    bool at_line_start() const { return out_.empty() || out_.back() == '\n' || pending_breaks_ > 0; }
    void newline_in_pre() {
        ++br_run_;
        pending_breaks_ = std::max(pending_breaks_, std::min(2, br_run_));
        pending_space_ = false;
    }
    void put(char c) {
        if (!out_.empty() && pending_breaks_ > 0) {
            out_.append(static_cast<std::size_t>(pending_breaks_), '\n');
        } else if (!out_.empty() && out_.back() != '\n' && pending_cell_) {
            out_ += " | ";
        } else if (!out_.empty() && out_.back() != '\n' && pending_space_) {
            out_ += ' ';
        }
        pending_breaks_ = 0;
        pending_space_ = false;
        pending_cell_ = false;
        br_run_ = 0;
        row_has_text_ = true;
        out_ += c;
    }

    std::string out_;
    int pending_breaks_ = 0;
    int br_run_ = 0;
    bool pending_space_ = false;
    bool pending_cell_ = false;
    bool row_has_text_ = false;
};

// Iterative walk: deeply nested pages must not exhaust the stack.
std::string extract(const GumboNode* root) {
    TextBuilder out;
    struct Frame {
        const GumboNode* node;
        unsigned next_child;
        int pre_depth;
    };
    std::vector<Frame> stack;
    stack.push_back({root, 0, 0});
    auto close = [&](const GumboNode* node) {
        if (node->type != GUMBO_NODE_ELEMENT) return;
        const int level = block_level(node->v.element.tag);
        if (level > 0) out.line_break(level);
    };
    while (!stack.empty()) {
        Frame& f = stack.back();
        const GumboNode* node = f.node;
        const GumboVector* children = nullptr;
        if (node->type == GUMBO_NODE_DOCUMENT) children = &node->v.document.children;
        else if (node->type == GUMBO_NODE_ELEMENT) children = &node->v.element.children;
        if (!children || f.next_child >= children->length) {
            close(node);
            stack.pop_back();
            continue;
        }
        const auto* child = static_cast<const GumboNode*>(children->data[f.next_child++]);
        const int pre_depth = f.pre_depth;
        switch (child->type) {
            case GUMBO_NODE_TEXT:
            case GUMBO_NODE_CDATA:
            case GUMBO_NODE_WHITESPACE:
                out.text(child->v.text.text, pre_depth > 0);
                break;
            case GUMBO_NODE_ELEMENT: {
                const GumboElement& el = child->v.element;
                if (is_dropped(el.tag) || is_hidden(el)) break;
                if (el.tag == GUMBO_TAG_BR) {
                    out.br();
                    break;
                }
                const int level = block_level(el.tag);
                if (level > 0) out.line_break(level);
                if (el.tag == GUMBO_TAG_TR) out.row_start();
                if (el.tag == GUMBO_TAG_TD || el.tag == GUMBO_TAG_TH) out.cell_start();
                const bool pre = el.tag == GUMBO_TAG_PRE || el.tag == GUMBO_TAG_TEXTAREA ||
                                 el.tag == GUMBO_TAG_LISTING || el.tag == GUMBO_TAG_PLAINTEXT;
                stack.push_back({child, 0, pre_depth + (pre ? 1 : 0)});
                break;
            }
            default:  // comments, templates
                break;
        }
    }
    return out.finish();
}

}  // namespace

Loaded html_to_text(std::string_view bytes, const LoadOptions& options) {
    Loaded decoded;
    if (!options.encoding.empty() || has_bom(bytes)) {
        decoded = decode(bytes, options);
    } else {
        const std::string label = lower_ascii(sniff_meta_charset(bytes));
        const std::string declared = label.empty() ? std::string() : converter_for_label(label);
        if (!declared.empty()) {
            LoadOptions named = options;
            named.encoding = declared;
            decoded = decode(bytes, named);
            // Mislabelled pages are common; unknown labels too. Trust the bytes then.
            if (decoded.error && decoded.error->code != "too-large") decoded = decode(bytes, options);
        } else {
            decoded = decode(bytes, options);
        }
    }
    if (decoded.error) {
        decoded.format = "html";
        return decoded;
    }

    GumboOutput* parsed =
        gumbo_parse_with_options(&kGumboDefaultOptions, decoded.text.data(), decoded.text.size());
    if (!parsed || !parsed->document)
        return detail::failure("bad-html", "the HTML parser gave no document", "html");
    Loaded out;
    out.text = extract(parsed->document);
    gumbo_destroy_output(&kGumboDefaultOptions, parsed);
    out.encoding = decoded.encoding;
    out.format = "html";
    return out;
}

}  // namespace metrex::text
