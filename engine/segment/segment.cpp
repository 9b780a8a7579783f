// Tested by tests/unit/segment_test.cpp
//
// Two linear passes over the text.
//   1. Lines: where each line's content starts and ends, whether it reads as prose (has a
//      。), whether it has the shape of an unnumbered cross-heading, and whether the
//      document has any numbered level-1 heading (then unnumbered headings are off).
//   2. Per line: pair the brackets of the line (a bounded stack, so unbalanced text stays
//      linear), then one left-to-right scan that cuts clauses and sentences while tracking
//      which pairs are open; every finished sentence is checked for a heading at its start
//      and the stack of open sections is updated.
// Nothing is copied but section titles and the per-sentence clause vectors.
#include "engine/segment/segment.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>

namespace metrex::segment {
namespace {

constexpr std::size_t npos = std::string_view::npos;

// ---- UTF-8 ---------------------------------------------------------------------------

struct Cp {
    char32_t c;
    std::size_t len;
};

// Decodes the code point at byte i. Invalid bytes decode one at a time as U+FFFD, so a
// scan always advances and ranges stay on the input's own boundaries.
Cp decode(std::string_view s, std::size_t i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) return {b0, 1};
    std::size_t len = 0;
    char32_t c = 0;
    if ((b0 & 0xE0) == 0xC0) {
        len = 2;
        c = b0 & 0x1Fu;
    } else if ((b0 & 0xF0) == 0xE0) {
        len = 3;
        c = b0 & 0x0Fu;
    } else if ((b0 & 0xF8) == 0xF0) {
        len = 4;
        c = b0 & 0x07u;
    } else {
        return {0xFFFD, 1};
    }
    if (i + len > s.size()) return {0xFFFD, 1};
    for (std::size_t k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) return {0xFFFD, 1};
        c = (c << 6) | (b & 0x3Fu);
    }
    return {c, len};
}

// Start of the code point that ends just before byte i (i > 0).
std::size_t prev_start(std::string_view s, std::size_t i) {
    std::size_t j = i - 1;
    while (j > 0 && i - j < 4 && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) --j;
    return j + decode(s, j).len == i ? j : i - 1;
}

// ---- character classes ---------------------------------------------------------------

bool is_space(char32_t c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || c == 0xA0 ||
           c == 0x1680 || (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F ||
           c == 0x3000 || c == 0xFEFF;
}

bool is_cjk(char32_t c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFF);
}

bool is_digit(char32_t c) { return c >= '0' && c <= '9'; }

// Sentence terminators. '.' is never one: in normalised text it is a decimal point.
bool is_terminator(char32_t c) {
    return c == 0x3002 /*。*/ || c == '!' || c == '?' || c == 0xFF01 || c == 0xFF1F ||
           c == 0xFF61 /*｡*/;
}

bool is_clause_delim(char32_t c) {
    return c == ',' || c == ';' || c == ':' || c == 0xFF0C || c == 0xFF1B || c == 0xFF1A;
}

// Bracket pairs. Titles (《》) never hold a sentence break; quotes hold one only at their
// very end (“……。”); every kind of pair holds no clause break.
enum class Kind : std::uint8_t { title, quote, paren };

struct BracketType {
    char32_t open;
    char32_t close;
    Kind kind;
};

constexpr BracketType kBrackets[] = {
    {0x300A, 0x300B, Kind::title},  // 《》
    {0x3008, 0x3009, Kind::title},  // 〈〉
    {0x201C, 0x201D, Kind::quote},  // “”
    {0x2018, 0x2019, Kind::quote},  // ‘’
    {0x300C, 0x300D, Kind::quote},  // 「」
    {0x300E, 0x300F, Kind::quote},  // 『』
    {'(', ')', Kind::paren},
    {0xFF08, 0xFF09, Kind::paren},  // （） (un-normalised input)
    {0x3014, 0x3015, Kind::paren},  // 〔〕
    {'[', ']', Kind::paren},
    {0x3010, 0x3011, Kind::paren},  // 【】
    {0x3016, 0x3017, Kind::paren},  // 〖〗
};
constexpr int kBracketTypes = static_cast<int>(sizeof kBrackets / sizeof kBrackets[0]);

// ASCII and full-width parentheses count as one type, so "(...)" pairs either way.
int canonical_type(int t) { return t == 7 ? 6 : t; }

int opener_type(char32_t c) {
    for (int t = 0; t < kBracketTypes; ++t)
        if (kBrackets[t].open == c) return canonical_type(t);
    return -1;
}

int closer_type(char32_t c) {
    for (int t = 0; t < kBracketTypes; ++t)
        if (kBrackets[t].close == c) return canonical_type(t);
    return -1;
}

// Closing marks that stay with the sentence when they follow its terminator.
bool is_closer(char32_t c) { return closer_type(c) >= 0 || c == '"' || c == '\''; }

// ---- numbering -------------------------------------------------------------------------

int cn_digit(char32_t c) {
    switch (c) {
        case U'一': return 1;
        case U'二': return 2;
        case U'三': return 3;
        case U'四': return 4;
        case U'五': return 5;
        case U'六': return 6;
        case U'七': return 7;
        case U'八': return 8;
        case U'九': return 9;
        case U'十': return 10;
        default: return 0;
    }
}

struct Number {
    int value = 0;
    std::size_t end = 0;
};

// 一 .. 九十九 at byte i: 一, 十, 十二, 二十, 二十三.
std::optional<Number> parse_cn_number(std::string_view s, std::size_t i, std::size_t end) {
    int v[3] = {0, 0, 0};
    int n = 0;
    std::size_t j = i;
    while (j < end) {
        const Cp cp = decode(s, j);
        const int d = cn_digit(cp.c);
        if (d == 0) break;
        if (n == 3) return std::nullopt;
        v[n++] = d;
        j += cp.len;
    }
    int value = 0;
    if (n == 1) {
        value = v[0];
    } else if (n == 2 && v[0] == 10 && v[1] < 10) {
        value = 10 + v[1];
    } else if (n == 2 && v[0] < 10 && v[1] == 10) {
        value = v[0] * 10;
    } else if (n == 3 && v[0] < 10 && v[1] == 10 && v[2] < 10) {
        value = v[0] * 10 + v[2];
    } else {
        return std::nullopt;
    }
    return Number{value, j};
}

std::optional<Number> parse_ascii_number(std::string_view s, std::size_t i, std::size_t end) {
    int value = 0;
    std::size_t j = i;
    while (j < end && is_digit(static_cast<unsigned char>(s[j]))) {
        if (j - i == 2) return std::nullopt;  // "2022年" is a year, not an item number
        value = value * 10 + (s[j] - '0');
        ++j;
    }
    if (j == i || value == 0) return std::nullopt;
    return Number{value, j};
}

struct Numbering {
    int level = 0;
    int number = 0;
    std::size_t end = 0;  // first byte after the numbering
};

// The numbering that opens text at byte p, if any (see the header for the styles).
std::optional<Numbering> parse_numbering(std::string_view s, std::size_t p, std::size_t end) {
    if (p >= end) return std::nullopt;
    const Cp first = decode(s, p);
    std::optional<Numbering> out;

    auto expect = [&](std::size_t at, char32_t a, char32_t b) -> std::size_t {
        if (at >= end) return 0;
        const Cp cp = decode(s, at);
        return (cp.c == a || cp.c == b) ? at + cp.len : 0;
    };

    if (cn_digit(first.c) != 0) {
        if (auto n = parse_cn_number(s, p, end); n && n->end < end) {
            const Cp mark = decode(s, n->end);
            if (mark.c == U'、') out = Numbering{1, n->value, n->end + mark.len};
            if (mark.c == U'是') out = Numbering{4, n->value, n->end + mark.len};
        }
    } else if (first.c == '(' || first.c == 0xFF08) {
        const std::size_t q = p + first.len;
        if (auto n = parse_cn_number(s, q, end)) {
            if (std::size_t e = expect(n->end, ')', 0xFF09)) out = Numbering{2, n->value, e};
        } else if (auto m = parse_ascii_number(s, q, end)) {
            if (std::size_t e = expect(m->end, ')', 0xFF09)) out = Numbering{3, m->value, e};
        }
    } else if (is_digit(first.c)) {
        if (auto n = parse_ascii_number(s, p, end)) {
            if (std::size_t e = expect(n->end, '.', U'、')) out = Numbering{3, n->value, e};
            if (!out)
                if (std::size_t e = expect(n->end, 0xFF0E, 0xFF0E))
                    out = Numbering{3, n->value, e};
        }
    } else if (first.c >= 0x2460 && first.c <= 0x2473) {  // ① .. ⑳
        out = Numbering{3, static_cast<int>(first.c - 0x245F), p + first.len};
    }
    if (!out) return std::nullopt;

    // A title must follow, and must not look like more of a number or a list:
    // "1.1", "1、2、3", "一、二、三季度", "一是,".
    std::size_t t = out->end;
    while (t < end && is_space(decode(s, t).c)) t += decode(s, t).len;
    if (t >= end) return std::nullopt;
    const Cp head = decode(s, t);
    if (is_terminator(head.c) || is_clause_delim(head.c) || head.c == U'、' ||
        head.c == '.' || head.c == '%')
        return std::nullopt;
    // "一、2022年工作情况" is a heading; "1.1" and "1、2、3" are not.
    if (is_digit(first.c) && is_digit(head.c)) return std::nullopt;
    if (out->level == 1 && cn_digit(head.c) != 0) {
        if (auto n = parse_cn_number(s, t, end); n && n->end < end && decode(s, n->end).c == U'、')
            return std::nullopt;
    }
    return out;
}

// ---- pass 1: lines ---------------------------------------------------------------------

struct Line {
    std::size_t begin = 0;    // first byte
    std::size_t content = 0;  // first non-space byte
    std::size_t end = 0;      // exclusive, before "\n" / "\r\n"
    bool blank = true;
    bool prose = false;        // reads as running text: has a 。 (or ends in ! ?)
    bool cross_shape = false;  // could be an unnumbered cross-heading (see the header)
    bool numbered_level1 = false;
};

constexpr std::size_t kCrossMaxChars = 40;
constexpr std::size_t kCrossMinCjk = 6;
constexpr std::size_t kProseMinCjk = 8;

// Characters that mark page furniture ("【打印本页】", "首页 / 信息公开", "时间:") or
// running text; a line holding one is never an unnumbered heading.
bool blocks_cross_heading(char32_t c) {
    if (c < 0x80) {
        const bool allowed = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
                             (c >= 'a' && c <= 'z') || c == ',' || c == '(' || c == ')' ||
                             c == '-' || c == ' ';
        return !allowed;
    }
    return is_terminator(c) || is_clause_delim(c) || c == 0x3010 || c == 0x3011 ||
           c == 0x3016 || c == 0x3017 || c == 0xFF5C /*｜*/ || c == 0xFF0F /*／*/;
}

void classify(std::string_view s, Line& line) {
    std::size_t i = line.begin;
    while (i < line.end && is_space(decode(s, i).c)) i += decode(s, i).len;
    line.content = i;
    line.blank = i == line.end;
    if (line.blank) return;

    std::size_t chars = 0, non_space = 0, cjk = 0;
    bool has_stop = false, blocked = false;
    char32_t last = 0;
    for (std::size_t j = line.content; j < line.end;) {
        const Cp cp = decode(s, j);
        j += cp.len;
        ++chars;
        if (is_space(cp.c)) continue;
        ++non_space;
        last = cp.c;
        if (is_cjk(cp.c)) ++cjk;
        if (cp.c == 0x3002) has_stop = true;
        if (blocks_cross_heading(cp.c)) blocked = true;
    }
    line.prose = (has_stop || last == '!' || last == '?') && cjk >= kProseMinCjk;
    line.cross_shape = !blocked && chars <= kCrossMaxChars && cjk >= kCrossMinCjk &&
                       cjk * 3 >= non_space * 2 && last != ',' && last != U'、';
    if (auto n = parse_numbering(s, line.content, line.end)) line.numbered_level1 = n->level == 1;
}

std::vector<Line> split_lines(std::string_view s) {
    std::vector<Line> lines;
    std::size_t begin = 0;
    while (begin <= s.size()) {
        std::size_t nl = s.find('\n', begin);
        const bool last = nl == npos;
        if (last) nl = s.size();
        Line line;
        line.begin = begin;
        line.end = (nl > begin && s[nl - 1] == '\r') ? nl - 1 : nl;
        classify(s, line);
        lines.push_back(line);
        if (last) break;
        begin = nl + 1;
    }
    return lines;
}

// An unnumbered line is a heading only in a document with no numbered level-1 heading,
// and only when it sits between two prose paragraphs: that rules out titles, bylines,
// signatures, dates and page furniture, which sit next to other short lines.
std::vector<bool> cross_headings(const std::vector<Line>& lines) {
    std::vector<bool> out(lines.size(), false);
    for (const Line& l : lines)
        if (l.numbered_level1) return out;
    std::vector<int> prev(lines.size(), -1);
    int last = -1;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        prev[i] = last;
        if (!lines[i].blank) last = static_cast<int>(i);
    }
    int next = -1;
    for (std::size_t k = lines.size(); k-- > 0;) {
        const Line& l = lines[k];
        out[k] = l.cross_shape && prev[k] >= 0 && lines[prev[k]].prose && next >= 0 &&
                 lines[next].prose;
        if (!l.blank) next = static_cast<int>(k);
    }
    return out;
}

// ---- pass 2: sentences, clauses, sections ---------------------------------------------

struct Opener {
    std::size_t open;
    std::size_t close;  // byte of the matching closer, npos if unmatched
    int type;
};

// Matches the brackets of one line. Only the top few stack entries are searched for a
// closer's partner, which keeps lines full of stray brackets linear.
constexpr std::size_t kPairSearchDepth = 16;

void pair_brackets(std::string_view s, const Line& line, std::vector<Opener>& openers,
                   std::vector<std::size_t>& stack) {
    openers.clear();
    stack.clear();
    for (std::size_t i = line.content; i < line.end;) {
        const Cp cp = decode(s, i);
        if (const int t = opener_type(cp.c); t >= 0) {
            openers.push_back({i, npos, t});
            stack.push_back(openers.size() - 1);
        } else if (const int u = closer_type(cp.c); u >= 0) {
            const std::size_t floor =
                stack.size() > kPairSearchDepth ? stack.size() - kPairSearchDepth : 0;
            for (std::size_t k = stack.size(); k-- > floor;) {
                if (openers[stack[k]].type == u) {
                    openers[stack[k]].close = i;
                    stack.resize(k);
                    break;
                }
            }
        }
        i += cp.len;
    }
}

struct OpenSection {
    int index;
    bool paragraph_bounded;  // an inline 一是 item: closes at the end of its paragraph
};

class Builder {
public:
    explicit Builder(std::string_view text) : s_(text) {}

    Segmentation run() {
        const std::vector<Line> lines = split_lines(s_);
        const std::vector<bool> cross = cross_headings(lines);
        for (std::size_t k = 0; k < lines.size(); ++k) {
            if (lines[k].blank) continue;
            scan_line(lines[k], cross[k]);
            if (!open_.empty() && open_.back().paragraph_bounded) close_top(lines[k].end);
        }
        while (!open_.empty()) close_top(s_.size());
        return std::move(out_);
    }

private:
    struct Active {
        std::size_t close;
        Kind kind;
    };

    void push_active(const Opener& o) {
        const Kind kind = kBrackets[o.type].kind;
        active_.push_back({o.close, kind});
        if (kind == Kind::title) ++titles_;
        if (kind == Kind::quote) ++quotes_;
    }

    void pop_active_before(std::size_t pos) {
        while (!active_.empty() && active_.back().close < pos) {
            if (active_.back().kind == Kind::title) --titles_;
            if (active_.back().kind == Kind::quote) --quotes_;
            active_.pop_back();
        }
    }

    std::size_t skip_spaces(std::size_t i, std::size_t end) const {
        while (i < end) {
            const Cp cp = decode(s_, i);
            if (!is_space(cp.c)) break;
            i += cp.len;
        }
        return i;
    }

    std::size_t trim_back(std::size_t begin, std::size_t end) const {
        while (end > begin) {
            const std::size_t p = prev_start(s_, end);
            if (!is_space(decode(s_, p).c)) break;
            end = p;
        }
        return end;
    }

    void scan_line(const Line& line, bool cross) {
        pair_brackets(s_, line, openers_, pair_stack_);
        active_.clear();
        titles_ = quotes_ = 0;
        std::size_t next_opener = 0;

        std::size_t sentence_begin = line.begin;
        std::size_t clause_begin = line.begin;
        std::size_t first_semicolon = npos;
        std::vector<Range> clauses;
        char32_t prev = 0;

        std::size_t i = line.content;
        while (i < line.end) {
            const Cp cp = decode(s_, i);
            while (next_opener < openers_.size() && openers_[next_opener].open < i) ++next_opener;
            if (next_opener < openers_.size() && openers_[next_opener].open == i) {
                if (openers_[next_opener].close != npos) push_active(openers_[next_opener]);
                ++next_opener;
            }

            if (is_terminator(cp.c) && titles_ == 0) {
                std::size_t r = i + cp.len;
                while (r < line.end && is_terminator(decode(s_, r).c)) r += decode(s_, r).len;
                // Inside a quote, break only when the terminator ends the quote: “……。”
                const bool ends_here =
                    quotes_ == 0 || (quotes_ == 1 && active_.back().kind == Kind::quote &&
                                     active_.back().close == r);
                if (ends_here) {
                    std::size_t j = r;
                    while (j < line.end) {
                        const Cp c2 = decode(s_, j);
                        if (!is_closer(c2.c) && !is_terminator(c2.c)) break;
                        j += c2.len;
                    }
                    j = skip_spaces(j, line.end);
                    clauses.push_back({clause_begin, j});
                    finish_sentence(line, cross, {sentence_begin, j}, i, first_semicolon,
                                    std::move(clauses));
                    clauses.clear();
                    sentence_begin = clause_begin = j;
                    first_semicolon = npos;
                    pop_active_before(j);
                    prev = 0;
                    i = j;
                    continue;
                }
            } else if (is_clause_delim(cp.c) && active_.empty()) {
                const std::size_t after = i + cp.len;
                const bool numeric = (cp.c == ',' || cp.c == ':') && is_digit(prev) &&
                                     after < line.end && is_digit(decode(s_, after).c);
                if (!numeric) {
                    if ((cp.c == ';' || cp.c == 0xFF1B) && first_semicolon == npos)
                        first_semicolon = i;
                    const std::size_t j = skip_spaces(after, line.end);
                    clauses.push_back({clause_begin, j});
                    clause_begin = j;
                    prev = cp.c;
                    i = j;
                    continue;
                }
            }
            i += cp.len;
            prev = cp.c;
            pop_active_before(i);
        }
        if (sentence_begin < line.end) {
            if (clause_begin < line.end) clauses.push_back({clause_begin, line.end});
            finish_sentence(line, cross, {sentence_begin, line.end}, line.end, first_semicolon,
                            std::move(clauses));
        }
    }

    // `stop` is where the sentence's terminator sits (its end when it has none).
    void finish_sentence(const Line& line, bool cross, Range range, std::size_t stop,
                         std::size_t first_semicolon, std::vector<Range> clauses) {
        const bool line_start = range.begin == line.begin;
        const std::size_t start = skip_spaces(range.begin, range.end);

        int level = 0;
        int number = 0;
        Range heading{start, start};
        if (line_start && cross) {
            level = 1;
            heading.end = trim_back(start, range.end);
        } else if (auto n = parse_numbering(s_, start, stop)) {
            std::size_t end = stop;
            if (n->level == 4 && first_semicolon < stop) end = first_semicolon;
            end = trim_back(start, end);
            if (end > n->end && accept(*n, line_start)) {
                level = n->level;
                number = n->number;
                heading.end = end;
            }
        }

        Sentence sentence;
        sentence.range = range;
        sentence.clauses = std::move(clauses);
        if (level > 0) {
            // A 一是 item runs to the end of its paragraph, unless it is a bare title line.
            const bool bare = line_start && stop == line.end && range.end == line.end;
            open_section(level, number, heading, level == 4 && !bare);
            sentence.is_heading = true;
        }
        sentence.section = open_.empty() ? -1 : open_.back().index;
        out_.sentences.push_back(std::move(sentence));
    }

    // Numbered headings at the start of a line are trusted; mid-line ones (levels 2-4 only)
    // and every 一是 must continue an enumeration: be number 1, or follow number n-1 of
    // the same level under the same parent. That keeps list items such as
    // "不足之处:一是……。二是……" from becoming headings.
    bool accept(const Numbering& n, bool line_start) const {
        const bool continues = n.number == 1 || last_number_[n.level] == n.number - 1;
        if (n.level == 4) return continues;
        if (line_start) return true;
        return n.level >= 2 && continues;
    }

    void open_section(int level, int number, Range heading, bool paragraph_bounded) {
        while (!open_.empty() && out_.sections[open_.back().index].level >= level)
            close_top(heading.begin);
        Section section;
        section.heading = heading;
        section.body = {heading.begin, heading.begin};
        section.level = level;
        section.parent = open_.empty() ? -1 : open_.back().index;
        section.title.assign(s_.substr(heading.begin, heading.end - heading.begin));
        out_.sections.push_back(std::move(section));
        open_.push_back({static_cast<int>(out_.sections.size() - 1), paragraph_bounded});
        last_number_[level] = number;
        for (int k = level + 1; k <= 4; ++k) last_number_[k] = 0;
    }

    void close_top(std::size_t end) {
        out_.sections[open_.back().index].body.end = end;
        open_.pop_back();
    }

    std::string_view s_;
    Segmentation out_;
    std::vector<OpenSection> open_;
    int last_number_[5] = {0, 0, 0, 0, 0};

    // Per-line scratch, reused so long documents do not allocate per line.
    std::vector<Opener> openers_;
    std::vector<std::size_t> pair_stack_;
    std::vector<Active> active_;
    int titles_ = 0;
    int quotes_ = 0;
};

}  // namespace

int Segmentation::sentence_at(std::size_t pos) const {
    auto it = std::upper_bound(sentences.begin(), sentences.end(), pos,
                               [](std::size_t p, const Sentence& s) { return p < s.range.begin; });
    if (it == sentences.begin()) return -1;
    --it;
    return it->range.contains(pos) ? static_cast<int>(it - sentences.begin()) : -1;
}

std::vector<std::string> Segmentation::section_path(int section) const {
    std::vector<std::string> path;
    while (section >= 0 && section < static_cast<int>(sections.size())) {
        path.push_back(sections[section].title);
        section = sections[section].parent;
    }
    std::reverse(path.begin(), path.end());
    return path;
}

std::string outline(const Segmentation& s) {
    std::string out;
    std::vector<int> depth(s.sections.size(), 0);
    for (std::size_t k = 0; k < s.sections.size(); ++k) {
        const int parent = s.sections[k].parent;
        depth[k] = parent >= 0 ? depth[parent] + 1 : 0;
        out.append(2 * static_cast<std::size_t>(depth[k]), ' ');
        out += s.sections[k].title;
        out += '\n';
    }
    return out;
}

Segmentation segment(std::string_view normalised) { return Builder(normalised).run(); }

}  // namespace metrex::segment
