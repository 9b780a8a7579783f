// Tested by tests/unit/values_test.cpp
//
// Why there are two evaluators. The brief was to prefer ICU's RuleBasedNumberFormat
// (URBNF_SPELLOUT, locale "zh"), and ICU does read the standard positional forms
// (一百二十三, 两千, 三万五千, 一千零五, 十二, 〇, 一亿二千万). Measured with ICU 72 (Debian 12),
// strict and lenient parse gave the same results:
//   * abbreviated tails are misread: 一千五 -> 1005, 三万五 -> 30005, 二百五 -> 205,
//     一百一 -> 101 (readers mean 1500, 35000, 250, 110);
//   * digit-by-digit is patchy: 二〇二一 -> 2021 and 一九九八 -> 1998 (its year rule set), but
//     二零二一 stops after one character, 一〇〇 after two, and 一二三四五 reads as 1234;
//   * decimal + scale stops early: 一点二万 reads only 一点二;
//   * malformed text is read all the way: 三四十 -> 70, 三五 -> 35, 三万二十 -> 30020.
// So ICU cannot be the grammar: the RE2 fragments below are, and they are the same for
// capture_pattern and the parsers. ICU evaluates the positional integers it handles; the
// fallback reads the abbreviations, and everything when ICU's data cannot be loaded.
// Digit-by-digit sequences and the digits after 点 are plain digit mapping (values.cpp).
// Lenient parse is not used: it changes nothing for these forms and is ~3x slower
// (15 us vs 5 us per parse).
#include "engine/values/numerals.hpp"

#include <unicode/fmtable.h>
#include <unicode/locid.h>
#include <unicode/parsepos.h>
#include <unicode/rbnf.h>
#include <unicode/unistr.h>

#include <cmath>
#include <initializer_list>
#include <memory>

namespace metrex::values::numerals {

namespace {

// constexpr, not std::string: capture_pattern may run during another stage's static
// initialisation.
constexpr std::string_view kDigit = "[一二三四五六七八九]";
constexpr std::string_view kMult = "[一二两三四五六七八九]";  // multiplies 百/千/万/亿, or alone
constexpr std::string_view kZero = "[〇零]";

std::string join(std::initializer_list<std::string_view> parts) {
    std::string out;
    for (std::string_view part : parts) out += part;
    return out;
}

// Positions strictly descend: 千 百 十 units within a section, then 万, then 亿, with 零
// allowed before a lower position. This is looser than school grammar (it accepts
// 三万二十 for 三万零二十, as ICU does) but keeps out what is not one number: 三四十, 三五,
// 十四五, 两十, 一百一百, 万人.
std::string build_integer() {
    const std::string zero = join({kZero, "?"});
    const std::string section =
        join({"(?:(?:", kMult, "千(?:", zero, kMult, "百)?|", kMult, "百)(?:", zero, kDigit, "?十",
              kDigit, "?|", zero, kDigit, ")?|", kDigit, "?十", kDigit, "?|", kMult, ")"});
    const std::string below_yi = join({section, "(?:万(?:", zero, section, ")?)?"});
    return join({"(?:", below_yi, "(?:亿(?:", zero, below_yi, ")?)?)"});
}

constexpr char32_t kLiang = U'两';

int unit_power(char32_t c) {
    switch (c) {
        case U'十': return 1;
        case U'百': return 2;
        case U'千': return 3;
        case U'万': return 4;
        case U'亿': return 8;
        default: return -1;
    }
}

std::uint64_t pow10(int n) {
    std::uint64_t v = 1;
    while (n-- > 0) v *= 10;
    return v;
}

// One formatter per thread: construction costs ~15 ms, and RBNF's parse is not
// documented as safe for concurrent use on a shared instance.
const icu::RuleBasedNumberFormat* spellout() {
    thread_local std::unique_ptr<icu::RuleBasedNumberFormat> format;
    thread_local bool tried = false;
    if (!tried) {
        tried = true;
        UErrorCode status = U_ZERO_ERROR;
        auto made = std::make_unique<icu::RuleBasedNumberFormat>(icu::URBNF_SPELLOUT,
                                                                  icu::Locale("zh"), status);
        if (U_SUCCESS(status)) format = std::move(made);
    }
    return format.get();
}

}  // namespace

const std::string& integer_pattern() {
    static const std::string pattern = build_integer();
    return pattern;
}

const std::string& fraction_pattern() {
    static const std::string pattern = "(?:点[〇零一二三四五六七八九]+)";
    return pattern;
}

const std::string& zero_pattern() {
    static const std::string pattern(kZero);
    return pattern;
}

const std::string& sequence_pattern() {
    static const std::string pattern = "(?:[〇零一二三四五六七八九]{3,})";
    return pattern;
}

char32_t next_code_point(std::string_view text, std::size_t& pos) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(pos);
    int extra = 0;
    char32_t cp = 0;
    if (lead < 0x80) {
        ++pos;
        return lead;
    } else if ((lead & 0xE0) == 0xC0) {
        extra = 1;
        cp = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
        extra = 2;
        cp = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
        extra = 3;
        cp = lead & 0x07;
    } else {
        ++pos;
        return 0xFFFD;
    }
    if (pos + extra >= text.size()) {
        pos = text.size();
        return 0xFFFD;
    }
    for (int i = 1; i <= extra; ++i) {
        const unsigned char b = byte(pos + i);
        if ((b & 0xC0) != 0x80) {
            pos += i;
            return 0xFFFD;
        }
        cp = (cp << 6) | (b & 0x3F);
    }
    pos += extra + 1;
    return cp;
}

int digit_value(char32_t c) {
    switch (c) {
        case U'〇': case U'零': return 0;
        case U'一': return 1;
        case U'二': case kLiang: return 2;
        case U'三': return 3;
        case U'四': return 4;
        case U'五': return 5;
        case U'六': return 6;
        case U'七': return 7;
        case U'八': return 8;
        case U'九': return 9;
        default: return -1;
    }
}

bool abbreviated(std::string_view text) {
    char32_t before = 0;
    char32_t last = 0;
    for (std::size_t pos = 0; pos < text.size();) {
        before = last;
        last = next_code_point(text, pos);
    }
    return digit_value(last) >= 1 && unit_power(before) >= 2;
}

std::optional<std::uint64_t> integer_value_icu(std::string_view text) {
    const icu::RuleBasedNumberFormat* format = spellout();
    if (format == nullptr || text.empty()) return std::nullopt;
    const icu::UnicodeString input = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<std::int32_t>(text.size())));
    icu::Formattable result;
    icu::ParsePosition position(0);
    format->parse(input, result, position);
    if (position.getIndex() != input.length()) return std::nullopt;
    UErrorCode status = U_ZERO_ERROR;
    const double value = result.getDouble(status);
    if (U_FAILURE(status) || value < 0 || value > 9.0e15 || value != std::floor(value))
        return std::nullopt;
    return static_cast<std::uint64_t>(value);
}

// Additive reading: a digit multiplies the unit after it (十 alone is 10), 万 and 亿 close
// everything before them, 零 only marks a gap. A final digit right after 百/千/万/亿 with
// no 零 between is the abbreviation and stands for one tenth of that unit.
std::optional<std::uint64_t> integer_value_fallback(std::string_view text) {
    std::uint64_t yi = 0;   // everything before 亿, already multiplied
    std::uint64_t wan = 0;  // everything between 亿 and 万, already multiplied
    std::uint64_t section = 0;
    int digit = -1;         // pending digit, not yet multiplied
    bool zero = false;      // a 零 since the last unit
    int last_power = 0;
    bool any = false;
    for (std::size_t pos = 0; pos < text.size();) {
        const char32_t c = next_code_point(text, pos);
        any = true;
        const int d = digit_value(c);
        if (d == 0) {
            if (digit >= 0) return std::nullopt;
            zero = true;
            continue;
        }
        if (d > 0) {
            if (digit >= 0) return std::nullopt;
            digit = d;
            continue;
        }
        const int power = unit_power(c);
        if (power < 0) return std::nullopt;
        if (power <= 3) {
            if (digit < 0 && power != 1) return std::nullopt;
            section += static_cast<std::uint64_t>(digit < 0 ? 1 : digit) * pow10(power);
        } else {
            const std::uint64_t below = section + static_cast<std::uint64_t>(digit < 0 ? 0 : digit);
            if (power == 4) {
                if (below == 0 || wan != 0) return std::nullopt;
                wan = below * pow10(4);
            } else {
                if (below + wan == 0 || yi != 0) return std::nullopt;
                yi = (wan + below) * pow10(8);
                wan = 0;
            }
            section = 0;
        }
        digit = -1;
        zero = false;
        last_power = power;
    }
    if (!any) return std::nullopt;
    std::uint64_t tail = 0;
    if (digit >= 0) {
        tail = static_cast<std::uint64_t>(digit);
        if (!zero && last_power >= 2) tail *= pow10(last_power - 1);
    }
    return yi + wan + section + tail;
}

std::optional<std::string> icu_spell(std::uint64_t value) {
    const icu::RuleBasedNumberFormat* format = spellout();
    if (format == nullptr) return std::nullopt;
    icu::UnicodeString spelled;
    format->format(static_cast<std::int64_t>(value), spelled);
    std::string out;
    spelled.toUTF8String(out);
    return out;
}

std::optional<std::uint64_t> integer_value(std::string_view text) {
    if (!abbreviated(text)) {
        if (auto value = integer_value_icu(text)) return value;
    }
    return integer_value_fallback(text);
}

std::optional<std::string> sequence_digits(std::string_view text) {
    std::string digits;
    for (std::size_t pos = 0; pos < text.size();) {
        const char32_t c = next_code_point(text, pos);
        const int d = digit_value(c);
        if (d < 0 || c == kLiang) return std::nullopt;
        digits.push_back(static_cast<char>('0' + d));
    }
    if (digits.empty()) return std::nullopt;
    return digits;
}

}  // namespace metrex::values::numerals
