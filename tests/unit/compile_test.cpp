// Tests for engine/compile: expression -> RE2 pattern (data-driven, tests/cases/compile),
// rule-level checks, RE2 budget errors, and the prefilter set agreeing with per-rule
// matching.
#include "engine/compile/compile.hpp"
#include "engine/values/values.hpp"

#include <doctest/doctest.h>

#include "tests/unit/bundled_rules.hpp"

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>

using metrex::Diagnostics;
using metrex::compile::CompileOptions;
using metrex::rules::RuleSet;

namespace {

RuleSet test_lexicons() {
    RuleSet set;
    set.lexicons.push_back({"receive", {}, {"收到", "新收", "共收到"}, {}});
    set.lexicons.push_back({"case_unit", {}, {"件", "宗"}, {}});
    metrex::rules::Lexicon heads{"program_head", {}, {"改革", "品牌", "监督品牌"}, {}};
    heads.category = {{"改革", "reform"}, {"品牌", "brand"}, {"监督品牌", "brand"}};
    set.lexicons.push_back(heads);
    return set;
}

// An expression as if it stood alone on line 1 of a file named "expr".
metrex::rules::SourceText as_source(const std::string& expression) {
    metrex::rules::SourceText s;
    s.value = expression;
    s.file = "expr";
    std::size_t cps = 0;
    for (unsigned char c : expression) cps += (c & 0xC0) != 0x80;
    for (std::size_t i = 0; i <= cps; ++i) {
        s.lines.push_back(1);
        s.columns.push_back(static_cast<int>(i) + 1);
    }
    return s;
}

std::string expand_placeholders(std::string pattern) {
    using metrex::values::Kind;
    static const std::regex placeholder(R"(<(count|percent|money|quantity|number|points|ratio)(?::([^>]*))?>)");
    std::string out;
    std::smatch m;
    while (std::regex_search(pattern, m, placeholder)) {
        out += m.prefix().str();
        std::vector<std::string> words;
        if (m[2].matched) {
            std::stringstream ss(m[2].str());
            for (std::string w; std::getline(ss, w, '|');) words.push_back(w);
        }
        out += metrex::values::capture_pattern(*metrex::values::kind_from_string(m[1].str()), words);
        pattern = m.suffix().str();
    }
    return out + pattern;
}

struct Case {
    int line = 0;
    bool fail = false;
    std::string expression;
    std::string expected;
};

std::vector<Case> read_cases(const std::string& path) {
    std::ifstream in(path);
    REQUIRE_MESSAGE(in, "cannot open " << path);
    std::vector<Case> cases;
    std::vector<std::pair<int, std::string>> block;
    auto flush = [&] {
        if (block.empty()) return;
        Case c;
        std::size_t i = 0;
        if (block[0].second == "%%FAIL") {
            c.fail = true;
            i = 1;
        }
        c.line = block[i].first;
        c.expression = block[i].second;
        for (std::size_t k = i + 1; k < block.size(); ++k)
            c.expected += block[k].second + (c.fail ? "\n" : "");
        cases.push_back(c);
        block.clear();
    };
    int n = 0;
    for (std::string line; std::getline(in, line);) {
        ++n;
        if (!line.empty() && line[0] == '#') continue;
        if (line.empty()) {
            flush();
            continue;
        }
        block.emplace_back(n, line);
    }
    flush();
    return cases;
}

}  // namespace

TEST_CASE("expression -> regex cases") {
    const std::string path = METREX_TEST_DATA_DIR "/cases/compile/regex.cases";
    const auto lexicons = test_lexicons();
    const auto cases = read_cases(path);
    CHECK(cases.size() >= 30);
    for (const auto& c : cases) {
        Diagnostics d;
        const auto source = as_source(c.expression);
        const auto pattern = metrex::compile::compile_expression(source, lexicons, CompileOptions{}, d);
        metrex::SourceLines lines;
        lines.set("expr", c.expression);
        const std::string rendered = metrex::render_all(d, lines);
        if (c.fail) {
            // render_all appends the "N errors" line; the cases hold the diagnostics only.
            const std::string diagnostics = rendered.substr(0, rendered.rfind('\n', rendered.size() - 2) + 1);
            CHECK_MESSAGE(diagnostics == c.expected, path << ":" << c.line << "\nexpression: " << c.expression
                                                         << "\nexpected:\n" << c.expected << "actual:\n" << rendered);
        } else {
            const std::string expected = expand_placeholders(c.expected);
            CHECK_MESSAGE(pattern.value_or("<error>") == expected,
                          path << ":" << c.line << "\nexpression: " << c.expression << "\nexpected: "
                               << c.expected << "\nactual:   " << pattern.value_or("<error>") << "\n" << rendered);
        }
    }
}

namespace {

std::shared_ptr<const metrex::compile::CompiledRuleSet> compile_yaml(const std::string& yaml, Diagnostics& d,
                                                                     CompileOptions options = {}) {
    const auto specs = metrex::rules::load_rules_from_string(yaml, "rules/t.yaml", d);
    REQUIRE_MESSAGE(d.error_count() == 0, "load failed");
    return metrex::compile::compile(specs, options, d);
}

}  // namespace

TEST_CASE("a syntax error inside match: is reported at the YAML column") {
    Diagnostics d;
    compile_yaml("indicators:\n  - id: a\n    label: x\n    value: count\n    match: 收到 (行政复议 {count}\n", d);
    REQUIRE(d.error_count() == 1);
    metrex::SourceLines lines;
    lines.set("rules/t.yaml", "indicators:\n  - id: a\n    label: x\n    value: count\n    match: 收到 (行政复议 {count}\n");
    const auto out = metrex::render(d.items()[0], lines);
    // The '(' is the 15th character of line 5 ("    match: " is 11, 收到 12-13, space 14).
    CHECK(out.rfind("rules/t.yaml:5:15: error: ", 0) == 0);
    CHECK(out.find("   |                 ^\n") != std::string::npos);
}

TEST_CASE("rule-level checks name the rule") {
    Diagnostics d;
    compile_yaml(R"(indicators:
  - id: no.value
    label: x
    value: count
    match: 收到 申请
  - id: wrong.kind
    label: x
    value: percent
    match: 收到 {count}
programs:
  - id: no.name
    match: “{title}”
)",
                 d);
    std::string codes;
    for (const auto& x : d.items()) codes += x.code + "@" + std::to_string(x.line) + ":" + std::to_string(x.column) + " ";
    CHECK(codes == "compile.no-value@5:12 compile.value-mismatch@9:15 compile.no-name@12:12 ");
}

TEST_CASE("a pattern over the RE2 memory budget is a load error naming the rule") {
    Diagnostics d;
    CompileOptions tight;
    tight.max_mem = 1 << 16;
    compile_yaml("indicators:\n  - id: huge\n    label: x\n    value: count\n"
                 "    match: 收到 ~~900 申请 ~~900 受理 ~~900 {count}\n",
                 d, tight);
    REQUIRE(d.error_count() == 1);
    CHECK(d.items()[0].code == "compile.too-large");
    CHECK(d.items()[0].message.find("'huge'") != std::string::npos);
    CHECK(d.items()[0].line == 5);
}

TEST_CASE("the prefilter never drops a rule that matches") {
    Diagnostics d;
    auto compiled = compile_yaml(R"(lexicons:
  unit: [件, 宗]
indicators:
  - {id: a, label: x, value: count, match: '收到 ~ {count: @unit}'}
  - {id: b, label: x, value: count, match: '受理 {count}'}
  - {id: c, label: x, value: percent, match: '纠错率 ~4 {percent}'}
  - {id: d, label: x, value: quantity, match: '{quantity}'}
)",
                                 d);
    REQUIRE(compiled);
    REQUIRE(compiled->has_prefilter());
    const std::vector<std::string> texts = {
        "市政府收到行政复议申请169件,受理138件,审结103件", "直接纠错率6.8%", "畅通行政复议申请渠道",
        "受理一百二十件", "收到,169件", ""};
    for (const auto& t : texts) {
        const auto candidates = compiled->candidates(t);
        for (std::size_t i = 0; i < compiled->size(); ++i)
            if (!compiled->find_all(i, t).empty())
                CHECK_MESSAGE(std::binary_search(candidates.begin(), candidates.end(), i), t << " rule " << i);
    }
    // It does filter: a text without the literals of a, b, c leaves only d (no literal).
    CHECK(compiled->candidates("畅通渠道").size() == 1);
}

TEST_CASE("prefilter vs per-rule matching on every sentence of the samples, whole rule pack") {
    const auto compiled = metrex_test::bundled_rules();
    REQUIRE(compiled->has_prefilter());
    std::size_t sentences = 0, pruned = 0;
    for (const char* name : {"kunshan-2021.txt", "nanhu-2023.txt", "wuxi-2022.txt", "jiujiang-2022.txt",
                             "changzhou-jkq-2020.txt"}) {
        std::ifstream in(std::string(METREX_SOURCE_DIR "/samples/") + name);
        for (std::string line; std::getline(in, line);) {
            std::size_t start = 0;
            while (start < line.size()) {  // sentences, roughly: split at 。
                std::size_t end = line.find("。", start);
                end = end == std::string::npos ? line.size() : end + 3;
                const std::string sentence = line.substr(start, end - start);
                start = end;
                const auto candidates = compiled->candidates(sentence);
                ++sentences;
                pruned += compiled->size() - candidates.size();
                for (std::size_t i = 0; i < compiled->size(); ++i)
                    if (!compiled->find_all(i, sentence).empty())
                        CHECK_MESSAGE(std::binary_search(candidates.begin(), candidates.end(), i),
                                      name << ": rule " << compiled->rule(i).id << " matches but was filtered out:\n"
                                           << sentence);
            }
        }
    }
    CHECK(sentences > 300);
    CHECK(pruned > sentences * compiled->size() / 2);  // it filters most rules out most of the time
}
