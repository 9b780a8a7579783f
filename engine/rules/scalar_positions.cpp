// Tested by tests/unit/rules_test.cpp
#include "engine/rules/scalar_positions.hpp"

#include <unicode/utf8.h>

#include <algorithm>

namespace metrex::rules {

SourcePosition SourceText::at(std::size_t byte_offset) const {
    if (lines.empty()) return {file, 0, 0};
    // Count code points before byte_offset.
    std::size_t cp = 0;
    int32_t i = 0;
    const auto length = static_cast<int32_t>(value.size());
    while (i < length && static_cast<std::size_t>(i) < byte_offset) {
        U8_FWD_1(value.data(), i, length);
        ++cp;
    }
    cp = std::min(cp, lines.size() - 1);
    return {file, lines[cp], columns[cp]};
}

namespace detail {

std::u32string to_u32(const std::string& utf8) {
    std::u32string out;
    int32_t i = 0;
    const auto length = static_cast<int32_t>(utf8.size());
    while (i < length) {
        UChar32 c;
        U8_NEXT(utf8.data(), i, length, c);
        out.push_back(c < 0 ? U'\uFFFD' : static_cast<char32_t>(c));
    }
    return out;
}

FileText::FileText(std::string file, const std::string& contents) : file_(std::move(file)) {
    std::size_t start = 0;
    while (start <= contents.size()) {
        std::size_t end = contents.find('\n', start);
        if (end == std::string::npos) end = contents.size();
        std::string line = contents.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        lines_.push_back(to_u32(line));
        utf8_lines_.push_back(std::move(line));
        start = end + 1;
    }
}

int FileText::column_of_byte(int line0, int byte_column) const {
    if (line0 < 0 || static_cast<std::size_t>(line0) >= utf8_lines_.size()) return byte_column + 1;
    const std::string& line = utf8_lines_[static_cast<std::size_t>(line0)];
    int cps = 0;
    int32_t i = 0;
    const auto length = static_cast<int32_t>(line.size());
    while (i < length && i < byte_column) {
        U8_FWD_1(line.data(), i, length);
        ++cps;
    }
    return cps + 1 + std::max(0, byte_column - i);
}

SourceText FileText::locate(const std::string& value, int line0, int byte_column) const {
    SourceText out;
    out.value = value;
    out.file = file_;
    // Cursor over the file: (line, index into that line's code points). Index == size
    // stands for the line break.
    std::size_t line = static_cast<std::size_t>(std::max(line0, 0));
    std::size_t col = static_cast<std::size_t>(column_of_byte(line0, byte_column) - 1);
    auto at_end = [&] { return line >= lines_.size(); };
    auto current = [&]() -> char32_t {
        if (at_end()) return 0;
        return col < lines_[line].size() ? lines_[line][col] : U'\n';
    };
    auto advance = [&] {
        if (at_end()) return;
        if (col < lines_[line].size()) {
            ++col;
        } else {
            ++line;
            col = 0;
        }
    };
    // Skip an opening quote or a block scalar header ("|", ">-", "|2" ... to end of line).
    if (!at_end()) {
        const char32_t c = current();
        if (c == U'\'' || c == U'"') {
            advance();
        } else if (c == U'|' || c == U'>') {
            ++line;
            col = 0;
            while (!at_end() && col < lines_[line].size() && lines_[line][col] == U' ') ++col;
        }
    }
    auto record = [&](std::size_t l, std::size_t c) {
        out.lines.push_back(static_cast<int>(l) + 1);
        out.columns.push_back(static_cast<int>(c) + 1);
    };
    constexpr int kWindow = 16;  // how far to look past folding, escapes, indentation
    for (char32_t want : to_u32(value)) {
        // Find `want` within the window; YAML may have dropped indentation, quotes or
        // escape characters between two value characters.
        std::size_t probe_line = line, probe_col = col;
        bool found = false;
        for (int step = 0; step < kWindow && probe_line < lines_.size(); ++step) {
            const auto& l = lines_[probe_line];
            const char32_t c = probe_col < l.size() ? l[probe_col] : U'\n';
            if (c == want || (want == U' ' && c == U'\n') || (want == U'\n' && c == U'\n')) {
                found = true;
                break;
            }
            if (probe_col < l.size()) {
                ++probe_col;
            } else {
                ++probe_line;
                probe_col = 0;
            }
        }
        if (found) {
            line = probe_line;
            col = probe_col;
            record(line, col);
            advance();
        } else {
            record(std::min(line, lines_.empty() ? 0 : lines_.size() - 1), col);
        }
    }
    record(std::min(line, lines_.empty() ? 0 : lines_.size() - 1), col);
    return out;
}

}  // namespace detail
}  // namespace metrex::rules
