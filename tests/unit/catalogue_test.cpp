// The default rule pack covers the indicator catalogue (spec/catalogue.yaml): every id
// has at least one rule, at least three examples that yield it, and at least one
// look-alike example that must not (expect: none); and the rule pack's labels and units
// are the catalogue's.
#include "engine/rules/rules.hpp"

#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <map>
#include <set>

TEST_CASE("every catalogue indicator has rules, examples and a look-alike") {
    const YAML::Node catalogue = YAML::LoadFile(METREX_SOURCE_DIR "/spec/catalogue.yaml");
    metrex::Diagnostics d;
    const auto pack = metrex::rules::load_rules({METREX_SOURCE_DIR "/rules"}, d);
    REQUIRE(d.error_count() == 0);

    struct Coverage {
        std::size_t rules = 0, positive = 0, none = 0;
        std::set<std::string> labels, units;
    };
    std::map<std::string, Coverage> by_id;
    for (const auto& rule : pack.rules) {
        if (rule.kind != metrex::rules::RuleKind::indicator) continue;
        const auto it = rule.attributes.find("indicator");
        auto& c = by_id[it == rule.attributes.end() ? rule.id : it->second];
        ++c.rules;
        if (rule.attributes.count("label")) c.labels.insert(rule.attributes.at("label"));
        if (rule.attributes.count("unit")) c.units.insert(rule.attributes.at("unit"));
        for (const auto& ex : rule.examples) (ex.expect_none ? c.none : c.positive) += 1;
    }
    std::size_t ids = 0;
    for (const auto& entry : catalogue["indicators"]) {
        const std::string id = entry["id"].as<std::string>();
        ++ids;
        const auto it = by_id.find(id);
        REQUIRE_MESSAGE(it != by_id.end(), id << ": no rule");
        const auto& c = it->second;
        CHECK_MESSAGE(c.positive >= 3, id << ": " << c.positive << " positive examples");
        CHECK_MESSAGE(c.none >= 1, id << ": no look-alike example");
        CHECK_MESSAGE(c.labels == std::set<std::string>{entry["label"].as<std::string>()},
                      id << ": label differs from the catalogue");
        if (entry["type"].as<std::string>() != "percent" && entry["type"].as<std::string>() != "money")
            CHECK_MESSAGE(c.units == std::set<std::string>{entry["unit"].as<std::string>()},
                          id << ": unit differs from the catalogue");
    }
    CHECK(ids >= 60);
}
