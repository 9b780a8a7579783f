// metrex grammar AST: plain structs produced by the X3 parser (grammar/SPEC.md).
// Every node is Located: [begin, end) byte offsets into the expression text, filled in
// by the parser's annotation handler, so later stages can point at the exact character.
#pragma once

#include <boost/optional.hpp>
#include <boost/spirit/home/x3/support/ast/position_tagged.hpp>
#include <boost/spirit/home/x3/support/ast/variant.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace metrex::ast {

namespace x3 = boost::spirit::x3;

struct Located : x3::position_tagged {
    std::size_t begin = 0;
    std::size_t end = 0;
};

// A literal: a bare word or a quoted string. Always matched literally.
struct Word : Located {
    std::string text;
    bool quoted = false;
};

// @name: any word of the lexicon `name`.
struct LexiconRef : Located {
    std::string name;
};

// ~ ~12 ~~ ~~30 … : a bounded stretch of text that does not cross a clause end (~, …)
// or a sentence end (~~). max_chars == 0 means the compiler's default for the scope.
struct Gap : Located {
    bool sentence_scope = false;
    int max_chars = 0;
};

// ^ or $: the start or the end of the sentence being matched (a title line, a
// signature line). Zero-width.
struct Anchor : Located {
    bool at_end = false;  // '$' rather than '^'
};

struct Capture;
struct Group;

struct Primary : x3::variant<Word, LexiconRef, Gap, Anchor, x3::forward_ast<Capture>,
                             x3::forward_ast<Group>> {
    using base_type::base_type;
    using base_type::operator=;
};

// A primary with an optional repetition suffix.
struct Element : Located {
    Primary primary;
    char repeat = 0;  // 0, '?', '*' or '+'
};

struct Sequence : Located {
    std::vector<Element> elements;
};

struct Alternation : Located {
    std::vector<Sequence> alternatives;
};

// ( ... ): grouping only.
struct Group : Located {
    Alternation body;
};

// {name} or {name: pattern}. Typed names (count, percent, money, ...) are resolved by
// the compiler; any other name is a named text capture.
struct Capture : Located {
    std::string name;
    boost::optional<Alternation> pattern;
};

using Expression = Alternation;

}  // namespace metrex::ast
