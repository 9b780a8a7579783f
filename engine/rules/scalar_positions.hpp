// Internal to engine/rules: maps the characters of a decoded YAML scalar back to the
// file, and converts yaml-cpp's byte columns to code point columns.
#pragma once

#include "engine/rules/rules.hpp"

#include <string>
#include <vector>

namespace metrex::rules::detail {

// A rule file's text split into lines of code points, for position arithmetic.
class FileText {
public:
    FileText(std::string file, const std::string& contents);
    const std::string& file() const { return file_; }
    // 1-based code point column of a 0-based byte column on a 0-based line.
    int column_of_byte(int line0, int byte_column) const;
    // Builds the per-character position map of `value`, whose YAML text starts at
    // (line0, byte_column) in this file. Exact for plain, quoted and block scalars;
    // for escapes YAML decoded (\u4e2d) the position stays on the escape.
    SourceText locate(const std::string& value, int line0, int byte_column) const;

private:
    std::string file_;
    std::vector<std::u32string> lines_;     // without line breaks
    std::vector<std::string> utf8_lines_;
};

std::u32string to_u32(const std::string& utf8);

}  // namespace metrex::rules::detail
