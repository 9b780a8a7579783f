// metrex grammar: the rules of the rule language (grammar/SPEC.md) as an X3 grammar.
//
// Shape: every construct starts with a character no other construct starts with (word
// characters, '"' or '\'', '(', '@', '{', '~' or '…'), so the parser never backtracks
// into a construct it has entered. Once the opening character is seen, the rest is an
// expectation (`>`): a missing piece throws x3::expectation_failure named after the
// expectation point (error_handler.hpp, `expected::`), and describe_failure() turns the
// first one into a SyntaxError. An alternation is `x3::expect[sequence] % '|'`: a
// sequence is required at its start and after every '|', so an empty expression, '()',
// '(|' and 'a | | b' all fail exactly where the missing alternative should be.
//
// Included only by expression.cpp, which instantiates the grammar for config.hpp.
#pragma once

#include "grammar/ast.hpp"
#include "grammar/ast_adapted.hpp"
#include "grammar/chars.hpp"
#include "grammar/error_handler.hpp"

#include <boost/spirit/home/x3.hpp>

namespace metrex::grammar::parser {

namespace x3 = boost::spirit::x3;

// The digits after '~', '~~' or '…': at most max_gap_chars characters; no digits gives
// 0, the compiler's default for the gap's scope. Out of range is an error (rather than
// a shorter gap followed by a word), so `~2021年` cannot quietly mean `~202 1年`.
struct gap_length_parser : x3::parser<gap_length_parser> {
    using attribute_type = int;
    static bool const has_attribute = true;

    template <typename Iterator, typename Context, typename RContext, typename Attribute>
    bool parse(Iterator& first, Iterator const& last, Context const&, RContext&,
               Attribute& attribute) const {
        Iterator it = first;
        long value = 0;
        for (; it != last && *it >= '0' && *it <= '9'; ++it) {
            if (value <= max_gap_chars) value = value * 10 + (*it - '0');
        }
        if (it != first && (value < 1 || value > max_gap_chars)) {
            boost::throw_exception(x3::expectation_failure<Iterator>(first, expected::gap_length));
        }
        x3::traits::move_to(static_cast<int>(value), attribute);
        first = it;
        return true;
    }
};
inline gap_length_parser const gap_length{};

// Rule IDs. The classes are completed at the end: the ones that derive
// annotate_position get their node's byte span.
struct expression_class;
struct alternation_class;
struct sequence_class;
struct element_class;
struct primary_class;
struct word_class;
struct quoted_class;
struct group_class;
struct lexicon_class;
struct capture_class;
struct gap_class;
struct anchor_class;
struct close_paren_class;
struct close_brace_class;
struct end_class;
struct lexicon_name_class;
struct lexicon_name_end_class;
struct capture_name_class;
struct escape_class;
struct closing_quote_class;
struct repeat_class;

using expression_type = x3::rule<expression_class, ast::Expression>;
BOOST_SPIRIT_DECLARE(expression_type)

// Rules
expression_type const expression = "expression";
x3::rule<alternation_class, ast::Alternation> const alternation = "alternation";
x3::rule<sequence_class, ast::Sequence> const sequence = expected::alternative;
x3::rule<element_class, ast::Element> const element = "element";
x3::rule<primary_class, ast::Primary> const primary = "primary";
x3::rule<word_class, ast::Word> const word = "word";
x3::rule<quoted_class, ast::Word> const quoted = "quoted";
x3::rule<group_class, ast::Group> const group = "group";
x3::rule<lexicon_class, ast::LexiconRef> const lexicon = "lexicon";
x3::rule<capture_class, ast::Capture> const capture = "capture";
x3::rule<gap_class, ast::Gap> const gap = "gap";
x3::rule<anchor_class, ast::Anchor> const anchor = "anchor";

// Expectation points, named for describe_failure()
x3::rule<close_paren_class> const close_paren = expected::close_paren;
x3::rule<close_brace_class> const close_brace = expected::close_brace;
x3::rule<end_class> const end = expected::end;
x3::rule<lexicon_name_class, std::string> const lexicon_name = expected::lexicon_name;
x3::rule<lexicon_name_end_class> const lexicon_name_end = expected::lexicon_name_end;
x3::rule<capture_name_class, std::string> const capture_name = expected::capture_name;
x3::rule<escape_class, char> const escape = expected::escape;
x3::rule<closing_quote_class> const closing_quote = expected::closing_quote;

// A rule only so that a failed match gives back the white space it skipped: an element's
// span must end at its last character, not at the next element.
x3::rule<repeat_class, char> const repeat = "repeat";

// Grammar
auto const ident = x3::raw[x3::char_("A-Za-z_") >> *x3::char_("A-Za-z0-9_")];
auto const ellipsis = x3::lit("\xE2\x80\xA6");  // '…'

auto const expression_def = alternation > end;
auto const end_def = x3::eoi;

auto const alternation_def = x3::expect[sequence] % '|';
auto const sequence_def = +element;
auto const element_def = primary >> (repeat | x3::attr('\0'));
auto const repeat_def = x3::char_('?') | x3::char_('*') | x3::char_('+');
auto const primary_def = word | quoted | group | lexicon | capture | gap | anchor;

auto const word_def = x3::lexeme[x3::raw[+chars::word_char]] >> x3::attr(false);

// "..." and '...': \" \' and \\ are the escapes in both; everything else is verbatim.
auto const quoted_def =
    x3::lexeme[('"' > *(('\\' > escape) | ~x3::char_("\"\\")) > closing_quote) |
               ('\'' > *(('\\' > escape) | ~x3::char_("'\\")) > closing_quote)] >>
    x3::attr(true);
auto const escape_def = x3::char_('"') | x3::char_('\'') | x3::char_('\\');
// Either quote will do: the body has already consumed every other character, so only
// the matching quote (or the end of the text) can be next.
auto const closing_quote_def = x3::lit('"') | x3::lit('\'');

auto const group_def = '(' > alternation > close_paren;
auto const close_paren_def = x3::lit(')');

// A lexicon name is followed by white space, an operator or the end: `@unit件` is an
// error rather than `@unit` next to `件`.
auto const lexicon_def = x3::lexeme['@' > lexicon_name > lexicon_name_end];
auto const lexicon_name_def = ident;
auto const lexicon_name_end_def = &(chars::space | chars::operator_char) | x3::eoi;

auto const capture_def = '{' > capture_name > -(':' > alternation) > close_brace;
auto const capture_name_def = x3::lexeme[ident];
auto const close_brace_def = x3::lit('}');

// A semantic action builds the node (one char, no Fusion adaptation needed), so it also
// records the node's span itself.
auto const set_anchor = [](auto& ctx) {
    ast::Anchor& node = x3::_val(ctx);
    parse_state const& state = x3::get<parse_state_tag>(ctx).get();
    node.at_end = x3::_attr(ctx) == '$';
    // In an action on a char parser, _where(ctx).begin() is just past the character it
    // consumed (the anchor is one byte).
    node.end = static_cast<std::size_t>(x3::_where(ctx).begin() - state.text.data());
    node.begin = node.end - 1;
};
auto const anchor_def = x3::char_("^$")[set_anchor];

auto const gap_def = x3::lexeme[((x3::lit("~~") >> x3::attr(true)) |
                                 ((x3::lit('~') | ellipsis) >> x3::attr(false))) >>
                                gap_length];

BOOST_SPIRIT_DEFINE(expression, alternation, sequence, element, primary, word, quoted, group,
                    lexicon, capture, gap, anchor, close_paren, close_brace, end, lexicon_name,
                    lexicon_name_end, capture_name, escape, closing_quote, repeat)

// Annotation and error handling
struct expression_class : error_handler_base {};
struct alternation_class : annotate_position {};
struct sequence_class : annotate_position {};
struct element_class : annotate_position {};
struct primary_class {};
struct word_class : annotate_position {};
struct quoted_class : annotate_position {};
struct group_class : annotate_position {};
struct lexicon_class : annotate_position {};
struct capture_class : annotate_position {};
struct gap_class : annotate_position {};
struct anchor_class : annotate_position {};
struct close_paren_class {};
struct close_brace_class {};
struct end_class {};
struct lexicon_name_class {};
struct lexicon_name_end_class {};
struct capture_name_class {};
struct escape_class {};
struct closing_quote_class {};
struct repeat_class {};

}  // namespace metrex::grammar::parser
