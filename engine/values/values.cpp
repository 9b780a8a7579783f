// Tested by tests/unit/values_test.cpp
//
// One grammar, two faces. build() assembles the RE2 text of every kind from the same
// pieces; capture_pattern() emits it with non-capturing groups, and the parsers compile
// it once with capturing groups around the parts (qualifiers, range bound, amount, unit),
// match the whole text, and evaluate the parts. So the parsers accept exactly what the
// fragments match, except that a count's measure word is captured generically and then
// checked against the word list (that is what lets parse_quantity take a custom list).
//
// Values are computed in decimal: the numeral becomes ASCII digits, the scale a power of
// ten, and std::from_chars reads "3163.68e4", which rounds correctly (31636800 exactly),
// instead of multiplying binary doubles (2.01 * 10000 = 20099.999999999996 and
// 4.35 * 1e8 = 434999999.99999994, which would then need rounding to hide).
#include "engine/values/values.hpp"

#include "engine/values/numerals.hpp"

#include <re2/re2.h>

#include <array>
#include <charconv>
#include <cmath>
#include <initializer_list>
#include <memory>

namespace metrex::values {

namespace {

using numerals::digit_value;
using numerals::next_code_point;

struct QualifierWord {
    std::string_view text;
    Qualifier qualifier;
};

// Longest first: in an unanchored search RE2 prefers the earlier alternative.
// Verbs (达, 共, 累计, 突破) are not qualifiers: they say nothing about precision.
constexpr QualifierWord kPrefixes[] = {
    {"不超过", Qualifier::at_most},  {"不高于", Qualifier::at_most},
    {"不多于", Qualifier::at_most},  {"不低于", Qualifier::at_least},
    {"不少于", Qualifier::at_least}, {"大约", Qualifier::approx},
    {"大概", Qualifier::approx},     {"将近", Qualifier::approx},
    {"接近", Qualifier::approx},     {"超过", Qualifier::at_least},
    {"高于", Qualifier::at_least},   {"多于", Qualifier::at_least},
    {"至少", Qualifier::at_least},   {"最少", Qualifier::at_least},
    {"不到", Qualifier::at_most},    {"不足", Qualifier::at_most},
    {"低于", Qualifier::at_most},    {"少于", Qualifier::at_most},
    {"至多", Qualifier::at_most},    {"最多", Qualifier::at_most},
    {"约", Qualifier::approx},       {"近", Qualifier::approx},
    {"逾", Qualifier::at_least},     {"超", Qualifier::at_least},
};

constexpr QualifierWord kSuffixes[] = {
    {"以上", Qualifier::at_least}, {"以下", Qualifier::at_most}, {"以内", Qualifier::at_most},
    {"之内", Qualifier::at_most},  {"左右", Qualifier::approx},
};

// Counts of time: their values may be fractional (0.5个工作日), so they are not rounded
// to integers like other counts.
constexpr std::string_view kDurations[] = {"个工作日", "工作日", "个小时", "小时", "分钟",
                                           "个月",     "学时",   "课时",   "天"};

// constexpr, not std::string: capture_pattern may run during another stage's static
// initialisation.
constexpr std::string_view kArabic = R"((?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?)";
// A ratio's denominator must not be zero.
constexpr std::string_view kNonZero =
    R"((?:[0-9]*[1-9][0-9]*(?:\.[0-9]+)?|[0-9]+\.[0-9]*[1-9][0-9]*))";
constexpr std::string_view kScale = "(?:万亿|[百千]?[万亿]|[百千])";
constexpr std::string_view kMore = "[余多]";
constexpr std::string_view kRangeSep = "(?:至|到|-|~)";

std::string join(std::initializer_list<std::string_view> parts) {
    std::string out;
    for (std::string_view part : parts) out += part;
    return out;
}

template <std::size_t N>
std::string alternation(const QualifierWord (&words)[N]) {
    std::string out = "(?:";
    for (std::size_t i = 0; i < N; ++i) {
        if (i > 0) out += '|';
        out += words[i].text;
    }
    return out + ")";
}

std::string alternation(const std::vector<std::string>& words) {
    std::string out = "(?:";
    bool first = true;
    for (const std::string& word : words) {
        if (word.empty()) continue;
        if (!first) out += '|';
        first = false;
        out += RE2::QuoteMeta(word);
    }
    return out + ")";
}

// The Chinese integer fragment is the bulk of every pattern, so each piece below holds
// it once: a decimal is an integer with an optional 点 tail, not a second alternative.
const std::string& integer() { return numerals::integer_pattern(); }
const std::string& fraction() { return numerals::fraction_pattern(); }
const std::string& zero() { return numerals::zero_pattern(); }

// The amount: number, then 余/多 and a scale in the orders reports use: 60000余,
// 11万余, 6000多万, 2193万, 3.48亿, 三点四八亿, 六万余, 六千多万, 十余. A Chinese integer takes
// 万/亿 inside itself, so it gets an outside scale only after 余/多 or a 点 tail.
const std::string& amount() {
    static const std::string pattern =
        join({"(?:", kArabic, "(?:", kMore, kScale, "?|", kScale, kMore, "?)?|",  //
              integer(), "(?:", fraction(), kScale, "?", kMore, "?|", kMore, kScale, "?)?|",
              zero(), fraction(), kScale, "?", kMore, "?|",  //
              numerals::sequence_pattern(), ")"});
    return pattern;
}

// Percent and points: no scale.
const std::string& plain_amount() {
    static const std::string pattern = join({"(?:(?:", kArabic, "|", integer(), fraction(), "?|",
                                             zero(), fraction(), ")", kMore, "?)"});
    return pattern;
}

// The lower bound of a range: no 余/多 (97至105项, 2至3亿元, 1万至2万人次).
const std::string& lower_bound() {
    static const std::string pattern =
        join({"(?:", kArabic, kScale, "?|", integer(), "(?:", fraction(), kScale, "?)?|", zero(),
              fraction(), kScale, "?)"});
    return pattern;
}

const std::string& plain_lower_bound() {
    static const std::string pattern =
        join({"(?:", kArabic, "|", integer(), fraction(), "?|", zero(), fraction(), ")"});
    return pattern;
}

// What may follow 百分之: 百分之九十, 百分之九十五点五, 百分之百, 百分之99.
const std::string& per_cent_number() {
    static const std::string pattern =
        join({"(?:", integer(), fraction(), "?|", zero(), fraction(), "|百|", kArabic, ")"});
    return pattern;
}

// parse_number: no 余/多; a bare 〇/零 is a number here.
const std::string& bare_number() {
    static const std::string pattern =
        join({"(?:", kArabic, kScale, "?|", integer(), "(?:", fraction(), kScale, "?)?|", zero(),
              "(?:", fraction(), kScale, "?)?|", numerals::sequence_pattern(), ")"});
    return pattern;
}

// Capturing layout shared by every kind (parse mode), so one reader serves them all.
enum Group { g_prefix, g_lower, g_amount, g_unit, g_per_cent, g_suffix, g_count };

std::string build(Kind kind, const std::vector<std::string>& words, bool capturing) {
    const auto group = [capturing](std::string_view x) {
        return join({capturing ? "(" : "(?:", x, ")"});
    };
    const std::string_view none = capturing ? "()" : "";
    const std::string head = group(alternation(kPrefixes)) + "?";
    const std::string tail = group(alternation(kSuffixes)) + "?";
    const auto ranged = [&](std::string_view lower, std::string_view amt, std::string_view unit) {
        return join({head, "(?:", group(lower), kRangeSep, ")?", group(amt), group(unit), none, tail});
    };
    switch (kind) {
        case Kind::count:
            // Parse mode captures any measure word and checks it against the list after the
            // match. It may not start with a character the amount could take, or the match
            // could split 二〇二一件 as 二 + "〇二一件" and then reject it.
            return ranged(lower_bound(), amount(),
                          capturing ? "[^0-9.,〇零一二两三四五六七八九十百千万亿余多点].*?"
                                    : alternation(words.empty() ? measure_words() : words));
        case Kind::money:
            return ranged(lower_bound(), amount(), "元");
        case Kind::points:
            return ranged(plain_lower_bound(), plain_amount(), "个?百分点");
        case Kind::percent:
            return join({head, "(?:(?:", group(plain_lower_bound()), "%?", kRangeSep, ")?",
                         group(plain_amount()), group("%"), "|百分之", group(per_cent_number()), ")",
                         tail});
        case Kind::number:
            return join({head, none, group(amount()), none, none, tail});
        case Kind::ratio:
            return join({head, group(kArabic), ":", group(kNonZero)});
        case Kind::quantity:
            return join({"(?:", build(Kind::points, words, capturing), "|",
                         build(Kind::money, words, capturing), "|",
                         build(Kind::percent, words, capturing), "|",
                         build(Kind::count, words, capturing), ")"});
    }
    return {};
}

const RE2& parser(Kind kind) {
    static const std::array<std::unique_ptr<const RE2>, 6> compiled = [] {
        std::array<std::unique_ptr<const RE2>, 6> out;
        for (Kind k : {Kind::count, Kind::percent, Kind::points, Kind::money, Kind::number,
                       Kind::ratio})
            out[static_cast<std::size_t>(k)] = std::make_unique<const RE2>(build(k, {}, true));
        return out;
    }();
    return *compiled[static_cast<std::size_t>(kind)];
}

Qualifier qualifier_of(re2::StringPiece word, const QualifierWord* first,
                       const QualifierWord* last) {
    for (; first != last; ++first)
        if (word == re2::StringPiece(first->text.data(), first->text.size()))
            return first->qualifier;
    return Qualifier::exact;
}

std::string_view view(re2::StringPiece piece) { return {piece.data(), piece.size()}; }

// An amount read into decimal parts: value = digits x 10^scale.
struct Amount {
    std::string digits;        // ASCII, e.g. "3163.68"
    int scale = 0;             // from 百 千 万 亿 after the number
    bool more = false;         // 余 or 多
    std::size_t number_end = 0;  // bytes of the numeral itself

    double value() const { return value_at(scale); }
    double value_at(int power) const {
        std::string text = digits;
        text += 'e';
        text += std::to_string(power);
        double out = 0;
        std::from_chars(text.data(), text.data() + text.size(), out);
        return out;
    }
};

// Digits of a Chinese numeral (integer, decimal with 点, or digit-by-digit).
std::optional<std::string> chinese_digits(std::string_view text) {
    const std::size_t dot = text.find("点");
    if (dot != std::string_view::npos) {
        const std::string_view whole = text.substr(0, dot);
        auto fraction = numerals::sequence_digits(text.substr(dot + std::string_view("点").size()));
        if (!fraction) return std::nullopt;
        auto integer = chinese_digits(whole);
        if (!integer) return std::nullopt;
        return *integer + "." + *fraction;
    }
    if (auto sequence = numerals::sequence_digits(text)) return sequence;
    if (auto integer = numerals::integer_value(text)) return std::to_string(*integer);
    return std::nullopt;
}

// Reads a text matched by amount(), lower_bound(), plain_amount() or bare_number().
std::optional<Amount> read_amount(std::string_view text) {
    Amount out;
    std::size_t pos = 0;
    if (!text.empty() && text[0] >= '0' && text[0] <= '9') {
        while (pos < text.size() &&
               ((text[pos] >= '0' && text[pos] <= '9') || text[pos] == ',' || text[pos] == '.')) {
            if (text[pos] != ',') out.digits += text[pos];
            ++pos;
        }
    } else {
        bool fraction = false;
        while (pos < text.size()) {
            std::size_t next = pos;
            const char32_t c = next_code_point(text, next);
            const bool digit = digit_value(c) >= 0;
            const bool unit = c == U'十' || c == U'百' || c == U'千' || c == U'万' || c == U'亿';
            if (c == U'点' && !fraction) {
                fraction = true;
            } else if (!(digit || (unit && !fraction))) {
                break;
            }
            pos = next;
        }
        auto digits = chinese_digits(text.substr(0, pos));
        if (!digits) return std::nullopt;
        out.digits = std::move(*digits);
    }
    if (out.digits.empty()) return std::nullopt;
    out.number_end = pos;
    while (pos < text.size()) {
        const char32_t c = next_code_point(text, pos);
        switch (c) {
            case U'余': case U'多': out.more = true; break;
            case U'百': out.scale += 2; break;
            case U'千': out.scale += 3; break;
            case U'万': out.scale += 4; break;
            case U'亿': out.scale += 8; break;
            default: return std::nullopt;
        }
    }
    return out;
}

bool is_duration(std::string_view word) {
    for (std::string_view d : kDurations)
        if (word == d) return true;
    return false;
}


double normalise(Kind kind, double value, std::string_view unit) {
    switch (kind) {
        case Kind::count:
            return is_duration(unit) ? std::round(value * 1e9) / 1e9 : std::round(value);
        case Kind::money:
            return std::round(value * 100) / 100;
        default:
            return value;
    }
}

std::optional<Quantity> parse_ratio(std::string_view text) {
    re2::StringPiece groups[3];
    const RE2::Arg args[3] = {&groups[0], &groups[1], &groups[2]};
    const RE2::Arg* argv[3] = {&args[0], &args[1], &args[2]};
    if (!RE2::FullMatchN(re2::StringPiece(text.data(), text.size()), parser(Kind::ratio), argv, 3))
        return std::nullopt;
    auto a = read_amount(view(groups[1]));
    auto b = read_amount(view(groups[2]));
    if (!a || !b || b->value() == 0) return std::nullopt;
    Quantity q;
    q.kind = Kind::ratio;
    q.value = std::round(a->value() / b->value() * 1e9) / 1e9;
    q.qualifier = qualifier_of(groups[0], std::begin(kPrefixes), std::end(kPrefixes));
    return q;
}

std::optional<Quantity> parse_kind(std::string_view text, Kind kind,
                                   const std::vector<std::string>& words) {
    if (kind == Kind::ratio) return parse_ratio(text);
    re2::StringPiece groups[g_count];
    RE2::Arg args[g_count];
    const RE2::Arg* argv[g_count];
    for (int i = 0; i < g_count; ++i) {
        args[i] = &groups[i];
        argv[i] = &args[i];
    }
    if (!RE2::FullMatchN(re2::StringPiece(text.data(), text.size()), parser(kind), argv, g_count))
        return std::nullopt;

    Quantity q;
    q.kind = kind;
    const Qualifier before = qualifier_of(groups[g_prefix], std::begin(kPrefixes), std::end(kPrefixes));
    const Qualifier after = qualifier_of(groups[g_suffix], std::begin(kSuffixes), std::end(kSuffixes));

    if (!groups[g_per_cent].empty()) {  // 百分之九十
        std::optional<Amount> amt;
        if (groups[g_per_cent] == "百") {
            amt = Amount{"100", 0, false, 0};
        } else {
            amt = read_amount(view(groups[g_per_cent]));
        }
        if (!amt) return std::nullopt;
        q.value = amt->value();
        q.unit = "%";
        q.measure = "百分之";
        q.qualifier = before != Qualifier::exact ? before : after;
        return q;
    }

    auto amt = read_amount(view(groups[g_amount]));
    if (!amt) return std::nullopt;
    const std::string_view unit = view(groups[g_unit]);
    switch (kind) {
        case Kind::count: {
            const std::vector<std::string>& list = words.empty() ? measure_words() : words;
            bool known = false;
            for (const std::string& w : list) known = known || w == unit;
            if (!known) return std::nullopt;
            q.unit = std::string(unit);
            break;
        }
        case Kind::percent: q.unit = "%"; break;
        case Kind::points: q.unit = "个百分点"; break;
        case Kind::money: q.unit = "元"; break;
        default: break;
    }
    // As written after the number: the amount's 余/多 and scale, then the unit.
    const char* measure_begin = groups[g_amount].data() + amt->number_end;
    const char* measure_end = unit.empty() ? groups[g_amount].data() + groups[g_amount].size()
                                           : unit.data() + unit.size();
    q.measure.assign(measure_begin, measure_end);

    q.value = normalise(kind, amt->value(), q.unit);
    if (!groups[g_lower].empty()) {
        auto low = read_amount(view(groups[g_lower]));
        if (!low) return std::nullopt;
        // 2至3亿元: a bare lower bound smaller than the upper one shares its scale;
        // 5000至1万元 does not (5000 > 1).
        int scale = low->scale;
        if (scale == 0 && amt->scale > 0 && low->value_at(0) < amt->value_at(0))
            scale = amt->scale;
        q.upper = q.value;
        q.value = normalise(kind, low->value_at(scale), q.unit);
    }
    // The first qualifier written wins: prefix, then 余/多, then suffix.
    if (before != Qualifier::exact) q.qualifier = before;
    else if (amt->more) q.qualifier = Qualifier::at_least;
    else q.qualifier = after;
    return q;
}

}  // namespace

std::string_view to_string(Kind kind) {
    switch (kind) {
        case Kind::count: return "count";
        case Kind::percent: return "percent";
        case Kind::points: return "points";
        case Kind::money: return "money";
        case Kind::number: return "number";
        case Kind::ratio: return "ratio";
        case Kind::quantity: return "quantity";
    }
    return "?";
}

const std::vector<std::string>& kind_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (int k = 0; k <= static_cast<int>(Kind::quantity); ++k)
            out.emplace_back(to_string(static_cast<Kind>(k)));
        return out;
    }();
    return names;
}

std::optional<Kind> kind_from_string(std::string_view name) {
    for (Kind k : {Kind::count, Kind::percent, Kind::points, Kind::money, Kind::number,
                   Kind::ratio, Kind::quantity})
        if (to_string(k) == name) return k;
    return std::nullopt;
}

std::string_view to_string(Qualifier qualifier) {
    switch (qualifier) {
        case Qualifier::exact: return "exact";
        case Qualifier::approx: return "approx";
        case Qualifier::at_least: return "at_least";
        case Qualifier::at_most: return "at_most";
    }
    return "?";
}

const std::vector<std::string>& measure_words() {
    // Longest first (人次 before 人, 个工作日 before 个). Not here: 年 月 日 号 时 (dates
    // and times), 元 (money), 百 千 万 亿 (scales), 百分点 (points).
    static const std::vector<std::string> words = {
        "个工作日",
        "工作日", "个小时",
        "人次", "家次", "户次", "场次", "批次", "件次", "台次", "车次", "班次",
        "个月", "小时", "分钟", "学时", "课时",
        "件", "次", "项", "个", "名", "家", "份", "条", "场", "篇", "批", "户", "卷",
        "部", "人", "位", "所", "期", "支", "类", "处", "种", "起", "宗", "例", "册",
        "台", "套", "座", "间", "张", "封", "本", "轮", "堂", "节", "组", "队", "笔",
        "单", "幅", "块", "辆", "天",
    };
    return words;
}

std::string capture_pattern(Kind kind, const std::vector<std::string>& measure_words) {
    return build(kind, measure_words, false);
}

std::optional<Quantity> parse_quantity(std::string_view text, Kind kind,
                                       const std::vector<std::string>& measure_words) {
    if (kind != Kind::quantity) return parse_kind(text, kind, measure_words);
    for (Kind k : {Kind::points, Kind::money, Kind::percent, Kind::count})
        if (auto q = parse_kind(text, k, measure_words)) return q;
    return std::nullopt;
}

std::optional<Quantity> parse_quantity(std::string_view text, Kind kind) {
    return parse_quantity(text, kind, {});
}

std::optional<double> parse_number(std::string_view text) {
    static const RE2 bare(bare_number());
    if (!RE2::FullMatch(re2::StringPiece(text.data(), text.size()), bare)) return std::nullopt;
    auto amt = read_amount(text);
    if (!amt) return std::nullopt;
    return amt->value();
}

}  // namespace metrex::values
