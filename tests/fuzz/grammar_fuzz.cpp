// libFuzzer target for the grammar stage: parse_expression on arbitrary bytes.
//
// Input limits: the input is the expression text as is, parsed with the default
// ParseOptions (max_length 4096 bytes, max_depth 32). Inputs longer than 4096 bytes only
// reach the length check, and nesting deeper than 32 only the pre-scan, so run with
// -max_len=512 (rules are one line) to spend the time inside the parser; the dictionary
// grammar.dict holds the operators and a few CJK words. Any bytes are fine: malformed
// UTF-8 is word text by design.
//
// Checks, beyond "no crash, no sanitizer report": exactly one of ast / error is set; an
// error offset is within the input; on success the top node's span is within the input
// and parses on its own to the same dump.
//
// Build (clang only): cmake -DMETREX_BUILD_FUZZ=ON with CXX=clang++; see CMakeLists.txt.
#include "grammar/expression.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view const text(reinterpret_cast<const char*>(data), size);
    auto const parsed = metrex::grammar::parse_expression(text);
    if (parsed.ok() == parsed.error.has_value()) std::abort();
    if (parsed.error) {
        if (parsed.error->offset > size || parsed.error->code.empty()) std::abort();
        return 0;
    }
    std::string const dump = metrex::grammar::dump(*parsed.ast);
    auto const [begin, end] = parsed.span(*parsed.ast);
    if (begin >= end || end > size) std::abort();
    auto const again = metrex::grammar::parse_expression(text.substr(begin, end - begin));
    if (!again.ok() || metrex::grammar::dump(*again.ast) != dump) std::abort();
    return 0;
}
