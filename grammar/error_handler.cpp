// Tested by tests/unit/grammar_test.cpp
//
// Wording and placing syntax errors (grammar/SPEC.md, "Errors"), and the limit checks
// that run before the parser.
//
// The X3 grammar says only *which* expectation failed and where. Everything before that
// point parsed, so a simple left-to-right walk of the prefix (brackets outside quoted
// literals) tells which '(' or '{' is still open, and the last non-space character tells
// what came just before: that is enough to name the problem and point at the character
// a person would fix.
#include "grammar/error_handler.hpp"

#include "grammar/chars.hpp"

#include <string>
#include <vector>

namespace metrex::grammar::parser {

namespace {

constexpr std::size_t npos = std::string_view::npos;

struct Opener {
    char kind;  // '(' or '{'
    std::size_t offset;
};

// Calls on_bracket(c, offset) for each ( ) { } in text[0, upto) outside quoted literals,
// until it returns false. Returns the offset of the opening quote if upto is inside a
// quoted literal, else npos. Quotes and escapes are read as the grammar reads them.
template <typename OnBracket>
std::size_t walk(std::string_view text, std::size_t upto, OnBracket&& on_bracket) {
    for (std::size_t i = 0; i < upto; ++i) {
        char const c = text[i];
        if (c == '"' || c == '\'') {
            std::size_t const open = i;
            for (++i;; ++i) {
                if (i < upto && text[i] == '\\') ++i;
                if (i >= upto) return open;
                if (text[i] == c) break;
            }
        } else if (c == '(' || c == ')' || c == '{' || c == '}') {
            if (!on_bracket(c, i)) return npos;
        }
    }
    return npos;
}

struct Prefix {
    std::vector<Opener> open;  // '(' and '{' not yet closed, innermost last
    std::size_t open_quote = npos;
};

// The prefix before an expectation failure parsed, so every closer in it matched the
// innermost opener.
Prefix read_prefix(std::string_view text, std::size_t upto) {
    Prefix prefix;
    prefix.open_quote = walk(text, upto, [&](char c, std::size_t i) {
        if (c == '(' || c == '{') {
            prefix.open.push_back({c, i});
        } else if (!prefix.open.empty()) {
            prefix.open.pop_back();
        }
        return true;
    });
    return prefix;
}

char const* at(std::string_view text, std::size_t offset) { return text.data() + offset; }
char const* end_of(std::string_view text) { return text.data() + text.size(); }

std::size_t skip_space(std::string_view text, std::size_t offset) {
    while (std::size_t n = chars::space_length(at(text, offset), end_of(text))) offset += n;
    return offset;
}

// Offset of the last code point before `offset` that is not white space, or npos.
std::size_t previous_token(std::string_view text, std::size_t offset) {
    std::size_t last = npos;
    std::int32_t cp = 0;
    for (std::size_t i = 0; i < offset;) {
        std::size_t const n = chars::decode(at(text, i), end_of(text), &cp);
        if (!chars::is_space(cp)) last = i;
        i += n;
    }
    return last;
}

// The code point at `offset`, for quoting in a message.
std::string code_point_at(std::string_view text, std::size_t offset) {
    std::int32_t cp = 0;
    return std::string(text.substr(offset, chars::decode(at(text, offset), end_of(text), &cp)));
}

bool is_repeat(char c) { return c == '?' || c == '*' || c == '+'; }

// A character quoted for a message: '(' or, for the single quote itself, "'".
std::string quoted(char c) {
    return c == '\'' ? std::string("\"'\"") : std::string("'") + c + "'";
}

SyntaxError make(std::size_t offset, std::string code, std::string message,
                 std::string hint = {}) {
    return SyntaxError{offset, std::move(code), std::move(message), std::move(hint)};
}

// An opener never closed: at the end of the text, or when a closer of the other kind
// came first (`(a}` with a '{' further out). Points at the opener.
SyntaxError unclosed(const Opener& opener, std::string_view text, std::size_t found) {
    bool const at_end = found >= text.size();
    if (opener.kind == '(') {
        return make(opener.offset, "expr.unclosed-group", "expected a closing ')' for this '('",
                    at_end ? "every '(' needs a matching ')'"
                           : "found " + quoted(text[found]) + " before the matching ')'");
    }
    return make(opener.offset, "expr.unclosed-capture", "expected '}' to close this '{'",
                at_end ? "every '{' needs a matching '}'"
                       : "found " + quoted(text[found]) + " before the matching '}'");
}

SyntaxError dangling(std::string_view text, std::size_t offset, std::size_t before) {
    char const op = text[offset];
    if (before != npos && is_repeat(text[before])) {
        return make(offset, "expr.dangling-operator",
                    quoted(op) + " after " + quoted(text[before]) +
                        ": expected at most one of ? * + per element",
                    "group to combine them, e.g. (a+)?");
    }
    std::string const what = op == '?' ? "make optional" : "repeat";
    return make(offset, "expr.dangling-operator", quoted(op) + " must follow something to " + what,
                "put it right after a word, quote, group, @lexicon, {capture} or gap; "
                "quote it to match it literally: \"" + std::string(1, op) + "\"");
}

SyntaxError empty_alternative(std::string_view text, std::size_t offset, std::size_t before) {
    bool const at_end = offset >= text.size();
    std::string message = "empty alternative: nothing ";
    if (before == npos) {
        message += "before '|'";
    } else if (at_end) {
        message += "after '|'";
    } else {
        message += "between " + quoted(text[before]) + " and " + quoted(text[offset]);
    }
    bool const by_bracket = !at_end && (text[offset] == ')' || text[offset] == '}' ||
                                        (before != npos && text[before] != '|'));
    return make(offset, "expr.empty-alternative", message,
                by_bracket ? "for an optional part write (a)? rather than (a|)"
                           : "remove the extra '|'");
}

// A failure where the grammar expected an alternative (a sequence of elements), a
// closing ')' or '}', or the end of the expression.
SyntaxError structural(std::string_view text, std::size_t where, std::string_view which) {
    std::size_t const offset = skip_space(text, where);
    Prefix const prefix = read_prefix(text, offset);
    std::size_t const before = previous_token(text, offset);
    char const previous = before == npos ? '\0' : text[before];

    if (offset >= text.size()) {
        if (!prefix.open.empty()) return unclosed(prefix.open.back(), text, offset);
        if (previous == '|') return empty_alternative(text, offset, before);
        return make(0, "expr.empty", "empty expression",
                    "write at least one word, like 收到");
    }

    char const c = text[offset];
    if (c == ')' || c == '}') {
        char const want = c == ')' ? '(' : '{';
        bool matched = false;
        for (const Opener& opener : prefix.open) matched = matched || opener.kind == want;
        if (!matched) {
            return make(offset, "expr.unexpected-close",
                        "unexpected " + quoted(c) + " with no matching " + quoted(want),
                        "remove it, or quote it to match it literally: \"" +
                            std::string(1, c) + "\"");
        }
        if (prefix.open.back().kind != want) return unclosed(prefix.open.back(), text, offset);
        if (previous == '(') {
            return make(offset, "expr.empty-group",
                        "empty group: expected something between '(' and ')'",
                        "remove the '()' or put a pattern inside");
        }
        if (previous == ':') {
            return make(offset, "expr.empty-capture-pattern",
                        "expected a pattern after ':' in the capture",
                        "write {name} to use the default pattern");
        }
        return empty_alternative(text, offset, before);
    }
    if (c == '|') return empty_alternative(text, offset, before);
    if (is_repeat(c)) return dangling(text, offset, before);

    if (which == expected::close_brace && !prefix.open.empty()) {
        std::size_t const name_begin = skip_space(text, prefix.open.back().offset + 1);
        std::string_view const name = text.substr(name_begin, where - name_begin);
        return make(offset, "expr.unclosed-capture",
                    "expected ':' or '}' after the capture name '" + std::string(name) + "'",
                    "write {" + std::string(name) + "} or {" + std::string(name) +
                        ": pattern}; capture names are ascii letters, digits and '_'");
    }
    return make(offset, "expr.syntax", "expected a pattern, not '" + code_point_at(text, offset) + "'");
}

}  // namespace

SyntaxError describe_failure(std::string_view text, std::size_t where, std::string_view which) {
    if (where > text.size()) where = text.size();

    if (which == expected::lexicon_name) {
        return make(where, "expr.expected-lexicon-name", "expected a lexicon name after '@'",
                    "lexicon names are ascii letters, digits and '_', like @case_unit; "
                    "quote it to match '@' literally: \"@\"");
    }
    if (which == expected::lexicon_name_end) {
        std::size_t const at_sign = text.rfind('@', where);
        std::string const name(text.substr(at_sign, where - at_sign));
        return make(where, "expr.expected-lexicon-name",
                    "expected white space or an operator after '" + name + "'",
                    "lexicon names are ascii letters, digits and '_'; to match text right "
                    "after the lexicon, put a space: " + name + " " + code_point_at(text, where));
    }
    if (which == expected::capture_name) {
        std::size_t const offset = skip_space(text, where);
        if (offset >= text.size()) return structural(text, where, which);
        return make(offset, "expr.expected-capture-name",
                    "expected a capture name after '{', like {count} or {name}",
                    "capture names are ascii letters, digits and '_'");
    }
    if (which == expected::escape || which == expected::closing_quote) {
        Prefix const prefix = read_prefix(text, where);
        if (which == expected::escape && where < text.size()) {
            return make(where - 1, "expr.bad-escape",
                        "unknown escape '\\" + code_point_at(text, where) +
                            "': expected \\\" \\' or \\\\",
                        "quoted text is always literal; write a backslash as \\\\");
        }
        std::size_t const open = prefix.open_quote == npos ? where : prefix.open_quote;
        char const quote = open < text.size() ? text[open] : '"';
        return make(open, "expr.unterminated-quote",
                    "unterminated quoted literal: expected a closing " + quoted(quote),
                    std::string("close it with the same quote; write \\") + quote +
                        " for a quote inside");
    }
    if (which == expected::gap_length) {
        std::size_t digits = where;
        while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
        return make(where, "expr.bad-gap-length",
                    "expected a gap length from 1 to " + std::to_string(max_gap_chars) +
                        " characters, not '" + std::string(text.substr(where, digits - where)) + "'",
                    "leave the number out for the default: ~ within a clause, ~~ within a "
                    "sentence");
    }
    return structural(text, where, which);
}

std::optional<SyntaxError> check_limits(std::string_view text, const ParseOptions& options) {
    if (text.size() > options.max_length) {
        std::size_t offset = options.max_length;
        while (offset > 0 && (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80) --offset;
        return make(offset, "expr.too-long",
                    "expression is longer than " + std::to_string(options.max_length) + " bytes",
                    "split it into several rules");
    }
    std::optional<SyntaxError> error;
    int depth = 0;
    walk(text, text.size(), [&](char c, std::size_t i) {
        if (c == ')' || c == '}') {
            if (depth > 0) --depth;
            return true;
        }
        if (++depth <= options.max_depth) return true;
        error = make(i, "expr.too-deep",
                     "expression nests deeper than " + std::to_string(options.max_depth) +
                         " levels",
                     "groups and captures nest at most " + std::to_string(options.max_depth) +
                         " deep; flatten it or split the rule");
        return false;
    });
    return error;
}

}  // namespace metrex::grammar::parser
