// metrex values, internal: Chinese numerals (grammar fragments and evaluation).
//
// Not part of the stage's public API (values.hpp is); only values.cpp and the stage's
// unit test include this, so the test can cross-check the ICU and fallback evaluators
// against each other and against the grammar.
//
// Grammar (RE2 fragments, no capturing groups). D = 一..九, M = D or 两, Z = 〇 or 零.
//   integer   positional numerals below 万万亿: 三, 十二, 一百二十三, 两千, 三万五千,
//             一千零五, 十万〇一十, 一亿二千万, 一万亿. Positions strictly descend (千 百 十
//             units, then 万, then 亿) with an optional Z before a lower position; 两 only
//             multiplies 百/千/万/亿 or stands alone (两十 is not Chinese). Never starts
//             with 百/千/万/亿 or Z, so 万人 is not a number. Not accepted: 三四十, 三五, 十四五,
//             一百一百, 一兆 (ICU spells 1e12 so; PRC usage is 万亿).
//             A final bare digit right after 百/千/万/亿 with no Z before it is the spoken
//             abbreviation: 二百五 = 250, 一千五 = 1500, 三万五 = 35000 (三万零五 = 30005).
//             Inside a numeral the same shape is read positionally, as ICU does
//             (二百五万 = 2050000); reports do not write it.
//   fraction  点 and digits, after an integer or Z: 三点四八, 零点八八.
//   sequence  three or more digit-by-digit characters: 二〇二一, 二零二一, 一九九八. Two
//             characters (三五, 七八) are not accepted: in prose they mean "three or five".
//   A bare Z (〇 / 零) is read by parse_number only: in running text 零 + measure word is a
//   word (零件), not a quantity.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace metrex::values::numerals {

const std::string& integer_pattern();
const std::string& fraction_pattern();  // 点 + digits, to follow an integer or Z
const std::string& zero_pattern();      // [〇零]
const std::string& sequence_pattern();

// True when `text` ends with the abbreviation (二百五, 三万五): ICU reads those as 205 and
// 30005, so they go to the fallback.
bool abbreviated(std::string_view text);

// The value of an integer numeral (as matched by integer_pattern()). ICU RBNF reads the
// standard positional forms; abbreviated forms go to the fallback, and so does everything
// when ICU's data cannot be loaded. nullopt if the text is not a numeral.
std::optional<std::uint64_t> integer_value(std::string_view text);

// The two evaluators, exposed for the cross-check test.
// ICU: nullopt unless ICU RBNF (zh spellout) reads the whole text.
std::optional<std::uint64_t> integer_value_icu(std::string_view text);
// Fallback: an additive reader for the integer grammar (including abbreviations).
std::optional<std::uint64_t> integer_value_fallback(std::string_view text);

// ICU's own spelling of `value` (zh spellout, e.g. 一千〇五), for the round-trip test.
std::optional<std::string> icu_spell(std::uint64_t value);

// Digit-by-digit value: 二〇二一 -> "2021" (ASCII digits, kept as text so leading zeros
// and long sequences survive). nullopt if a character is not a digit.
std::optional<std::string> sequence_digits(std::string_view text);

// Decodes one UTF-8 code point at `pos` and advances `pos`; returns U+FFFD on bad input.
char32_t next_code_point(std::string_view text, std::size_t& pos);

// 0..9 for 〇零一二两三四五六七八九, -1 otherwise.
int digit_value(char32_t c);

}  // namespace metrex::values::numerals
