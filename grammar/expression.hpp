// metrex grammar: the rule language, parsed by Boost.Spirit X3 into an AST.
//
// Contract
//   parse_expression(text) -> ParsedExpression: either an AST (ast.hpp) or the first
//   syntax error with its byte offset into `text`, a stable code and a plain message.
//   The language is specified in grammar/SPEC.md and taught in docs/rule-language.md.
//   dump(ast) is the canonical text form of an AST; tests assert on it.
//   The parser knows nothing of lexicons, capture types or YAML: the compiler checks
//   names, and the rule loader turns offsets into file:line:col.
//
// Limits: ParseOptions::max_length (bytes) and ::max_depth (nesting of groups and
// captures) guard the recursive parser; exceeding them is an error, not a crash.
//
// Thread safety: parse_expression is reentrant (no global mutable state).
//
// Example
//   auto parsed = metrex::grammar::parse_expression("收到 行政复议? {count}");
//   if (parsed.ok()) std::cout << metrex::grammar::dump(*parsed.ast);
//   // (seq "收到" (opt "行政复议") {count})
#pragma once

#include "grammar/ast.hpp"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace metrex::grammar {

struct ParseOptions {
    std::size_t max_length = 4096;
    int max_depth = 32;
};

struct SyntaxError {
    std::size_t offset = 0;  // bytes into the expression text
    std::string code;        // e.g. "expr.unclosed-group" (grammar/SPEC.md)
    std::string message;     // lowercase, plain words
    std::string hint;        // optional
};

struct ParsedExpression {
    std::optional<ast::Expression> ast;  // set on success
    std::optional<SyntaxError> error;    // set on failure
    bool ok() const { return ast.has_value(); }

    // Byte range [begin, end) of a node of `ast` inside the expression text.
    std::pair<std::size_t, std::size_t> span(const ast::Located& node) const {
        return {node.begin, node.end};
    }
};

ParsedExpression parse_expression(std::string_view text, const ParseOptions& options = {});

// Canonical one-line dump (grammar/SPEC.md).
std::string dump(const ast::Expression& expression);

}  // namespace metrex::grammar
