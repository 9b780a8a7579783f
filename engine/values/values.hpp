// metrex values: the grammar of written quantities, as regex fragments and as parsers.
//
// Contract
//   Input:  normalised text (see engine/text: NFKC, simplified characters, ASCII digits
//           and punctuation, no spaces inside quantities).
//   Output: `Quantity` = normalised numeric value + canonical unit + qualifier + the
//           measure word as written.
//
//   Two faces of one grammar, kept in this one stage so they cannot drift apart:
//   * capture_pattern(kind) gives the RE2 fragment the rule compiler splices in for a
//     typed capture ({count}, {percent}, {money}, {number}, ...). It matches the whole
//     written quantity, including prefix qualifiers (约 近 超过 不到 ...), 余/多, suffix
//     qualifiers (以上 以下 左右 ...) and the measure word, and has no capturing groups.
//   * parse_quantity(text, kind) turns exactly such a text into a Quantity.
//   Every string the fragment matches, parse_quantity accepts (tests cross-check this).
//
//   Values: counts are integers (11万余人次 -> 110000, at_least), except counts of time
//   (天 小时 分钟 个工作日 个月 学时 ...), which keep fractions (0.5个工作日); percents are
//   0..100 (96.5% -> 96.5, 百分之九十 -> 90); percentage points keep unit "个百分点" and
//   never become "%"; money is in 元, rounded to the cent (3.48亿元 -> 348000000,
//   3163.68万元 -> 31636800 exactly: values are computed in decimal, not by multiplying
//   doubles); a ratio a:b is a / b (6.86:1 -> 6.86). Chinese numerals (一百二十三, 两千,
//   一千零五, 二〇二一, 三点五, abbreviated 一千五 = 1500), mixed forms (3.48亿, 六万余) and
//   thousands separators (42,402) are accepted. A Chinese numeral starts with 〇零一..九 or
//   十, never with a bare 百/千/万/亿, so 万人成讼率 holds no quantity; a bare 〇/零 is a
//   number for parse_number only (in text, 零件 is a word).
//
//   Qualifiers. Prefix: 约 大约 大概 近 将近 接近 -> approx; 超过 超 逾 高于 多于 不低于
//   不少于 至少 最少 -> at_least; 不到 不足 不超过 低于 少于 不高于 不多于 至多 最多 -> at_most.
//   After the number: 余 多 -> at_least. Suffix: 以上 -> at_least; 以下 以内 之内 -> at_most;
//   左右 -> approx. Verbs (达 共 累计 突破) are not qualifiers. When several are written,
//   the first wins (prefix, then 余/多, then suffix).
//
//   Ranges (count, money, percent, points): 97至105项, 97-105项, 97~105项, 3到5个,
//   3%-5% -> value 97, upper 105. A lower bound without a scale that is smaller than the
//   upper bound's number shares its scale: 2至3亿元 -> 2e8..3e8, but 5000至1万元 -> 5000..1e4.
//
//   `measure` is the text from the end of the number through the unit: "件", "余人次",
//   "万余人次", "亿元", "多万元", "%", "个百分点", "百分之" (for 百分之九十); for a number
//   the scale and 余/多 ("万", "余", ""); empty for a ratio. Suffix qualifiers are not in it.
//
// What it does not do: find quantities in running text (the compiled rules do that),
// decide what a number is about, or reject dates/phone numbers (rules express those
// exclusions). No shared mutable state (ICU's formatter is per thread); every function
// is thread-safe.
//
// Example
//   auto q = metrex::values::parse_quantity("60000余人次", metrex::values::Kind::count);
//   // q->value == 60000, q->unit == "人次", q->qualifier == Qualifier::at_least
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace metrex::values {

// The typed captures of the rule language.
enum class Kind {
    count,    // number + measure word: 169件, 60000余人次, 3490家次, 两千名
    percent,  // number + %: 99.9%, 99%以上, 近70%  (also 百分之九十 -> 90)
    points,   // number + 个百分点 / 百分点: 提高2个百分点
    money,    // number + (万|亿|千|百)? 元: 3.48亿元, 2193万元, 6000多万元
    number,   // a bare number, no unit: 1.1, 三
    ratio,    // a:b ratio: 6.86:1 (value = a / b)
    quantity, // any of count, percent, points, money (the generic fallback); stays last:
              // kind_names() and per-kind tables run up to it
};

enum class Qualifier { exact, approx, at_least, at_most };

std::string_view to_string(Kind kind);             // "count", "percent", ...
std::optional<Kind> kind_from_string(std::string_view name);
// The names of every Kind, in declaration order: what `value:` and typed captures accept.
const std::vector<std::string>& kind_names();
std::string_view to_string(Qualifier qualifier);   // "exact", "approx", ...

struct Quantity {
    Kind kind = Kind::number;     // what was actually read (never Kind::quantity)
    double value = 0;             // normalised (see contract)
    std::optional<double> upper;  // ranges: 97至105项 -> value 97, upper 105
    std::string unit;             // canonical: measure word (件, 人次), "%", "个百分点", "元"
    std::string measure;          // as written after the number: "件", "万元", "%", "余人次"
    Qualifier qualifier = Qualifier::exact;
};

// RE2 syntax, no capturing groups, matches one whole written quantity of `kind`.
// `measure_words` restricts the measure words of a count (empty: the built-in list of
// measure_words()); each word is matched literally.
std::string capture_pattern(Kind kind, const std::vector<std::string>& measure_words = {});

// Parses a whole written quantity (as matched by capture_pattern(kind)). For
// Kind::quantity the kind is inferred (points, then money, percent, count). Returns
// nullopt when the text is not one quantity.
std::optional<Quantity> parse_quantity(std::string_view text, Kind kind = Kind::quantity);

// The same, for a count whose measure words were restricted or extended: pass the list
// given to capture_pattern(kind, measure_words) (empty: the built-in list). Measure words
// must not start with a digit or a numeral character (〇 零 一..九 两 十 百 千 万 亿 点) or
// with 余/多: the amount would take that character.
std::optional<Quantity> parse_quantity(std::string_view text, Kind kind,
                                       const std::vector<std::string>& measure_words);

// Parses a bare number: Arabic with decimals and separators, Chinese numerals
// (一百二十三, 两千, 三万五千, 〇, 十二, 二〇二一, 零点八八), mixed (3.48亿, 11万). No qualifiers
// (60000余 is not a bare number) and no rounding. nullopt if not a number.
std::optional<double> parse_number(std::string_view text);

// The built-in measure words for counts, longest first (人次 before 人, 家次 before 家).
// Includes counts of time (天 小时 分钟 个工作日 个月 学时 课时); never 年 月 日 号 (dates).
const std::vector<std::string>& measure_words();

}  // namespace metrex::values
