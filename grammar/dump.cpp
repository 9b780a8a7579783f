// Tested by tests/unit/grammar_test.cpp
//
// The canonical one-line dump of an AST (grammar/SPEC.md, "Canonical dump").
#include "grammar/expression.hpp"

#include <boost/variant/apply_visitor.hpp>

#include <string>

namespace metrex::grammar {

namespace {

void append_json_string(std::string& out, const std::string& text) {
    out += '"';
    for (char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    out += '"';
}

void append_alternation(std::string& out, const ast::Alternation& alternation);

struct PrimaryDumper {
    using result_type = void;
    std::string& out;

    void operator()(const ast::Word& word) const { append_json_string(out, word.text); }
    void operator()(const ast::LexiconRef& lexicon) const {
        out += '@';
        out += lexicon.name;
    }
    void operator()(const ast::Gap& gap) const {
        out += gap.sentence_scope ? "~~" : "~";
        if (gap.max_chars > 0) out += std::to_string(gap.max_chars);
    }
    void operator()(const ast::Anchor& anchor) const { out += anchor.at_end ? '$' : '^'; }
    void operator()(const ast::Capture& capture) const {
        out += '{';
        out += capture.name;
        if (capture.pattern) {
            out += ": ";
            append_alternation(out, *capture.pattern);
        }
        out += '}';
    }
    void operator()(const ast::Group& group) const { append_alternation(out, group.body); }
};

void append_element(std::string& out, const ast::Element& element) {
    const char* head = element.repeat == '?'   ? "(opt "
                       : element.repeat == '*' ? "(star "
                       : element.repeat == '+' ? "(plus "
                                               : nullptr;
    if (head) out += head;
    boost::apply_visitor(PrimaryDumper{out}, element.primary);
    if (head) out += ')';
}

void append_sequence(std::string& out, const ast::Sequence& sequence) {
    if (sequence.elements.size() == 1) {
        append_element(out, sequence.elements.front());
        return;
    }
    out += "(seq";
    for (const auto& element : sequence.elements) {
        out += ' ';
        append_element(out, element);
    }
    out += ')';
}

void append_alternation(std::string& out, const ast::Alternation& alternation) {
    if (alternation.alternatives.size() == 1) {
        append_sequence(out, alternation.alternatives.front());
        return;
    }
    out += "(alt";
    for (const auto& sequence : alternation.alternatives) {
        out += ' ';
        append_sequence(out, sequence);
    }
    out += ')';
}

}  // namespace

std::string dump(const ast::Expression& expression) {
    std::string out;
    append_alternation(out, expression);
    return out;
}

}  // namespace metrex::grammar
