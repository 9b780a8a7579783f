// Tests for engine/diagnostics: the one renderer.
#include "engine/diagnostics/diagnostics.hpp"

#include <doctest/doctest.h>

using metrex::Diagnostic;
using metrex::Diagnostics;
using metrex::SourceLines;

TEST_CASE("render puts the caret under the right CJK character") {
    SourceLines sources;
    sources.set("rules/x.yaml", "indicators:\n  - match: 收到 (行政复议\n");
    Diagnostic d{"rules/x.yaml", 2, 15, metrex::Severity::error, "expr.unclosed-group",
                 "expected a closing ')' for this '('", "every '(' needs a matching ')'"};
    // Column 15 is the '(' (code points: 4 spaces... "  - match: " is 11, 收到 12-13, space 14).
    CHECK(metrex::render(d, sources) ==
          "rules/x.yaml:2:15: error: expected a closing ')' for this '('\n"
          " 2 |   - match: 收到 (行政复议\n"
          "   |                 ^\n"
          "  hint: every '(' needs a matching ')'\n");
}

TEST_CASE("render_all counts errors and warnings") {
    Diagnostics diags;
    diags.error({"a.yaml", 0, 0}, "x", "first");
    diags.error({"a.yaml", 0, 0}, "x", "second");
    diags.warning({"a.yaml", 0, 0}, "y", "careful");
    SourceLines sources;
    const auto out = metrex::render_all(diags, sources);
    CHECK(out == "a.yaml: error: first\na.yaml: error: second\na.yaml: warning: careful\n"
                 "2 errors, 1 warning\n");
    CHECK(diags.error_count() == 2);
}

TEST_CASE("a diagnostic without a known line prints no source line") {
    SourceLines sources;
    sources.set("f.yaml", "one line\n");
    Diagnostic d{"f.yaml", 7, 3, metrex::Severity::error, "c", "past the end", ""};
    CHECK(metrex::render(d, sources) == "f.yaml:7:3: error: past the end\n");
}

TEST_CASE("quote_fragment cuts by characters, not bytes") {
    CHECK(metrex::quote_fragment("行政复议申请", 4) == "行政复议…");
    CHECK(metrex::quote_fragment("短", 4) == "短");
}
