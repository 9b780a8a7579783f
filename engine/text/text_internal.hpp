// Helpers shared by the text stage's sources; not part of the stage's API.
#pragma once

#include "engine/text/text.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace metrex::text::detail {

// Offset of the first byte that does not start a well-formed UTF-8 sequence
// (no overlongs, no surrogates, nothing above U+10FFFF), or npos.
std::size_t utf8_invalid_at(std::string_view s);
// Length of the well-formed UTF-8 sequence at p (1..4), or 0 if ill-formed.
std::size_t utf8_sequence_length(const unsigned char* p, std::size_t avail);

inline void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

inline Loaded failure(std::string code, std::string message, std::string format = "text") {
    Loaded out;
    out.format = std::move(format);
    out.error = LoadError{std::move(code), std::move(message)};
    return out;
}

}  // namespace metrex::text::detail
