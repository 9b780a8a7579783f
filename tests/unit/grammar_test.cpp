// Tests for the grammar stage (grammar/expression.hpp): the data-driven cases in
// tests/cases/grammar/parse.cases, node spans, the limits, and a random-input property.
#include "grammar/chars.hpp"
#include "grammar/expression.hpp"

#include <doctest/doctest.h>

#include <boost/variant/apply_visitor.hpp>

#include <cstdint>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace grammar = metrex::grammar;
namespace ast = metrex::ast;

namespace {

// --- helpers --------------------------------------------------------------------------

// "code at offset: message", the form the case file uses.
std::string describe(const grammar::SyntaxError& error) {
    return error.code + " at " + std::to_string(error.offset) + ": " + error.message;
}

// The expression with a marker at `offset`, for readable failure output.
std::string mark(std::string_view text, std::size_t offset) {
    if (offset > text.size()) return std::string(text) + " (offset past the end)";
    return std::string(text.substr(0, offset)) + "▶" + std::string(text.substr(offset));
}

std::string outcome(std::string_view text, const grammar::ParsedExpression& parsed) {
    if (parsed.ok()) return grammar::dump(*parsed.ast);
    return describe(*parsed.error) + "\n  hint: " + parsed.error->hint + "\n  here: " +
           mark(text, parsed.error->offset);
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// An expression line of the case file: verbatim, or `...` with \t \n \r \\ \u{X}.
std::string expression_line(const std::string& line) {
    if (line.size() < 2 || line.front() != '`' || line.back() != '`') return line;
    std::string out;
    std::string_view const body(line.data() + 1, line.size() - 2);
    for (std::size_t i = 0; i < body.size(); ++i) {
        if (body[i] != '\\' || i + 1 == body.size()) {
            out += body[i];
            continue;
        }
        char const next = body[++i];
        if (next == 't') out += '\t';
        else if (next == 'n') out += '\n';
        else if (next == 'r') out += '\r';
        else if (next == 'u' && i + 1 < body.size() && body[i + 1] == '{') {
            std::size_t const close = body.find('}', i);
            append_utf8(out, static_cast<std::uint32_t>(std::stoul(
                                 std::string(body.substr(i + 2, close - i - 2)), nullptr, 16)));
            i = close;
        } else {
            out += next;
        }
    }
    return out;
}

struct Case {
    int line = 0;  // of the expression
    bool fail = false;
    std::string expression;
    std::string expected;  // dump, or "code at offset: message"
    std::string hint;      // failing cases: checked when not empty
};

std::vector<Case> read_cases(const std::string& path) {
    std::ifstream in(path);
    REQUIRE_MESSAGE(in.good(), "cannot open " << path);
    std::vector<Case> cases;
    std::vector<std::pair<int, std::string>> block;
    auto flush = [&] {
        if (block.empty()) return;
        Case c;
        std::size_t i = 0;
        if (block[0].second == "%%FAIL") {
            c.fail = true;
            ++i;
        }
        REQUIRE_MESSAGE(block.size() >= i + 2, path << ":" << block[0].first << ": short block");
        c.line = block[i].first;
        c.expression = expression_line(block[i].second);
        c.expected = block[i + 1].second;
        if (c.fail && block.size() > i + 2) {
            std::string const& extra = block[i + 2].second;
            REQUIRE_MESSAGE(extra.rfind("hint: ", 0) == 0,
                            path << ":" << block[i + 2].first << ": expected 'hint: '");
            c.hint = extra.substr(6);
        }
        REQUIRE_MESSAGE(block.size() <= i + (c.fail ? 3 : 2),
                        path << ":" << block[0].first << ": extra lines in block");
        cases.push_back(std::move(c));
        block.clear();
    };
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) {
            flush();
        } else if (line[0] != '#') {
            block.emplace_back(number, line);
        }
    }
    flush();
    return cases;
}

// Dumps of single nodes, by wrapping them into an expression.
std::string dump_element(const ast::Element& element) {
    ast::Sequence sequence;
    sequence.elements.push_back(element);
    ast::Alternation alternation;
    alternation.alternatives.push_back(sequence);
    return grammar::dump(alternation);
}
std::string dump_sequence(const ast::Sequence& sequence) {
    ast::Alternation alternation;
    alternation.alternatives.push_back(sequence);
    return grammar::dump(alternation);
}
template <typename Node>
std::string dump_primary(const Node& node) {
    ast::Element element;
    element.primary = node;
    return dump_element(element);
}

// Every node of an AST in pre-order, as (kind, node, dump of the node).
struct Node {
    std::string kind;
    const ast::Located* located;
    std::string dump;
};

void collect(const ast::Alternation& alternation, std::vector<Node>& out);

struct PrimaryCollector {
    using result_type = void;
    std::vector<Node>& out;
    void operator()(const ast::Word& word) const {
        out.push_back({word.quoted ? "quoted" : "word", &word, dump_primary(word)});
    }
    void operator()(const ast::LexiconRef& lexicon) const {
        out.push_back({"lexicon", &lexicon, dump_primary(lexicon)});
    }
    void operator()(const ast::Gap& gap) const { out.push_back({"gap", &gap, dump_primary(gap)}); }
    void operator()(const ast::Anchor& anchor) const { out.push_back({"anchor", &anchor, anchor.at_end ? "$" : "^"}); }
    void operator()(const ast::Capture& capture) const {
        out.push_back({"capture", &capture, dump_primary(capture)});
        if (capture.pattern) collect(*capture.pattern, out);
    }
    void operator()(const ast::Group& group) const {
        out.push_back({"group", &group, grammar::dump(group.body)});
        collect(group.body, out);
    }
};

void collect(const ast::Alternation& alternation, std::vector<Node>& out) {
    out.push_back({"alt", &alternation, grammar::dump(alternation)});
    for (const auto& sequence : alternation.alternatives) {
        out.push_back({"seq", &sequence, dump_sequence(sequence)});
        for (const auto& element : sequence.elements) {
            out.push_back({"element", &element, dump_element(element)});
            boost::apply_visitor(PrimaryCollector{out}, element.primary);
        }
    }
}

bool is_space_at(std::string_view text, std::size_t offset) {
    return grammar::chars::space_length(text.data() + offset, text.data() + text.size()) != 0;
}

// The property behind every span: the text a node came from parses on its own to the
// same node, and has no white space around it.
void check_spans(std::string_view text, const grammar::ParsedExpression& parsed) {
    std::vector<Node> nodes;
    collect(*parsed.ast, nodes);
    for (const Node& node : nodes) {
        auto const [begin, end] = parsed.span(*node.located);
        INFO("expression: " << text << "\nnode: " << node.kind << " " << node.dump << " ["
                            << begin << ", " << end << ")");
        REQUIRE(begin < end);
        REQUIRE(end <= text.size());
        std::string_view const piece = text.substr(begin, end - begin);
        CHECK_FALSE(is_space_at(text, begin));
        auto const reparsed = grammar::parse_expression(piece);
        REQUIRE_MESSAGE(reparsed.ok(), "span '" << piece << "' does not parse: "
                                                 << describe(*reparsed.error));
        CHECK(grammar::dump(*reparsed.ast) == node.dump);
        if (node.kind == "group") CHECK((piece.front() == '(' && piece.back() == ')'));
        if (node.kind == "capture") CHECK((piece.front() == '{' && piece.back() == '}'));
        if (node.kind == "lexicon") CHECK(piece.front() == '@');
        if (node.kind == "word") CHECK(piece == static_cast<const ast::Word*>(node.located)->text);
    }
}

// Node kind and the text of its span, in pre-order.
std::vector<std::string> spans(std::string_view text) {
    auto const parsed = grammar::parse_expression(text);
    REQUIRE_MESSAGE(parsed.ok(), describe(*parsed.error));
    std::vector<Node> nodes;
    collect(*parsed.ast, nodes);
    std::vector<std::string> out;
    for (const Node& node : nodes) {
        auto const [begin, end] = parsed.span(*node.located);
        out.push_back(node.kind + " " + std::string(text.substr(begin, end - begin)));
    }
    return out;
}

std::string join(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& line : lines) out += line + "\n";
    return out;
}

}  // namespace

// --- the case file ------------------------------------------------------------------------

TEST_CASE("parse.cases: every block parses to its dump or fails with its diagnostic") {
    static const std::string path = METREX_TEST_DATA_DIR "/cases/grammar/parse.cases";
    std::vector<Case> const cases = read_cases(path);
    int passing = 0, failing = 0, ok = 0;
    for (const Case& c : cases) {
        (c.fail ? failing : passing) += 1;
        auto const parsed = grammar::parse_expression(c.expression);
        std::string const actual = parsed.ok() ? grammar::dump(*parsed.ast)
                                               : (c.fail ? describe(*parsed.error) : "");
        bool good = c.fail ? (!parsed.ok() && actual == c.expected &&
                              (c.hint.empty() || parsed.error->hint == c.hint))
                           : (parsed.ok() && actual == c.expected);
        if (good) {
            ++ok;
            if (parsed.ok()) check_spans(c.expression, parsed);
            continue;
        }
        std::ostringstream message;
        message << path << ":" << c.line << ": " << (c.fail ? "%%FAIL case" : "case")
                << "\n  expression: " << c.expression << "\n  expected:   " << c.expected;
        if (!c.hint.empty()) message << "\n  hint:       " << c.hint;
        message << "\n  actual:     " << outcome(c.expression, parsed);
        ADD_FAIL_CHECK_AT(path.c_str(), c.line, message.str());
    }
    MESSAGE(ok << " of " << cases.size() << " cases pass (" << passing << " parse, " << failing
               << " fail)");
    CHECK(passing >= 60);
    CHECK(failing >= 20);
}

// --- spans --------------------------------------------------------------------------------

TEST_CASE("spans: each node's [begin, end) is exactly the text it came from, in bytes") {
    CHECK(join(spans("收到 (行政复议 | 申请)? {count: @case_unit}")) ==
          join({"alt 收到 (行政复议 | 申请)? {count: @case_unit}",
                "seq 收到 (行政复议 | 申请)? {count: @case_unit}",
                "element 收到",
                "word 收到",
                "element (行政复议 | 申请)?",
                "group (行政复议 | 申请)",
                "alt 行政复议 | 申请",
                "seq 行政复议",
                "element 行政复议",
                "word 行政复议",
                "seq 申请",
                "element 申请",
                "word 申请",
                "element {count: @case_unit}",
                "capture {count: @case_unit}",
                "alt @case_unit",
                "seq @case_unit",
                "element @case_unit",
                "lexicon @case_unit"}));

    // Leading and trailing white space (ASCII and U+3000) is outside every span.
    CHECK(join(spans("　 “{name}”~~30 ' a\\'b ' …12 ")) ==
          join({"alt “{name}”~~30 ' a\\'b ' …12",
                "seq “{name}”~~30 ' a\\'b ' …12",
                "element “",
                "word “",
                "element {name}",
                "capture {name}",
                "element ”",
                "word ”",
                "element ~~30",
                "gap ~~30",
                "element ' a\\'b '",
                "quoted ' a\\'b '",
                "element …12",
                "gap …12"}));

    // Offsets are bytes: '收到' is 6 bytes, so '行政复议' starts at byte 7.
    auto const parsed = grammar::parse_expression("收到 行政复议+");
    REQUIRE(parsed.ok());
    const ast::Element& second = parsed.ast->alternatives.at(0).elements.at(1);
    CHECK(parsed.span(second) == std::pair<std::size_t, std::size_t>{7, 20});
    CHECK(parsed.span(boost::get<ast::Word>(second.primary)) ==
          std::pair<std::size_t, std::size_t>{7, 19});
    CHECK(second.repeat == '+');
}

TEST_CASE("spans: the re-parse property holds for a batch of rule-like expressions") {
    for (const char* text : {
             "@receive 行政复议? (申请 | 案件) {count: @case_unit}",
             "{head: {count} 件 | 几 {count: @case_unit}}",
             "((a | b)* c)+ ~ d",
             "开展 “{name}” ~~ 活动 | \"1+N\" 体系",
         }) {
        auto const parsed = grammar::parse_expression(text);
        REQUIRE_MESSAGE(parsed.ok(), text);
        check_spans(text, parsed);
    }
}

TEST_CASE("regression: an element's span ended after the white space that followed it") {
    // A '?' that did not match had skipped the white space before failing.
    CHECK(join(spans("a b")) ==
          join({"alt a b", "seq a b", "element a", "word a", "element b", "word b"}));
}

// --- AST contents -------------------------------------------------------------------------

TEST_CASE("ast: words, quotes, gaps and captures carry what the compiler needs") {
    auto const parsed = grammar::parse_expression("\"a\\\"b c\" 收到 ~~30 … {count: 件}");
    REQUIRE(parsed.ok());
    const auto& elements = parsed.ast->alternatives.at(0).elements;
    REQUIRE(elements.size() == 5);
    const auto& quoted = boost::get<ast::Word>(elements[0].primary);
    CHECK(quoted.text == "a\"b c");
    CHECK(quoted.quoted);
    CHECK_FALSE(boost::get<ast::Word>(elements[1].primary).quoted);
    const auto& sentence = boost::get<ast::Gap>(elements[2].primary);
    CHECK(sentence.sentence_scope);
    CHECK(sentence.max_chars == 30);
    const auto& clause = boost::get<ast::Gap>(elements[3].primary);
    CHECK_FALSE(clause.sentence_scope);
    CHECK(clause.max_chars == 0);
    const ast::Capture& capture =
        boost::get<boost::spirit::x3::forward_ast<ast::Capture>>(elements[4].primary).get();
    CHECK(capture.name == "count");
    REQUIRE(capture.pattern.has_value());
    CHECK(grammar::dump(*capture.pattern) == "\"件\"");
}

TEST_CASE("dump: JSON escaping covers only '\"' and '\\'; CJK and controls stay as UTF-8") {
    auto const parsed = grammar::parse_expression("'\"\\\\\t收'");
    REQUIRE(parsed.ok());
    CHECK(grammar::dump(*parsed.ast) == "\"\\\"\\\\\t收\"");
}

TEST_CASE("malformed UTF-8 is word text, one byte at a time, never a crash") {
    std::string const text = "a\xff\xfe b\xe6 (\xc3)";
    auto const parsed = grammar::parse_expression(text);
    REQUIRE(parsed.ok());
    CHECK(grammar::dump(*parsed.ast) == "(seq \"a\xff\xfe\" \"b\xe6\" \"\xc3\")");
    check_spans(text, parsed);
}

// --- limits -------------------------------------------------------------------------------

TEST_CASE("limits: nesting deeper than max_depth is an error at the first opener too deep") {
    grammar::ParseOptions const options;  // max_depth 32
    auto nested = [](int depth, const std::string& open, const std::string& close) {
        std::string text;
        for (int i = 0; i < depth; ++i) text += open;
        text += "a";
        for (int i = 0; i < depth; ++i) text += close;
        return text;
    };

    auto const at_limit = grammar::parse_expression(nested(options.max_depth, "(", ")"));
    CHECK(at_limit.ok());
    auto const captures = grammar::parse_expression(nested(options.max_depth, "{c: ", "}"));
    CHECK(captures.ok());

    auto const over = grammar::parse_expression(nested(options.max_depth + 1, "(", ")"));
    REQUIRE_FALSE(over.ok());
    CHECK(describe(*over.error) == "expr.too-deep at 32: expression nests deeper than 32 levels");

    auto const mixed = grammar::parse_expression(nested(options.max_depth + 1, "({x: ", "})"));
    REQUIRE_FALSE(mixed.ok());
    CHECK(mixed.error->code == "expr.too-deep");
    CHECK(mixed.error->offset == 5 * 16);  // the 33rd opener, '(' of the 17th "({x: "

    // Far beyond the limit, balanced or not: a prompt error, no stack overflow.
    for (const std::string& text :
         {nested(10000, "(", ")"), std::string(100000, '('), nested(5000, "{c:", "}")}) {
        grammar::ParseOptions big;
        big.max_length = 1 << 20;
        auto const parsed = grammar::parse_expression(text, big);
        REQUIRE_FALSE(parsed.ok());
        CHECK(parsed.error->code == "expr.too-deep");
        CHECK(parsed.error->offset < 200);
    }

    // Brackets inside quoted literals do not nest.
    CHECK(grammar::parse_expression("\"" + std::string(100, '(') + "\"").ok());

    grammar::ParseOptions shallow;
    shallow.max_depth = 2;
    CHECK(grammar::parse_expression("((a))", shallow).ok());
    auto const too_deep = grammar::parse_expression("( { x: (a) } )", shallow);
    REQUIRE_FALSE(too_deep.ok());
    CHECK(describe(*too_deep.error) == "expr.too-deep at 7: expression nests deeper than 2 levels");
}

TEST_CASE("limits: text longer than max_length bytes is an error at the first byte past it") {
    grammar::ParseOptions const options;  // max_length 4096
    std::string const at_limit(options.max_length, 'a');
    CHECK(grammar::parse_expression(at_limit).ok());

    auto const over = grammar::parse_expression(at_limit + "b");
    REQUIRE_FALSE(over.ok());
    CHECK(describe(*over.error) == "expr.too-long at 4096: expression is longer than 4096 bytes");

    grammar::ParseOptions small;
    small.max_length = 11;
    CHECK(grammar::parse_expression("收到 行", small).ok());          // 10 bytes
    auto const cut = grammar::parse_expression("收到 行政", small);  // byte 11 is inside '政'
    REQUIRE_FALSE(cut.ok());
    CHECK(cut.error->code == "expr.too-long");
    CHECK(cut.error->offset == 10);  // the start of the character that does not fit
}

// --- reentrancy ----------------------------------------------------------------------------

TEST_CASE("reentrant: threads parsing at once get the same results as one thread") {
    std::vector<std::string> const inputs = {
        "@receive 行政复议? (申请 | 案件) {count: @case_unit}", "收到 (行政复议 申请 {count}",
        "a | | b", "{head: {count} 件}", "\"abc"};
    std::vector<std::string> expected;
    for (const auto& input : inputs) expected.push_back(outcome(input, grammar::parse_expression(input)));
    std::vector<int> mismatches(4, 0);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < mismatches.size(); ++t) {
        threads.emplace_back([&, t] {
            for (int round = 0; round < 300; ++round) {
                std::size_t const i = (t + static_cast<std::size_t>(round)) % inputs.size();
                if (outcome(inputs[i], grammar::parse_expression(inputs[i])) != expected[i])
                    ++mismatches[t];
            }
        });
    }
    for (auto& thread : threads) thread.join();
    for (int count : mismatches) CHECK(count == 0);
}

// --- random input -------------------------------------------------------------------------

TEST_CASE("random input: always a result xor an error, offsets in range, spans re-parse") {
    std::vector<std::string> const alphabet = {
        "(", ")", "|", "?", "*", "+", "~", "…", "@", "{", "}", "\"", "'", "\\", ":",
        " ", "\t", "　", "a", "z", "_", "1", "0", "收", "到", "“", "”", "，", "\xff", "\xe6"};
    std::mt19937 random(20240611);
    std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
    std::uniform_int_distribution<int> length(0, 24);
    int successes = 0;
    for (int round = 0; round < 4000; ++round) {
        std::string text;
        for (int n = length(random); n > 0; --n) text += alphabet[pick(random)];
        auto const parsed = grammar::parse_expression(text);
        INFO("input: " << text);
        REQUIRE(parsed.ok() != parsed.error.has_value());
        if (parsed.ok()) {
            ++successes;
            check_spans(text, parsed);
            continue;
        }
        const grammar::SyntaxError& error = *parsed.error;
        REQUIRE(error.offset <= text.size());
        CHECK(error.code.rfind("expr.", 0) == 0);
        CHECK(error.code != "expr.syntax");  // the fallback: every failure has a real code
        CHECK_FALSE(error.message.empty());
        // The offset is a code point boundary, stepping from the start as the parser does.
        std::size_t at = 0;
        std::int32_t cp = 0;
        while (at < error.offset)
            at += grammar::chars::decode(text.data() + at, text.data() + text.size(), &cp);
        CHECK(at == error.offset);
    }
    MESSAGE(successes << " of 4000 random inputs parsed");
    CHECK(successes > 100);
}
