// Tests for engine/match: rules x document -> records. Inputs here are constructed for
// the test (except the offset property, which runs over the real samples).
#include "engine/compile/compile.hpp"
#include "engine/match/match.hpp"
#include "engine/rules/rules.hpp"
#include "engine/text/text.hpp"

#include <doctest/doctest.h>

#include "tests/unit/bundled_rules.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

using metrex::Record;

namespace {

std::shared_ptr<const metrex::compile::CompiledRuleSet> compile(const std::string& yaml) {
    metrex::Diagnostics d;
    auto specs = metrex::rules::load_rules_from_string(yaml, "t.yaml", d);
    auto compiled = metrex::compile::compile(specs, {}, d);
    metrex::SourceLines lines;
    REQUIRE_MESSAGE(d.error_count() == 0, metrex::render_all(d, lines));
    return compiled;
}

std::vector<Record> run(const std::shared_ptr<const metrex::compile::CompiledRuleSet>& rules, const std::string& text) {
    const auto doc = metrex::text::normalise(text);
    return metrex::match::extract(*rules, "t", doc);
}

std::vector<Record> of_rule(const std::vector<Record>& all, const std::string& rule) {
    std::vector<Record> out;
    for (const auto& r : all)
        if (r.rule == rule) out.push_back(r);
    return out;
}

const char* kBase = R"(
lexicons:
  case_unit: [件, 宗]
  change_direction: {up: [上升, 提高], down: [下降, 精简]}
  change_basis: [同比, 较上年]
indicators:
  - {id: received, label: 收案, value: count, unit: 件, context: 复议, match: '收到 ~6 {count: @case_unit}'}
  - {id: accepted, label: 受理, value: count, unit: 件, context: 复议, not_context: 信访, within: clause,
     match: '受理 ~4 {count: @case_unit}'}
  - {id: any_count, label: 任意, value: count, priority: -100, match: '{count}'}
  - {id: rate, label: 满意率, value: percent, match: '满意率 ~6 {percent}'}
changes:
  - {id: change.after, match: '{basis: @change_basis}? {direction: @change_direction} {quantity}'}
  - {id: change.from, match: '由 {quantity} {direction: @change_direction}? 至'}
exclusions:
  - {id: ordinal, match: '第 {count}'}
)";

}  // namespace

TEST_CASE("context must be in scope; not_context must not") {
    const auto rules = compile(kBase);
    CHECK(of_rule(run(rules, "市政府收到申请169件,行政复议受理138件。"), "accepted").size() == 1);
    // within: clause — the context word is in another clause, so no match.
    CHECK(of_rule(run(rules, "行政复议工作稳步推进,受理138件。"), "accepted").empty());
    // not_context in the clause.
    CHECK(of_rule(run(rules, "行政复议与信访受理138件。"), "accepted").empty());
    // The sentence's section heading counts as context for within: sentence.
    const auto r = of_rule(run(rules, "二、行政复议\n全年收到申请52件。"), "received");
    REQUIRE(r.size() == 1);
    CHECK(r[0].value == 52);
    CHECK(r[0].section == std::vector<std::string>{"二、行政复议"});
}

TEST_CASE("overlapping claims: higher priority wins, the loser is not emitted") {
    const auto rules = compile(kBase);
    const auto all = run(rules, "市政府收到行政复议申请169件。");
    CHECK(of_rule(all, "received").size() == 1);
    CHECK(of_rule(all, "any_count").empty());
}

TEST_CASE("same priority: the longer match wins") {
    const auto rules = compile(R"(
indicators:
  - {id: short, label: a, value: count, match: '受理 {count}'}
  - {id: long, label: b, value: count, match: '立案受理 {count}'}
)");
    const auto all = run(rules, "立案受理534件");
    REQUIRE(all.size() == 1);
    CHECK(all[0].rule == "long");
}

TEST_CASE("exclusions veto values inside them") {
    const auto rules = compile(kBase);
    const auto all = run(rules, "获评第二批示范项目,新建站点5个。");
    REQUIRE(all.size() == 1);
    CHECK(all[0].value == 5);
}

TEST_CASE("a change after a value is attached to it; a from-phrase before it too") {
    const auto rules = compile(kBase);
    auto all = run(rules, "共收到行政复议申请152件,同比上升56.7%。");
    REQUIRE(all.size() == 1);  // the 56.7% is part of the change, not a figure of its own
    REQUIRE(all[0].change);
    CHECK(all[0].change->direction == "up");
    CHECK(all[0].change->value == doctest::Approx(56.7));
    CHECK(all[0].change->unit == "%");
    CHECK(all[0].change->basis == "同比");
    all = run(rules, "执法队伍由12支精简至5支。");
    REQUIRE(all.size() == 1);
    CHECK(all[0].value == 5);
    REQUIRE(all[0].change);
    CHECK(all[0].change->direction == "down");
    CHECK(all[0].change->from == 12);
}

TEST_CASE("分别 lists: one record per value, subjects from coordinated nouns") {
    const auto rules = compile(kBase);
    const auto all = of_rule(run(rules, "办理工作和办理结果满意率分别为100%、98%。"), "rate");
    REQUIRE(all.size() == 2);
    CHECK(all[0].value == 100);
    CHECK(all[0].subject == "办理工作");
    CHECK(all[1].value == 98);
    CHECK(all[1].subject == "办理结果");
    CHECK(all[1].text == "满意率分别为100%、98%");
}

TEST_CASE("分别 lists: subjects from the quantities they refer back to") {
    std::string yaml = kBase;
    yaml.replace(yaml.find("lexicons:\n"), 10, "lexicons:\n  subject_cut: [办理]\n");
    const auto rules = compile(yaml);
    const auto all = of_rule(run(rules, "办理人大代表建议410件、政协提案716件,满意率分别达到99%、99.3%。"), "rate");
    REQUIRE(all.size() == 2);
    CHECK(all[0].subject == "人大代表建议");
    CHECK(all[1].subject == "政协提案");
    CHECK(all[1].value == doctest::Approx(99.3));
}

TEST_CASE("均: one value for each coordinated subject, 及时 is not a connective") {
    const auto rules = compile(R"(
indicators:
  - {id: done, label: 办结率, value: percent, match: '办结率 ~4 {percent}'}
)");
    const auto all = run(rules, "及时受理率和按期办结率均达到100%。");
    REQUIRE(all.size() == 2);
    CHECK(all[0].subject == "及时受理率");
    CHECK(all[1].subject == "按期办结率");
    CHECK(run(rules, "人均办结率达到90%。").size() == 1);
}

TEST_CASE("the value is the first typed capture that took part in the match") {
    const auto rules = compile(R"(
indicators:
  - {id: t, label: x, value: count, match: '(学法 {count} | {count} 法律法规学习)'}
)");
    CHECK(run(rules, "会前学法12次")[0].value == 12);
    CHECK(run(rules, "先后开展8次法律法规学习")[0].value == 8);
}

TEST_CASE("boilerplate lines yield no facts but keep their fields; long lines are content") {
    const auto rules = compile(R"(
boilerplate:
  - {id: debris, match: '(浏览次数 | 公开方式)'}
indicators:
  - {id: n, label: x, value: count, match: '{count}'}
fields:
  - {id: date, name: published, match: '发布日期 :? {date}'}
)");
    const auto all = run(rules, "发布日期:2022-8-4 浏览次数:15次\n" + std::string(60, 'x') +
                                    "创新公开方式,主动公开政府信息42402条," + std::string(80, 'y') + "。");
    REQUIRE(all.size() == 2);
    CHECK(all[0].type == "field");
    CHECK(all[0].value_text == "2022-08-04");
    CHECK(all[1].value == 42402);
}

TEST_CASE("planned: sections found by their heading, and sentences with a marker") {
    const auto rules = compile(R"(
planned:
  - {id: next, applies_to: section, match: '(下步 | 工作思路)'}
  - {id: future, match: 力争}
indicators:
  - {id: n, label: x, value: percent, match: '{percent}'}
)");
    const auto all = run(rules, "一、工作情况\n办结率98%。力争办结率达到99%。\n二、下步工作打算\n(一)目标\n满意率达到100%。");
    REQUIRE(all.size() == 3);
    CHECK_FALSE(all[0].planned);
    CHECK(all[1].planned);
    CHECK(all[2].planned);  // inside a subsection of the planned section
}

TEST_CASE("fields: one per name, highest priority then first; multiple keeps distinct values") {
    const auto rules = compile(R"(
lexicons:
  head: [人民政府, 区委]
fields:
  - {id: y.low, name: year, priority: 1, match: '{year} 年'}
  - {id: y.high, name: year, priority: 5, match: '{year} 年度报告'}
  - {id: who, name: issuer, multiple: true, match: '^ {value: {han} @head} $'}
)");
    const auto all = run(rules, "2020年以来成效明显\n某区2021年度报告\n中共某区委\n某区人民政府\n某区人民政府");
    std::vector<std::string> got;
    for (const auto& r : all) got.push_back(r.name + "=" + r.value_text);
    CHECK(got == std::vector<std::string>{"year=2021", "issuer=中共某区委", "issuer=某区人民政府"});
}

TEST_CASE("trace names the reason a rule did not produce a record") {
    const auto rules = compile(kBase);
    const auto doc = metrex::text::normalise("行政复议工作稳步推进,受理138件。行政复议与信访受理20件。");
    const auto entries = metrex::match::trace(*rules, "accepted", doc);
    REQUIRE(entries.size() == 2);
    CHECK(entries[0].outcome == metrex::match::TraceEntry::Outcome::context_missing);
    CHECK(entries[1].outcome == metrex::match::TraceEntry::Outcome::not_context_present);
    CHECK(entries[1].detail == "found '信访'");
    const auto lost = metrex::match::trace(*rules, "any_count", metrex::text::normalise("收到行政复议申请169件"));
    REQUIRE(lost.size() == 1);
    CHECK(lost[0].outcome == metrex::match::TraceEntry::Outcome::lost);
    CHECK(lost[0].by_rule == "received");
    CHECK(lost[0].detail == "priority 0 > -100");
}

TEST_CASE("offsets: for every record of every sample, original[start:end] == text") {
    const auto rules = metrex_test::bundled_rules();
    std::size_t checked = 0;
    for (const auto& entry : std::filesystem::directory_iterator(METREX_SOURCE_DIR "/samples")) {
        if (entry.path().extension() != ".txt") continue;
        const auto loaded = metrex::text::load_document(entry.path());
        REQUIRE_FALSE(loaded.error);
        const auto doc = metrex::text::normalise(loaded.text);
        for (const auto& r : metrex::match::extract(*rules, entry.path().filename().string(), doc)) {
            CHECK_MESSAGE(doc.original_slice({r.start, r.end}) == r.text, entry.path() << " " << r.rule);
            CHECK(r.sentence.find(r.text) != std::string::npos);
            ++checked;
        }
    }
    CHECK(checked > 200);
}

TEST_CASE("均 after a clause of counts: the counts are the subjects; levels before 人大 go") {
    const auto rules = compile(R"(
lexicons:
  subject_cut: [其中]
  subject_strip_prefix: [市, 区]
  subject_bodies: [人大, 政协]
indicators:
  - {id: rate, label: x, value: percent, match: '满意率 ~6 {percent}'}
)");
    const auto all = run(rules, "其中市人大代表建议218件、区政协提案302件,满意率均为100%。");
    REQUIRE(all.size() == 2);
    CHECK(all[0].subject == "人大代表建议");
    CHECK(all[1].subject == "政协提案");
    CHECK(all[1].value == 100);
}

TEST_CASE("an alternative without a typed capture yields no record and no crash") {
    const auto rules = compile(R"(
indicators:
  - {id: t, label: x, value: count, match: '(受理 {count} | 受理窗口)'}
)");
    CHECK(run(rules, "设立统一的行政复议受理窗口").empty());
    CHECK(run(rules, "受理138件").size() == 1);
}

TEST_CASE("fields of one priority: the first place in the text wins, not the longest match") {
    const auto rules = compile(R"(
fields:
  - {id: t, name: title, match: '^ {value: ~~60 报告} $'}
)");
    const auto all = run(rules, "某市2021年度报告\n上一篇:某市2020年度法治政府建设报告");
    REQUIRE(all.size() == 1);
    CHECK(all[0].value_text == "某市2021年度报告");
}

TEST_CASE("not_within gives not_context its own scope") {
    const auto rules = compile(R"(
indicators:
  - {id: t, label: x, value: count, context: 培训, not_context: 考试, not_within: clause,
     match: '参训 ~~16 {count: 人次}'}
)");
    CHECK(run(rules, "开展任前法律考试;举办培训班5期,参训干部1200人次。").size() == 1);
    CHECK(run(rules, "举办培训班,参训考试干部1200人次。").empty());
}

TEST_CASE("lists: false lets a rule pick its own value of a 分别 list") {
    const auto rules = compile(R"(
indicators:
  - {id: npc, label: x, value: count, lists: false, match: '建议 和 提案 分别为 {count}'}
  - {id: cppcc, label: y, value: count, lists: false, match: '建议 和 提案 分别为 ~8 、 {count}'}
)");
    const auto all = run(rules, "办理建议和提案分别为86件、112件。");
    REQUIRE(all.size() == 2);
    CHECK((all[0].rule == "npc" && all[0].value == 86));
    CHECK((all[1].rule == "cppcc" && all[1].value == 112));
}
