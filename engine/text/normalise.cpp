// Tested by tests/unit/text_test.cpp
//
// original --(E0: ill-formed bytes -> U+FFFD, only if any)--(E1: NFKC, icu::Edits
// recorded by Normalizer2::normalizeUTF8)--> nfkc --(E2: our per-code-point pass)-->
// normalised. The three icu::Edits are composed with mergeAndAppend into one
// original-bytes -> normalised-bytes edit list; its fine-grained spans (each change as
// small as the step that made it) are copied into a table of segments that both
// mappings binary-search. Byte offsets in the original become code point offsets through
// a checkpoint table (the byte offset of every 64th code point).
//
// The pass, per code point of the NFKC text:
//   "\r\n", "\r", U+2028/2029/0085, \v, \f  -> "\n"
//   U+200B/200C/200D/2060/FEFF/00AD        -> dropped
//   tab and every other horizontal space   -> ' '; then each run of spaces is removed when
//       it starts or ends a line (or the text), touches a CJK character or CJK/curly
//       punctuation or a table cell separator '|', follows an opening bracket, or
//       precedes closing punctuation or a unit sign (, . ; : ! ? ) ] } % ‰ °):
//       "58 件" -> "58件", "达 96.5 % ," -> "达96.5%,", "申请 | 169件" -> "申请|169件";
//       otherwise it becomes a single ' ' ("1 261", "IE 9" stay).
//   「」 -> “”, 『』 -> ‘’, straight '"' -> “ and ” alternately within a line.
//   Traditional -> simplified: ICU "Hant-Hans" applied to one character at a time
//       (context-free, so a literal and the text it must match always agree), except for
//       characters that are standard in simplified text too and that Hant-Hans would
//       still rewrite: 著 (显著), 乾 (乾坤), 藉 (狼藉), 瞭 (瞭望). 於 is rewritten to 于:
//       simplified text keeps 於 only as a rare surname, while every 於 of a traditional
//       report (關於, 擬於, 免於) is the 于 that rules are written with.
// normalise_fragment() runs the same steps; the only difference is that the ends of a
// fragment are not line ends (a fragment may be cut from the middle of a line).
#include "engine/text/text.hpp"
#include "engine/text/text_internal.hpp"

#include <unicode/bytestream.h>
#include <unicode/edits.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uniset.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <mutex>
#include <stdexcept>
#include <unordered_map>

namespace metrex::text {
namespace {

using detail::append_utf8;
using detail::utf8_sequence_length;

// ---------------------------------------------------------------- code points

struct CodePoint {
    char32_t value;
    std::size_t length;  // bytes; an ill-formed byte counts as one code point
};

CodePoint decode_at(std::string_view s, std::size_t i) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + i;
    const std::size_t len = utf8_sequence_length(p, s.size() - i);
    switch (len) {
        case 1: return {p[0], 1};
        case 2: return {static_cast<char32_t>(((p[0] & 0x1F) << 6) | (p[1] & 0x3F)), 2};
        case 3:
            return {static_cast<char32_t>(((p[0] & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F)), 3};
        case 4:
            return {static_cast<char32_t>(((p[0] & 0x07) << 18) | ((p[1] & 0x3F) << 12) |
                                          ((p[2] & 0x3F) << 6) | (p[3] & 0x3F)),
                    4};
        default: return {0xFFFD, 1};
    }
}

// ---------------------------------------------------------------- Hant -> Hans

// One transliterator per process (creating it parses large rule tables), its source set
// frozen for lock-free membership tests, and a shared cache of per-character results.
class HantHans {
public:
    static HantHans& instance() {
        static HantHans h;  // thread-safe initialisation (C++11 statics)
        return h;
    }

    bool affects(char32_t c) const {
        return source_.contains(static_cast<UChar32>(c)) && !is_kept(c);
    }

    std::string map(char32_t c) {
        std::lock_guard<std::mutex> lock(mu_);
        auto it = cache_.find(c);
        if (it != cache_.end()) return it->second;
        icu::UnicodeString s(static_cast<UChar32>(c));
        translit_->transliterate(s);
        std::string out;
        s.toUTF8String(out);
        cache_.emplace(c, out);
        return out;
    }

private:
    HantHans() {
        UErrorCode status = U_ZERO_ERROR;
        translit_.reset(icu::Transliterator::createInstance("Hant-Hans", UTRANS_FORWARD, status));
        if (U_FAILURE(status)) translit_.reset();
        if (translit_) translit_->getSourceSet(source_);
        source_.freeze();
    }
    static bool is_kept(char32_t c) {
        return c == U'著' || c == U'乾' || c == U'藉' || c == U'瞭';
    }

    std::unique_ptr<icu::Transliterator> translit_;
    icu::UnicodeSet source_;
    std::mutex mu_;
    std::unordered_map<char32_t, std::string> cache_;
};

// ---------------------------------------------------------------- classes

bool is_cjk(char32_t c) {
    if ((c >= 0x2E80 && c <= 0x2FDF) ||    // radicals
        (c >= 0x3000 && c <= 0x303F) ||    // CJK symbols and punctuation
        (c >= 0x3040 && c <= 0x31FF) ||    // kana, bopomofo, strokes
        (c >= 0x3200 && c <= 0x4DBF) ||    // enclosed, compatibility, extension A
        (c >= 0x4E00 && c <= 0x9FFF) ||    // unified ideographs
        (c >= 0xAC00 && c <= 0xD7AF) ||    // hangul
        (c >= 0xF900 && c <= 0xFAFF) ||    // compatibility ideographs
        (c >= 0xFE10 && c <= 0xFE1F) ||    // vertical forms
        (c >= 0xFE30 && c <= 0xFE4F) ||    // compatibility forms
        (c >= 0xFF00 && c <= 0xFFEF) ||    // what NFKC leaves of full/half width forms
        (c >= 0x20000 && c <= 0x3FFFF))    // extensions B and up
        return true;
    // Punctuation that in these reports is Chinese punctuation.
    return c == 0x201C || c == 0x201D || c == 0x2018 || c == 0x2019 || c == 0x2014 ||
           c == 0x2026 || c == 0x00B7 || c == 0x2015 || c == 0x2500;
}

bool is_newline(char32_t c) {
    return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 || c == 0x2029;
}

bool is_zero_width(char32_t c) {
    return c == 0x200B || c == 0x200C || c == 0x200D || c == 0x2060 || c == 0xFEFF || c == 0x00AD;
}

bool is_horizontal_space(char32_t c) {
    return c == '\t' || (!is_newline(c) && u_isUWhiteSpace(static_cast<UChar32>(c)));
}

bool opens(char32_t c) { return c == '(' || c == '[' || c == '{' || c == '|'; }
bool closes_or_unit(char32_t c) {
    switch (c) {
        case ',': case '.': case ';': case ':': case '!': case '?':
        case ')': case ']': case '}': case '%': case 0x2030: case 0x00B0: case '|':
            return true;
        default:
            return false;
    }
}

// ---------------------------------------------------------------- the pass

enum class Kind : unsigned char { Text, Space, Newline, Dropped };

struct Unit {
    std::size_t src_len;   // bytes of NFKC text
    std::string out;       // replacement; equal to the source bytes when unchanged
    Kind kind;
    char32_t first, last;  // first/last code point of `out` (Text units)
};

// Applies the pass to `in` (NFKC text). Appends to `out`; records edits if given.
void pass(std::string_view in, bool fragment, std::string& out, icu::Edits* edits) {
    HantHans& hh = HantHans::instance();
    std::unordered_map<char32_t, std::string> local;  // this call's share of the cache
    std::vector<Unit> units;
    units.reserve(in.size() / 2 + 1);
    bool quote_open = false;
    for (std::size_t i = 0; i < in.size();) {
        const CodePoint cp = decode_at(in, i);
        const char32_t c = cp.value;
        Unit u{cp.length, {}, Kind::Text, c, c};
        if (c == '\r' && i + 1 < in.size() && in[i + 1] == '\n') {
            u = {2, "\n", Kind::Newline, '\n', '\n'};
        } else if (is_newline(c)) {
            u = {cp.length, "\n", Kind::Newline, '\n', '\n'};
        } else if (is_zero_width(c)) {
            u.kind = Kind::Dropped;
        } else if (is_horizontal_space(c)) {
            u = {cp.length, " ", Kind::Space, ' ', ' '};
        } else {
            char32_t r = c;
            switch (c) {
                case U'「': r = U'“'; break;
                case U'」': r = U'”'; break;
                case U'『': r = U'‘'; break;
                case U'』': r = U'’'; break;
                case U'"':
                    r = quote_open ? U'”' : U'“';
                    quote_open = !quote_open;
                    break;
                default: break;
            }
            if (r != c) {
                append_utf8(u.out, r);
                u.first = u.last = r;
            } else if (c >= 0x3400 && hh.affects(c)) {
                auto it = local.find(c);
                if (it == local.end()) it = local.emplace(c, hh.map(c)).first;
                u.out = it->second;
                if (!u.out.empty()) {
                    u.first = decode_at(u.out, 0).value;
                    std::size_t k = u.out.size() - 1;
                    while (k > 0 && (static_cast<unsigned char>(u.out[k]) & 0xC0) == 0x80) --k;
                    u.last = decode_at(u.out, k).value;
                }
            } else {
                u.out.assign(in.data() + i, cp.length);
            }
        }
        if (u.kind == Kind::Newline) quote_open = false;
        i += u.src_len;
        units.push_back(std::move(u));
    }

    // Space runs (dropped units inside a run are transparent).
    for (std::size_t i = 0; i < units.size();) {
        if (units[i].kind != Kind::Space) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < units.size() && (units[j].kind == Kind::Space || units[j].kind == Kind::Dropped)) ++j;
        std::size_t l = i;
        while (l > 0 && units[l - 1].kind == Kind::Dropped) --l;
        const Unit* left = l > 0 ? &units[l - 1] : nullptr;
        const Unit* right = j < units.size() ? &units[j] : nullptr;
        bool remove = false;
        if ((!left && !fragment) || (!right && !fragment)) remove = true;
        if (left && left->kind == Kind::Newline) remove = true;
        if (right && right->kind == Kind::Newline) remove = true;
        if (left && left->kind == Kind::Text && (is_cjk(left->last) || opens(left->last))) remove = true;
        if (right && right->kind == Kind::Text && (is_cjk(right->first) || closes_or_unit(right->first)))
            remove = true;
        bool kept = false;
        for (std::size_t k = i; k < j; ++k) {
            if (units[k].kind != Kind::Space) continue;
            if (!remove && !kept) {
                kept = true;  // out stays " "
            } else {
                units[k].out.clear();
            }
        }
        i = j;
    }

    std::size_t src = 0;
    for (const Unit& u : units) {
        const std::string_view before = in.substr(src, u.src_len);
        if (edits) {
            if (before == u.out) edits->addUnchanged(static_cast<int32_t>(u.src_len));
            else edits->addReplace(static_cast<int32_t>(u.src_len), static_cast<int32_t>(u.out.size()));
        }
        out += u.out;
        src += u.src_len;
    }
}

// Ill-formed bytes -> U+FFFD (one per byte), recording the change if asked.
std::string sanitise(std::string_view in, icu::Edits* edits) {
    std::string out;
    out.reserve(in.size() + 8);
    std::size_t unchanged = 0;
    for (std::size_t i = 0; i < in.size();) {
        const auto* p = reinterpret_cast<const unsigned char*>(in.data()) + i;
        const std::size_t len = utf8_sequence_length(p, in.size() - i);
        if (len == 0) {
            if (edits && unchanged) edits->addUnchanged(static_cast<int32_t>(unchanged));
            unchanged = 0;
            if (edits) edits->addReplace(1, 3);
            out += "\xEF\xBF\xBD";
            ++i;
        } else {
            out.append(in.data() + i, len);
            unchanged += len;
            i += len;
        }
    }
    if (edits && unchanged) edits->addUnchanged(static_cast<int32_t>(unchanged));
    return out;
}

const icu::Normalizer2& nfkc() {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(status);
    if (U_FAILURE(status) || !n) throw std::runtime_error("ICU NFKC data is not available");
    return *n;
}

// Inputs must fit icu::Edits' int32 lengths even after NFKC expansion.
constexpr std::size_t kMaxNormaliseBytes = std::size_t{256} << 20;

}  // namespace

// ---------------------------------------------------------------- NormalisedText

struct Segment {
    std::size_t src, src_len;  // original bytes
    std::size_t dst, dst_len;  // normalised bytes
    bool changed;
};

struct NormalisedText::Impl {
    std::string original;
    std::string normalised;
    std::size_t cp_count = 0;
    std::vector<std::size_t> checkpoints;  // byte offset of code point 64*k
    std::vector<Segment> segments;         // in order; dst and src both non-decreasing

    static constexpr std::size_t kStride = 64;

    std::size_t byte_of_cp(std::size_t cp) const {
        if (cp >= cp_count) return original.size();
        std::size_t b = checkpoints[cp / kStride];
        for (std::size_t k = cp % kStride; k > 0; --k) b += decode_at(original, b).length;
        return b;
    }
    // Code point index of the code point holding byte b (b < size), or cp_count at the end.
    std::size_t cp_floor(std::size_t b) const {
        if (b >= original.size()) return cp_count;
        const auto it = std::upper_bound(checkpoints.begin(), checkpoints.end(), b);
        std::size_t k = static_cast<std::size_t>(it - checkpoints.begin()) - 1;
        std::size_t cp = k * kStride;
        std::size_t at = checkpoints[k];
        for (;;) {
            const std::size_t next = at + decode_at(original, at).length;
            if (next > b) return cp;
            at = next;
            ++cp;
        }
    }
    std::size_t cp_ceil(std::size_t b) const {
        const std::size_t cp = cp_floor(b);
        return cp < cp_count && byte_of_cp(cp) < b ? cp + 1 : cp;
    }

    // The segment holding normalised byte p (p < normalised.size()).
    const Segment& by_dst(std::size_t p) const {
        auto it = std::upper_bound(segments.begin(), segments.end(), p,
                                   [](std::size_t v, const Segment& s) { return v < s.dst; });
        --it;
        while (it->dst_len == 0 || it->dst + it->dst_len <= p) ++it;  // defensive
        return *it;
    }
    // The segment holding original byte p (p < original.size()).
    const Segment& by_src(std::size_t p) const {
        auto it = std::upper_bound(segments.begin(), segments.end(), p,
                                   [](std::size_t v, const Segment& s) { return v < s.src; });
        --it;
        while (it->src_len == 0 || it->src + it->src_len <= p) ++it;
        return *it;
    }
};

NormalisedText::NormalisedText(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
NormalisedText::NormalisedText(NormalisedText&&) noexcept = default;
NormalisedText& NormalisedText::operator=(NormalisedText&&) noexcept = default;
NormalisedText::~NormalisedText() = default;

const std::string& NormalisedText::original() const { return impl_->original; }
const std::string& NormalisedText::normalised() const { return impl_->normalised; }
std::size_t NormalisedText::original_length() const { return impl_->cp_count; }

OriginalSpan NormalisedText::to_original(NormalisedSpan span) const {
    const Impl& m = *impl_;
    const std::size_t n = m.normalised.size();
    const std::size_t end = std::min(span.end, n);
    const std::size_t begin = std::min(span.begin, end);
    if (begin == end) {
        // The place just before the original text that produced normalised byte `begin`
        // (after anything deleted there); the end of the original at the end.
        if (begin == n) return {m.cp_count, m.cp_count};
        const Segment& s = m.by_dst(begin);
        const std::size_t b = s.changed ? s.src : s.src + (begin - s.dst);
        const std::size_t cp = m.cp_floor(b);
        return {cp, cp};
    }
    const Segment& first = m.by_dst(begin);
    const Segment& last = m.by_dst(end - 1);
    const std::size_t b = first.changed ? first.src : first.src + (begin - first.dst);
    const std::size_t e = last.changed ? last.src + last.src_len : last.src + (end - last.dst);
    return {m.cp_floor(b), m.cp_ceil(e)};
}

NormalisedSpan NormalisedText::to_normalised(OriginalSpan span) const {
    const Impl& m = *impl_;
    const std::size_t end_cp = std::min(span.end, m.cp_count);
    const std::size_t start_cp = std::min(span.start, end_cp);
    const std::size_t b = m.byte_of_cp(start_cp);
    const std::size_t e = m.byte_of_cp(end_cp);
    const std::size_t size = m.original.size();
    auto start_of = [&](std::size_t p) -> std::size_t {
        if (p >= size) return m.normalised.size();
        const Segment& s = m.by_src(p);
        return s.changed ? s.dst : s.dst + (p - s.src);
    };
    if (b == e) {
        const std::size_t p = start_of(b);
        return {p, p};
    }
    const Segment& last = m.by_src(e - 1);
    const std::size_t end = last.changed ? last.dst + last.dst_len : last.dst + (e - last.src);
    return {start_of(b), end};
}

std::string NormalisedText::original_slice(OriginalSpan span) const {
    const std::size_t end_cp = std::min(span.end, impl_->cp_count);
    const std::size_t start_cp = std::min(span.start, end_cp);
    const std::size_t b = impl_->byte_of_cp(start_cp);
    return impl_->original.substr(b, impl_->byte_of_cp(end_cp) - b);
}

NormalisedText normalise(std::string original) {
    if (original.size() > kMaxNormaliseBytes)
        throw std::length_error("metrex::text::normalise: text larger than 256 MiB");
    auto impl = std::make_unique<NormalisedText::Impl>();
    impl->original = std::move(original);
    const std::string& o = impl->original;

    // Code point checkpoints.
    impl->checkpoints.reserve(o.size() / (3 * NormalisedText::Impl::kStride) + 2);
    std::size_t cps = 0;
    for (std::size_t i = 0; i < o.size(); ++cps) {
        if (cps % NormalisedText::Impl::kStride == 0) impl->checkpoints.push_back(i);
        i += decode_at(o, i).length;
    }
    if (impl->checkpoints.empty()) impl->checkpoints.push_back(0);
    impl->cp_count = cps;

    UErrorCode status = U_ZERO_ERROR;
    icu::Edits total;
    std::string nfkc_text;
    {
        icu::Edits e0;
        const bool well_formed = detail::utf8_invalid_at(o) == std::string_view::npos;
        const std::string clean = well_formed ? std::string() : sanitise(o, &e0);
        const std::string& src = well_formed ? o : clean;
        icu::Edits e1;
        icu::StringByteSink<std::string> sink(&nfkc_text, static_cast<int32_t>(src.size()));
        nfkc().normalizeUTF8(0, icu::StringPiece(src.data(), static_cast<int32_t>(src.size())), sink,
                             &e1, status);
        if (U_FAILURE(status))
            throw std::runtime_error(std::string("metrex::text::normalise: NFKC failed: ") +
                                     u_errorName(status));
        if (well_formed) total = std::move(e1);
        else total.mergeAndAppend(e0, e1, status);
    }
    icu::Edits e2;
    pass(nfkc_text, false, impl->normalised, &e2);
    icu::Edits merged;
    merged.mergeAndAppend(total, e2, status);
    if (U_FAILURE(status))
        throw std::runtime_error(std::string("metrex::text::normalise: edit merge failed: ") +
                                 u_errorName(status));

    auto it = merged.getFineIterator();
    while (it.next(status)) {
        impl->segments.push_back({static_cast<std::size_t>(it.sourceIndex()),
                                  static_cast<std::size_t>(it.oldLength()),
                                  static_cast<std::size_t>(it.destinationIndex()),
                                  static_cast<std::size_t>(it.newLength()), it.hasChange() != 0});
    }
    if (impl->segments.empty()) impl->segments.push_back({0, 0, 0, 0, false});
    return NormalisedText(std::move(impl));
}

std::string normalise_fragment(std::string_view text) {
    const std::string clean = sanitise(text, nullptr);
    UErrorCode status = U_ZERO_ERROR;
    std::string nfkc_text;
    icu::StringByteSink<std::string> sink(&nfkc_text, static_cast<int32_t>(clean.size()));
    nfkc().normalizeUTF8(0, icu::StringPiece(clean.data(), static_cast<int32_t>(clean.size())), sink,
                         nullptr, status);
    if (U_FAILURE(status))
        throw std::runtime_error(std::string("metrex::text::normalise_fragment: NFKC failed: ") +
                                 u_errorName(status));
    std::string out;
    pass(nfkc_text, true, out, nullptr);
    return out;
}

}  // namespace metrex::text
