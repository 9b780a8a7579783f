// libFuzzer target for engine/values. Input: any bytes, tried as a written quantity of
// every kind and as a bare number. Inputs are cut at 256 bytes: real quantities are
// under 40, and longer inputs only slow the search. Properties: no crash; a parsed
// value is finite; whatever capture_pattern(kind) fully matches, parse_quantity accepts
// (the two faces of one grammar agree).
#include "engine/values/values.hpp"

#include <re2/re2.h>

#include <cmath>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size < 256 ? size : 256);
    using metrex::values::Kind;
    for (Kind kind : {Kind::count, Kind::percent, Kind::points, Kind::money, Kind::number, Kind::ratio}) {
        static thread_local RE2* compiled[7] = {};
        const auto k = static_cast<std::size_t>(kind);
        if (!compiled[k]) compiled[k] = new RE2(metrex::values::capture_pattern(kind));
        const auto q = metrex::values::parse_quantity(text, kind);
        if (q && !std::isfinite(q->value)) std::abort();
        if (RE2::FullMatch(text, *compiled[k]) && !q) std::abort();
    }
    (void)metrex::values::parse_number(text);
    return 0;
}
