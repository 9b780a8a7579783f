// metrex grammar: Boost.Fusion adaptation of the AST (ast.hpp), so X3 can fill the
// structs member by member. Located::begin/end are not adapted: the annotation handler
// (error_handler.hpp) sets them.
#pragma once

#include "grammar/ast.hpp"

#include <boost/fusion/include/adapt_struct.hpp>

BOOST_FUSION_ADAPT_STRUCT(metrex::ast::Word, text, quoted)
BOOST_FUSION_ADAPT_STRUCT(metrex::ast::LexiconRef, name)
BOOST_FUSION_ADAPT_STRUCT(metrex::ast::Gap, sentence_scope, max_chars)
BOOST_FUSION_ADAPT_STRUCT(metrex::ast::Element, primary, repeat)
BOOST_FUSION_ADAPT_STRUCT(metrex::ast::Sequence, elements)
BOOST_FUSION_ADAPT_STRUCT(metrex::ast::Alternation, alternatives)
BOOST_FUSION_ADAPT_STRUCT(metrex::ast::Group, body)
BOOST_FUSION_ADAPT_STRUCT(metrex::ast::Capture, name, pattern)
