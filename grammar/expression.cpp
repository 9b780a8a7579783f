// Tested by tests/unit/grammar_test.cpp
//
// The one instantiation of the grammar (expression_def.hpp) for config.hpp's iterator
// and context, and the entry point that builds that context.
#include "grammar/expression.hpp"

#include "grammar/config.hpp"
#include "grammar/expression_def.hpp"

namespace metrex::grammar {

namespace x3 = boost::spirit::x3;

namespace parser {
BOOST_SPIRIT_INSTANTIATE(expression_type, iterator_type, context_type)
}  // namespace parser

ParsedExpression parse_expression(std::string_view text, const ParseOptions& options) {
    ParsedExpression result;
    if (auto error = parser::check_limits(text, options)) {
        result.error = std::move(error);
        return result;
    }

    parser::parse_state state{text, std::nullopt};
    parser::iterator_type first = text.data();
    parser::iterator_type const last = text.data() + text.size();
    auto const grammar = x3::with<parser::parse_state_tag>(std::ref(state))[parser::expression];
    ast::Expression expression;
    if (x3::phrase_parse(first, last, grammar, chars::space, expression) && first == last) {
        result.ast = std::move(expression);
        return result;
    }
    // Every failure past the first character is an expectation failure, which the error
    // handler has recorded; this is only a safety net.
    result.error = state.error ? *state.error
                               : SyntaxError{static_cast<std::size_t>(first - text.data()),
                                             "expr.syntax", "expected a pattern", ""};
    return result;
}

}  // namespace metrex::grammar
