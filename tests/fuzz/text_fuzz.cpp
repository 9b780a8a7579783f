// libFuzzer target for engine/text. Input: any bytes, decoded (detection), then the
// decoded text normalised. Inputs are cut at 64 KiB (a report is ~15 KB; the offset
// tables are linear, longer inputs add nothing but time). Properties: no crash; every
// normalised position maps back inside the original, and the whole original maps to the
// whole normalised text (not conversely: deleted white space has no normalised image).
#include "engine/text/text.hpp"

#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string bytes(reinterpret_cast<const char*>(data), size < 65536 ? size : 65536);
    const auto loaded = metrex::text::decode(bytes);
    if (loaded.error) return 0;
    const auto doc = metrex::text::normalise(loaded.text);
    const std::size_t n = doc.normalised().size();
    for (std::size_t pos = 0; pos <= n; pos += 1 + n / 64) {
        const auto span = doc.to_original({pos, n});
        if (span.start > span.end || span.end > doc.original_length()) std::abort();
    }
    const auto all = doc.to_normalised({0, doc.original_length()});
    if (all.begin != 0 || all.end != n) std::abort();
    return 0;
}
