// Tested by tests/unit/diagnostics_test.cpp
#include "engine/diagnostics/diagnostics.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace metrex {

void Diagnostics::add(Diagnostic diagnostic) { items_.push_back(std::move(diagnostic)); }

void Diagnostics::error(const SourcePosition& at, std::string code, std::string message,
                        std::string hint) {
    items_.push_back({at.file, at.line, at.column, Severity::error, std::move(code),
                      std::move(message), std::move(hint)});
}

void Diagnostics::warning(const SourcePosition& at, std::string code, std::string message,
                          std::string hint) {
    items_.push_back({at.file, at.line, at.column, Severity::warning, std::move(code),
                      std::move(message), std::move(hint)});
}

std::size_t Diagnostics::error_count() const {
    std::size_t n = 0;
    for (const auto& d : items_) n += d.severity == Severity::error;
    return n;
}

void Diagnostics::sort_by_position() {
    std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
        if (a.file != b.file) return a.file < b.file;
        if (a.line != b.line) return a.line < b.line;
        return a.column < b.column;
    });
}

void Diagnostics::append(const Diagnostics& other) {
    items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

void SourceLines::set(const std::string& file, std::string contents) {
    std::vector<std::string> lines;
    std::istringstream in(contents);
    for (std::string l; std::getline(in, l);) {
        if (!l.empty() && l.back() == '\r') l.pop_back();
        lines.push_back(std::move(l));
    }
    files_[file] = std::move(lines);
}

std::string SourceLines::line(const std::string& file, int line_number) {
    auto it = files_.find(file);
    if (it == files_.end()) {
        std::ifstream in(file, std::ios::binary);
        std::ostringstream buf;
        if (in) buf << in.rdbuf();
        set(file, buf.str());
        it = files_.find(file);
    }
    const auto& lines = it->second;
    if (line_number < 1 || static_cast<std::size_t>(line_number) > lines.size()) return {};
    return lines[static_cast<std::size_t>(line_number) - 1];
}

namespace {

const char* severity_word(Severity s) {
    switch (s) {
        case Severity::error: return "error";
        case Severity::warning: return "warning";
        case Severity::note: return "note";
    }
    return "error";
}

// Terminal width of the first `code_points` characters of `line`: tabs are kept as tabs
// (so the caret line lines up under them), East Asian wide/fullwidth characters count 2.
std::string caret_padding(const std::string& line, int code_points) {
    std::string pad;
    int32_t i = 0;
    const auto length = static_cast<int32_t>(line.size());
    for (int n = 0; n < code_points && i < length; ++n) {
        UChar32 c;
        U8_NEXT(line.data(), i, length, c);
        if (c == '\t') {
            pad += '\t';
            continue;
        }
        const auto width = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
        pad += (width == U_EA_WIDE || width == U_EA_FULLWIDTH) ? "  " : " ";
    }
    return pad;
}

}  // namespace

std::string render(const Diagnostic& d, SourceLines& sources) {
    std::ostringstream out;
    out << d.file;
    if (d.line > 0) {
        out << ':' << d.line;
        if (d.column > 0) out << ':' << d.column;
    }
    out << ": " << severity_word(d.severity) << ": " << d.message << '\n';
    if (d.line > 0) {
        const std::string text = sources.line(d.file, d.line);
        if (!text.empty()) {
            const std::string number = std::to_string(d.line);
            const std::string gutter(number.size(), ' ');
            out << ' ' << number << " | " << text << '\n';
            if (d.column > 0)
                out << ' ' << gutter << " | " << caret_padding(text, d.column - 1) << "^\n";
        }
    }
    if (!d.hint.empty()) out << "  hint: " << d.hint << '\n';
    return out.str();
}

std::string render_all(const Diagnostics& diagnostics, SourceLines& sources) {
    if (diagnostics.empty()) return {};
    std::string out;
    std::size_t errors = 0, warnings = 0;
    for (const auto& d : diagnostics.items()) {
        out += render(d, sources);
        errors += d.severity == Severity::error;
        warnings += d.severity == Severity::warning;
    }
    auto count = [](std::size_t n, const char* word) {
        return std::to_string(n) + ' ' + word + (n == 1 ? "" : "s");
    };
    if (errors > 0) out += count(errors, "error");
    if (warnings > 0) out += std::string(errors > 0 ? ", " : "") + count(warnings, "warning");
    out += '\n';
    return out;
}

std::optional<std::string> closest_match(const std::string& word, const std::vector<std::string>& choices,
                                         std::size_t max_distance) {
    std::optional<std::string> best;
    std::size_t best_distance = max_distance + 1;
    std::vector<std::size_t> prev, cur;
    for (const auto& choice : choices) {
        prev.resize(choice.size() + 1);
        cur.resize(choice.size() + 1);
        for (std::size_t j = 0; j <= choice.size(); ++j) prev[j] = j;
        for (std::size_t i = 1; i <= word.size(); ++i) {
            cur[0] = i;
            for (std::size_t j = 1; j <= choice.size(); ++j)
                cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (word[i - 1] == choice[j - 1] ? 0 : 1)});
            std::swap(prev, cur);
        }
        if (prev[choice.size()] < best_distance) {
            best_distance = prev[choice.size()];
            best = choice;
        }
    }
    return best;
}

std::string quote_fragment(std::string_view text, std::size_t max_chars) {
    int32_t i = 0;
    const auto length = static_cast<int32_t>(text.size());
    std::size_t n = 0;
    while (i < length && n < max_chars) {
        U8_FWD_1(text.data(), i, length);
        ++n;
    }
    std::string out(text.substr(0, static_cast<std::size_t>(i)));
    if (i < length) out += "…";
    return out;
}

}  // namespace metrex
