// metrex grammar: the character classes of the rule language (grammar/SPEC.md), as plain
// functions over UTF-8 bytes and as the X3 primitive parsers built on them.
//
// The parser (expression_def.hpp) and the error reporting (error_handler.cpp) both use
// these, so they can never disagree on where a word ends or what counts as white space.
// The parser works on bytes; these functions step over whole code points, so every
// offset the grammar reports is a byte offset at a code point boundary.
//
// Malformed UTF-8 is not an error here: an invalid or truncated sequence counts as one
// byte of word text, so any byte string parses to something or to a syntax error.
#pragma once

#include <boost/spirit/home/x3/core/parser.hpp>
#include <boost/spirit/home/x3/core/skip_over.hpp>
#include <boost/spirit/home/x3/support/unused.hpp>

#include <cstddef>
#include <cstdint>

namespace metrex::grammar::chars {

// Decodes the code point at p; returns its length in bytes (0 at the end), and stores
// the code point in *cp, or -1 for an invalid or truncated sequence (length 1).
inline std::size_t decode(char const* p, char const* last, std::int32_t* cp) {
    if (p == last) return 0;
    auto const byte = [&](std::size_t i) { return static_cast<unsigned char>(p[i]); };
    auto const continuation = [&](std::size_t i, unsigned lo = 0x80, unsigned hi = 0xBF) {
        return static_cast<std::size_t>(last - p) > i && byte(i) >= lo && byte(i) <= hi;
    };
    unsigned const b0 = byte(0);
    *cp = -1;
    if (b0 < 0x80) {
        *cp = static_cast<std::int32_t>(b0);
        return 1;
    }
    if (b0 >= 0xC2 && b0 <= 0xDF && continuation(1)) {
        *cp = static_cast<std::int32_t>(((b0 & 0x1Fu) << 6) | (byte(1) & 0x3Fu));
        return 2;
    }
    if (b0 >= 0xE0 && b0 <= 0xEF) {
        unsigned const lo = b0 == 0xE0 ? 0xA0 : 0x80;  // no overlong forms
        unsigned const hi = b0 == 0xED ? 0x9F : 0xBF;  // no surrogates
        if (continuation(1, lo, hi) && continuation(2)) {
            *cp = static_cast<std::int32_t>(((b0 & 0x0Fu) << 12) | ((byte(1) & 0x3Fu) << 6) |
                                            (byte(2) & 0x3Fu));
            return 3;
        }
        return 1;
    }
    if (b0 >= 0xF0 && b0 <= 0xF4) {
        unsigned const lo = b0 == 0xF0 ? 0x90 : 0x80;
        unsigned const hi = b0 == 0xF4 ? 0x8F : 0xBF;
        if (continuation(1, lo, hi) && continuation(2) && continuation(3)) {
            *cp = static_cast<std::int32_t>(((b0 & 0x07u) << 18) | ((byte(1) & 0x3Fu) << 12) |
                                            ((byte(2) & 0x3Fu) << 6) | (byte(3) & 0x3Fu));
            return 4;
        }
    }
    return 1;
}

// Unicode White_Space: ASCII white space, NEL, NBSP, the general-punctuation spaces and
// U+3000 IDEOGRAPHIC SPACE, which Chinese text uses a lot.
inline bool is_space(std::int32_t cp) {
    return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0x85 || cp == 0xA0 ||
           cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
           cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

constexpr std::int32_t ellipsis = 0x2026;  // '…', a gap like '~'

// ( ) | ? * + ~ … @ { } " ' ^ $ : they end a word and need quoting to be matched literally.
inline bool is_operator(std::int32_t cp) {
    switch (cp) {
        case '(': case ')': case '|': case '?': case '*': case '+': case '~':
        case '@': case '{': case '}': case '"': case '\'': case ellipsis:
        case '^': case '$':
            return true;
        default:
            return false;
    }
}

// Bytes of white space at p, 0 if there is none.
inline std::size_t space_length(char const* p, char const* last) {
    std::int32_t cp = 0;
    std::size_t const n = decode(p, last, &cp);
    return n != 0 && is_space(cp) ? n : 0;
}

// Bytes of an operator character at p, 0 if there is none.
inline std::size_t operator_length(char const* p, char const* last) {
    std::int32_t cp = 0;
    std::size_t const n = decode(p, last, &cp);
    return n != 0 && is_operator(cp) ? n : 0;
}

// Bytes of a word character at p (anything but white space and operators), 0 if none.
inline std::size_t word_char_length(char const* p, char const* last) {
    std::int32_t cp = 0;
    std::size_t const n = decode(p, last, &cp);
    return n != 0 && !is_space(cp) && !is_operator(cp) ? n : 0;
}

// The same classes as X3 parsers: each consumes one code point of its class.
namespace x3 = boost::spirit::x3;

template <std::size_t (*Length)(char const*, char const*)>
struct code_point_parser : x3::parser<code_point_parser<Length>> {
    using attribute_type = x3::unused_type;
    static bool const has_attribute = false;

    template <typename Iterator, typename Context, typename RContext, typename Attribute>
    bool parse(Iterator& first, Iterator const& last, Context const& context, RContext&,
               Attribute&) const {
        x3::skip_over(first, last, context);
        std::size_t const n = Length(first, last);
        first += static_cast<std::ptrdiff_t>(n);
        return n != 0;
    }
};

using space_type = code_point_parser<space_length>;
using operator_char_type = code_point_parser<operator_length>;
using word_char_type = code_point_parser<word_char_length>;

inline space_type const space{};
inline operator_char_type const operator_char{};
inline word_char_type const word_char{};

}  // namespace metrex::grammar::chars
