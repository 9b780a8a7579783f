// Test support: the bundled rule pack (rules/), loaded and compiled once per test
// executable. A load or compile error fails the calling test with the rendered
// diagnostics.
#pragma once

#include "engine/compile/compile.hpp"
#include "engine/rules/rules.hpp"

#include <doctest/doctest.h>

#include <memory>

namespace metrex_test {

inline std::shared_ptr<const metrex::compile::CompiledRuleSet> bundled_rules() {
    static const auto compiled = [] {
        metrex::Diagnostics d;
        const auto specs = metrex::rules::load_rules({METREX_SOURCE_DIR "/rules"}, d);
        auto c = metrex::compile::compile(specs, {}, d);
        metrex::SourceLines lines;
        REQUIRE_MESSAGE(d.error_count() == 0, metrex::render_all(d, lines));
        return c;
    }();
    return compiled;
}

}  // namespace metrex_test
