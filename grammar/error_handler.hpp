// metrex grammar: what the parser does on success and on error.
//
// On success every AST node gets its byte span (annotate_position). On error the one
// X3 expectation failure that stopped the parse is turned into a SyntaxError by
// describe_failure(), which looks at the text around the failure (the innermost open
// '(' or '{', the operator before it) to pick the code, the exact offset and the words
// of grammar/SPEC.md. The parse itself stays a plain X3 grammar; all the wording is here
// and in error_handler.cpp.
//
// The per-call parse_state (the text and the error found) is injected with x3::with,
// so parsing is reentrant: there is no global mutable state.
#pragma once

#include "grammar/ast.hpp"
#include "grammar/expression.hpp"

#include <boost/spirit/home/x3.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace metrex::grammar::parser {

namespace x3 = boost::spirit::x3;

struct parse_state {
    std::string_view text;
    std::optional<SyntaxError> error;
};
struct parse_state_tag;

// Names of the expectation points in expression_def.hpp: an x3::expectation_failure's
// which() is one of these, and describe_failure() words the error from it.
namespace expected {
inline constexpr char const alternative[] = "alternative";  // a sequence: '|' x, '(' x, ...
inline constexpr char const close_paren[] = "close_paren";
inline constexpr char const close_brace[] = "close_brace";
inline constexpr char const end[] = "end";
inline constexpr char const lexicon_name[] = "lexicon_name";
inline constexpr char const lexicon_name_end[] = "lexicon_name_end";
inline constexpr char const capture_name[] = "capture_name";
inline constexpr char const escape[] = "escape";
inline constexpr char const closing_quote[] = "closing_quote";
inline constexpr char const gap_length[] = "gap_length";
}  // namespace expected

// The longest gap a number may ask for, `~1000`: RE2 repeats at most 1000 times.
inline constexpr int max_gap_chars = 1000;

// The SyntaxError for an expectation failure `which` at byte `where` of `text`, where
// text[0, where) parsed without error (grammar/SPEC.md, "Errors").
SyntaxError describe_failure(std::string_view text, std::size_t where, std::string_view which);

// Checks ParseOptions::max_length and ::max_depth before parsing. The depth is found by a
// scan that counts open '(' and '{' outside quoted literals, so the recursive parser is
// never entered on input nested deeper than the limit.
std::optional<SyntaxError> check_limits(std::string_view text, const ParseOptions& options);

// Rule classes that derive from this get [begin, end) byte offsets on their node. X3
// calls it with `first` already past leading white space, so spans are exact.
struct annotate_position {
    template <typename Iterator, typename Context>
    void on_success(Iterator const& first, Iterator const& last, ast::Located& node,
                    Context const& context) const {
        parse_state const& state = x3::get<parse_state_tag>(context).get();
        node.begin = static_cast<std::size_t>(first - state.text.data());
        node.end = static_cast<std::size_t>(last - state.text.data());
    }
};

// The top rule's class derives from this: the first expectation failure becomes the
// parse's SyntaxError and the parse fails.
struct error_handler_base {
    template <typename Iterator, typename Exception, typename Context>
    x3::error_handler_result on_error(Iterator&, Iterator const&, Exception const& failure,
                                      Context const& context) const {
        parse_state& state = x3::get<parse_state_tag>(context).get();
        if (!state.error) {
            auto const where = static_cast<std::size_t>(failure.where() - state.text.data());
            state.error = describe_failure(state.text, where, failure.which());
        }
        return x3::error_handler_result::fail;
    }
};

}  // namespace metrex::grammar::parser
