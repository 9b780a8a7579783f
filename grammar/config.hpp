// metrex grammar: the iterator and context types the parser is instantiated for
// (expression.cpp). parse_expression must build exactly this context: a phrase parse
// skipping chars::space, with the per-call parse_state injected by x3::with.
#pragma once

#include "grammar/chars.hpp"
#include "grammar/error_handler.hpp"

#include <boost/spirit/home/x3.hpp>

#include <functional>

namespace metrex::grammar::parser {

namespace x3 = boost::spirit::x3;

// Bytes of the expression text; offsets are `iterator - text.data()`.
using iterator_type = char const*;

using phrase_context_type = x3::phrase_parse_context<chars::space_type>::type;

using context_type =
    x3::context<parse_state_tag, std::reference_wrapper<parse_state>, phrase_context_type>;

}  // namespace metrex::grammar::parser
