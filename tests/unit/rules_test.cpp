// Tests for engine/rules: loading YAML rule files, validation, and positions that point
// at the right character of the YAML file.
#include "engine/rules/rules.hpp"

#include <doctest/doctest.h>

#include <string>

using metrex::Diagnostics;
using metrex::rules::load_rules_from_string;
using metrex::rules::RuleKind;

namespace {

std::string codes(const Diagnostics& d) {
    std::string out;
    for (const auto& x : d.items())
        out += x.code + "@" + std::to_string(x.line) + ":" + std::to_string(x.column) + " ";
    return out;
}

}  // namespace

TEST_CASE("a well-formed file loads lexicons, rules and examples") {
    Diagnostics d;
    const auto set = load_rules_from_string(R"(
lexicons:
  receive: [收到, 新收]
  program_head:
    reform: [改革]
    brand: [品牌, 监督品牌]
indicators:
  - id: reconsideration.received
    label: 行政复议申请收案数
    value: count
    unit: 件
    context: 复议
    not_context: [信访, 诉讼]
    within: clause
    priority: 5
    match: @receive 行政复议 申请 {count}
    examples:
      - text: 市政府收到行政复议申请169件
        expect: 169
      - text: 2023年,共收到行政复议申请152件,同比上升56.7%
        expect: {value: 152, change: {direction: up, value: 56.7}}
      - text: 畅通行政复议申请渠道
        expect: none
)",
                                            "rules/r.yaml", d);
    REQUIRE_MESSAGE(d.error_count() == 0, codes(d));
    REQUIRE(set.lexicons.size() == 2);
    CHECK(set.lexicon("program_head")->category.at("监督品牌") == "brand");
    REQUIRE(set.rules.size() == 1);
    const auto& r = set.rules[0];
    CHECK(r.kind == RuleKind::indicator);
    CHECK(r.match.value == "@receive 行政复议 申请 {count}");
    CHECK(r.context.size() == 1);
    CHECK(r.not_context.size() == 2);
    CHECK(r.within == metrex::rules::Scope::clause);
    CHECK(r.priority == 5);
    CHECK(r.attributes.at("unit") == "件");
    REQUIRE(r.examples.size() == 3);
    CHECK(r.examples[0].records[0].at("value").scalar == "169");
    CHECK(r.examples[1].records[0].at("change").fields.at("direction") == "up");
    CHECK(r.examples[2].expect_none);
}

TEST_CASE("positions inside a match expression are columns of the YAML file") {
    Diagnostics d;
    const auto set = load_rules_from_string(
        "indicators:\n"
        "  - id: a\n"
        "    label: x\n"
        "    value: count\n"
        "    match: @receive 行政复议 {count}\n"          // bare '@': read verbatim
        "  - id: b\n"
        "    label: x\n"
        "    value: count\n"
        "    match: '受理 {count}'\n"                      // single-quoted
        "  - id: c\n"
        "    label: x\n"
        "    value: count\n"
        "    match: >-\n"
        "      审结\n"
        "      {count}\n",                                 // folded block
        "rules/p.yaml", d);
    REQUIRE_MESSAGE(d.error_count() == 0, codes(d));
    REQUIRE(set.rules.size() == 3);
    // "    match: " is 11 characters, so the expression starts in column 12.
    const auto& a = set.rules[0].match;
    CHECK(a.value == "@receive 行政复议 {count}");
    CHECK(a.at(0).line == 5);
    CHECK(a.at(0).column == 12);
    const std::size_t brace = a.value.find('{');
    CHECK(a.at(brace).column == 12 + 9 + 4 + 1);  // "@receive " 9, "行政复议" 4, " " 1
    const auto& b = set.rules[1].match;
    CHECK(b.at(0).column == 13);  // after the opening quote
    CHECK(b.at(b.value.find('{')).column == 16);
    const auto& c = set.rules[2].match;
    CHECK(c.value == "审结 {count}");
    CHECK(c.at(0).line == 14);
    CHECK(c.at(0).column == 7);
    CHECK(c.at(c.value.find('{')).line == 15);
    CHECK(c.at(c.value.find('{')).column == 7);
}

TEST_CASE("every problem in a file is reported, with a position and a hint") {
    Diagnostics d;
    load_rules_from_string(R"(indicators:
  - id: a
    label: x
    value: cont
    match: 收到 {count}
    contxt: 复议
  - id: a
    label: y
    value: count
    match: 受理 {count}
  - id: c
    value: count
  - id: d
    label: z
    value: count
    match: 审结 {count}
    examples:
      - text: 审结103件
      - expect: 3
      - text: 审结103件
        expect: {valeu: 103}
)",
                           "rules/bad.yaml", d);
    CHECK(codes(d) ==
          "rules.bad-value@4:12 rules.unknown-key@6:5 rules.duplicate-id@7:5 "
          "rules.missing-key@11:5 rules.missing-key@11:5 rules.example-without-expect@18:9 "
          "rules.example-without-text@19:9 rules.bad-expect-field@21:18 ");
    const auto& items = d.items();
    CHECK(items[0].hint == "did you mean 'count'?");
    CHECK(items[1].message == "unknown key 'contxt'");
    CHECK(items[1].hint == "did you mean 'context'?");
    CHECK(items[2].hint.find("first used at rules/bad.yaml:2") == 0);
    CHECK(items[3].message == "indicator rule 'c' needs 'label:'");
    CHECK(items[4].message == "indicator rule 'c' needs 'match:'");
    CHECK(items[7].hint == "did you mean 'value'?");
}

TEST_CASE("YAML syntax errors are reported at their place") {
    Diagnostics d;
    load_rules_from_string("lexicons:\n  receive: [收到, 新收\n", "rules/y.yaml", d);
    REQUIRE(d.error_count() == 1);
    CHECK(d.items()[0].code == "yaml.syntax");
    CHECK(d.items()[0].line == 3);
}

TEST_CASE("unknown sections and wrong shapes") {
    Diagnostics d;
    load_rules_from_string("indicator:\n  - id: a\nlexicons:\n  bad-name: [x]\n  ok: 收到\n",
                           "rules/s.yaml", d);
    CHECK(codes(d) == "rules.unknown-section@1:1 rules.bad-lexicon-name@4:3 rules.expected-list@5:7 ");
    CHECK(d.items()[0].hint == "did you mean 'indicators'?");
}

TEST_CASE("duplicate ids across files and lexicons") {
    Diagnostics d;
    const std::string dir = METREX_TEST_DATA_DIR "/cases/rules/duplicates";
    metrex::rules::load_rules({dir}, d);
    REQUIRE(d.error_count() == 2);
    CHECK(d.items()[0].code == "rules.duplicate-lexicon");
    CHECK(d.items()[1].code == "rules.duplicate-id");
    CHECK(d.items()[1].file.find("b.yaml") != std::string::npos);
}

TEST_CASE("missing paths are errors, not silence") {
    Diagnostics d;
    metrex::rules::load_rules({"/nonexistent/rules.yaml"}, d);
    REQUIRE(d.error_count() == 1);
    CHECK(d.items()[0].code == "rules.not-found");
}

TEST_CASE("extend_lexicons adds words to a lexicon of another file, same shape only") {
    Diagnostics d;
    const std::string dir = METREX_TEST_DATA_DIR "/cases/rules/extend";
    const auto set = metrex::rules::load_rules({dir}, d);
    REQUIRE(d.error_count() == 1);
    CHECK(d.items()[0].code == "rules.extend-shape");
    const auto* heads = set.lexicon("program_head");
    REQUIRE(heads);
    CHECK(heads->words == std::vector<std::string>{"改革", "品牌", "说事堂"});
    CHECK(heads->category.at("说事堂") == "venue");
    CHECK(set.lexicon("case_unit")->words == std::vector<std::string>{"件"});  // not extended
}
