// Tested by tests/unit/text_test.cpp
//
// Bytes -> original text (UTF-8). Order of decisions:
//   1. options.encoding, when given, is the only encoding tried (unknown name:
//      "unknown-encoding").
//   2. A byte order mark decides: UTF-8, UTF-16LE/BE, UTF-32LE/BE, GB18030.
//   3. Valid UTF-8 is UTF-8 (unless it holds NUL bytes and ICU's detector is sure it is
//      BOM-less UTF-16/32).
//   4. Otherwise ICU's charset detector ranks candidates. Only multi-byte encodings are
//      accepted without being named, and only two are tried: the detector's top
//      candidate when it is Big5, EUC-KR, Shift_JIS, EUC-JP, ISO-2022-* or BOM-less
//      UTF-16/32 with confidence >= 30, then GB18030 (Chinese legacy text is nearly
//      always GB2312/GBK, both subsets of GB18030). Nothing else is tried after GB18030
//      fails: Big5's converter accepts almost any GB byte string, so a GB file with one
//      bad byte would come out as mojibake. Short BOM-less Big5 or UTF-16 text can be
//      mistaken for GB18030; name the encoding for such input.
//      Single-byte charsets (Latin-1, windows-125x, KOI8 ...)
//      decode any byte string, so garbage would never be an error; they are used only
//      when named through options.encoding.
// Every converter stops at the first illegal or unmapped sequence (UCNV_TO_U_CALLBACK_
// STOP): a garbage file is "undecodable" with the byte offset, never replacement chars.
#include "engine/text/text.hpp"
#include "engine/text/text_internal.hpp"

#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstring>
#include <fstream>
#include <memory>
#include <optional>
#include <system_error>

namespace metrex::text {
namespace detail {

std::size_t utf8_invalid_at(std::string_view s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    std::size_t i = 0;
    while (i < n) {
        const unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        const std::size_t len = utf8_sequence_length(p + i, n - i);
        if (len == 0) return i;
        i += len;
    }
    return std::string_view::npos;
}

std::size_t utf8_sequence_length(const unsigned char* p, std::size_t avail) {
    const unsigned char c = p[0];
    if (c < 0x80) return 1;
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0) lo = 0xA0;        // no overlongs
        else if (c == 0xED) hi = 0x9F;   // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0) lo = 0x90;
        else if (c == 0xF4) hi = 0x8F;   // <= U+10FFFF
    } else {
        return 0;
    }
    if (avail < len) return 0;
    if (p[1] < lo || p[1] > hi) return 0;
    for (std::size_t k = 2; k < len; ++k)
        if ((p[k] & 0xC0) != 0x80) return 0;
    return len;
}

namespace {

struct ConverterCloser {
    void operator()(UConverter* c) const { ucnv_close(c); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterCloser>;

struct DetectorCloser {
    void operator()(UCharsetDetector* d) const { ucsdet_close(d); }
};

// UTF-8 output of a strict conversion, or the byte offset and kind of the first problem.
struct Converted {
    bool ok = false;
    std::string text;
    std::size_t bad_offset = 0;
    bool truncated = false;
};

void append_utf16_as_utf8(std::string& out, const char16_t* s, std::size_t n) {
    std::size_t i = 0;
    while (i < n) {
        char32_t c = s[i++];
        if (c >= 0xD800 && c <= 0xDBFF && i < n && s[i] >= 0xDC00 && s[i] <= 0xDFFF) {
            c = 0x10000 + ((c - 0xD800) << 10) + (s[i++] - 0xDC00);
        }
        append_utf8(out, c);
    }
}

Converted convert(std::string_view bytes, UConverter* cnv) {
    Converted result;
    UErrorCode status = U_ZERO_ERROR;
    ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
    if (U_FAILURE(status)) return result;

    // UTF-16 output never needs more units than input bytes for the converters we meet;
    // the loop still grows the buffer if one does.
    std::u16string buffer(bytes.size() + 16, u'\0');
    const char* src = bytes.data();
    const char* const src_end = bytes.data() + bytes.size();
    std::size_t produced = 0;
    for (;;) {
        UChar* target = buffer.data() + produced;
        UChar* const target_limit = buffer.data() + buffer.size();
        status = U_ZERO_ERROR;
        ucnv_toUnicode(cnv, &target, target_limit, &src, src_end, nullptr, true, &status);
        produced = static_cast<std::size_t>(target - buffer.data());
        if (status == U_BUFFER_OVERFLOW_ERROR) {
            buffer.resize(buffer.size() * 2);
            continue;
        }
        break;
    }
    if (U_FAILURE(status)) {
        char bad[64];
        int8_t bad_len = sizeof bad;
        UErrorCode s2 = U_ZERO_ERROR;
        ucnv_getInvalidChars(cnv, bad, &bad_len, &s2);
        const auto consumed = static_cast<std::size_t>(src - bytes.data());
        const std::size_t back = U_SUCCESS(s2) ? static_cast<std::size_t>(bad_len) : 0;
        result.bad_offset = consumed >= back ? consumed - back : 0;
        result.truncated = status == U_TRUNCATED_CHAR_FOUND;
        return result;
    }
    // ICU's UTF-16/32 converters report unpaired surrogates as illegal, so the
    // output is well-formed UTF-16 here.
    result.text.reserve(produced + produced / 2);
    append_utf16_as_utf8(result.text, buffer.data(), produced);
    result.ok = true;
    return result;
}

std::string describe(const Converted& c, std::string_view encoding) {
    std::string m = c.truncated ? "truncated " : "invalid ";
    m += encoding;
    m += " byte sequence at byte ";
    m += std::to_string(c.bad_offset);
    if (c.truncated) m += " (end of input)";
    return m;
}

ConverterPtr open_converter(const std::string& name) {
    UErrorCode status = U_ZERO_ERROR;
    ConverterPtr cnv(ucnv_open(name.c_str(), &status));
    if (U_FAILURE(status)) return nullptr;
    return cnv;
}

Loaded success(std::string text, std::string encoding) {
    // A BOM the converter kept (e.g. "UTF-16LE" named explicitly) is not text.
    if (text.size() >= 3 && static_cast<unsigned char>(text[0]) == 0xEF &&
        static_cast<unsigned char>(text[1]) == 0xBB && static_cast<unsigned char>(text[2]) == 0xBF)
        text.erase(0, 3);
    Loaded out;
    out.text = std::move(text);
    out.encoding = std::move(encoding);
    out.format = "text";
    return out;
}

struct Match {
    std::string name;
    int confidence = 0;
};

std::vector<Match> detect(std::string_view bytes) {
    std::vector<Match> matches;
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<UCharsetDetector, DetectorCloser> det(ucsdet_open(&status));
    if (U_FAILURE(status)) return matches;
    // The detector's statistics settle long before this; it also keeps the cost bounded.
    const std::size_t n = std::min<std::size_t>(bytes.size(), 1u << 20);
    ucsdet_setText(det.get(), bytes.data(), static_cast<int32_t>(n), &status);
    int32_t count = 0;
    const UCharsetMatch** all = ucsdet_detectAll(det.get(), &count, &status);
    if (U_FAILURE(status)) return matches;
    for (int32_t i = 0; i < count; ++i) {
        UErrorCode s = U_ZERO_ERROR;
        const char* name = ucsdet_getName(all[i], &s);
        const int32_t conf = ucsdet_getConfidence(all[i], &s);
        if (U_SUCCESS(s) && name) matches.push_back({name, conf});
    }
    return matches;
}

bool is_gb(const std::string& name) {
    std::string u = name;
    for (auto& ch : u) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    return u.rfind("GB", 0) == 0 || u == "EUC-CN" || u == "CP936" || u == "WINDOWS-936";
}

bool is_multibyte_candidate(const std::string& name) {
    static const char* const kNames[] = {"Big5", "EUC-KR", "Shift_JIS", "EUC-JP", "UTF-16LE",
                                         "UTF-16BE", "UTF-32LE", "UTF-32BE", "ISO-2022-CN",
                                         "ISO-2022-JP", "ISO-2022-KR"};
    return std::any_of(std::begin(kNames), std::end(kNames),
                       [&](const char* k) { return name == k; });
}

Converted convert_named(std::string_view bytes, const std::string& name) {
    auto cnv = open_converter(name);
    if (!cnv) return {};
    return convert(bytes, cnv.get());
}

// Decodes by byte order mark; nullopt when there is none.
std::optional<Loaded> decode_with_bom(std::string_view bytes) {
    auto starts = [&](std::initializer_list<unsigned char> prefix) {
        if (bytes.size() < prefix.size()) return false;
        std::size_t i = 0;
        for (unsigned char c : prefix)
            if (static_cast<unsigned char>(bytes[i++]) != c) return false;
        return true;
    };
    struct Bom {
        std::initializer_list<unsigned char> bytes;
        const char* encoding;
    };
    // Longest first: FF FE 00 00 is UTF-32LE, not UTF-16LE.
    const Bom boms[] = {{{0x00, 0x00, 0xFE, 0xFF}, "UTF-32BE"}, {{0xFF, 0xFE, 0x00, 0x00}, "UTF-32LE"},
                        {{0x84, 0x31, 0x95, 0x33}, "GB18030"},  {{0xEF, 0xBB, 0xBF}, "UTF-8"},
                        {{0xFE, 0xFF}, "UTF-16BE"},             {{0xFF, 0xFE}, "UTF-16LE"}};
    for (const auto& bom : boms) {
        if (!starts(bom.bytes)) continue;
        const std::size_t skip = bom.bytes.size();
        const std::string_view body = bytes.substr(skip);
        const std::string encoding = bom.encoding;
        if (encoding == "UTF-8") {
            const std::size_t bad = utf8_invalid_at(body);
            if (bad != std::string_view::npos)
                return failure("undecodable", "invalid UTF-8 byte sequence at byte " +
                                                  std::to_string(bad + skip));
            return success(std::string(body), encoding);
        }
        Converted c = convert_named(body, encoding);
        if (!c.ok) {
            c.bad_offset += skip;
            return failure("undecodable", describe(c, encoding));
        }
        return success(std::move(c.text), encoding);
    }
    return std::nullopt;
}

}  // namespace
}  // namespace detail

Loaded decode(std::string_view bytes, const LoadOptions& options) {
    using namespace detail;
    if (bytes.size() > options.max_bytes)
        return failure("too-large", "input is " + std::to_string(bytes.size()) +
                                        " bytes, more than the limit of " +
                                        std::to_string(options.max_bytes));
    if (bytes.size() > static_cast<std::size_t>(INT32_MAX / 2))
        return failure("too-large", "input is " + std::to_string(bytes.size()) +
                                        " bytes, more than 1 GiB");

    if (!options.encoding.empty()) {
        auto cnv = open_converter(options.encoding);
        if (!cnv) return failure("unknown-encoding", "unknown encoding '" + options.encoding + "'");
        std::string_view body = bytes;
        const bool utf8 = ucnv_getType(cnv.get()) == UCNV_UTF8;
        if (utf8) {
            // Checked here rather than by ICU so the message matches the detected case.
            const std::size_t bad = utf8_invalid_at(body);
            if (bad != std::string_view::npos)
                return failure("undecodable", "invalid " + options.encoding +
                                                  " byte sequence at byte " + std::to_string(bad));
            return success(std::string(body), options.encoding);
        }
        Converted c = convert(body, cnv.get());
        if (!c.ok) return failure("undecodable", describe(c, options.encoding));
        return success(std::move(c.text), options.encoding);
    }

    if (auto bom = decode_with_bom(bytes)) return std::move(*bom);

    const std::size_t utf8_bad = utf8_invalid_at(bytes);
    const std::vector<Match> matches = utf8_bad == std::string_view::npos &&
                                               bytes.find('\0') == std::string_view::npos
                                           ? std::vector<Match>{}
                                           : detect(bytes);
    if (utf8_bad == std::string_view::npos) {
        // NUL bytes in "valid UTF-8" are usually BOM-less UTF-16/32 of ASCII-heavy text.
        for (const auto& m : matches) {
            if (m.confidence >= 50 && m.name.rfind("UTF-", 0) == 0 && m.name != "UTF-8") {
                Converted c = convert_named(bytes, m.name);
                if (c.ok) return success(std::move(c.text), m.name);
            }
        }
        return success(std::string(bytes), "UTF-8");
    }

    std::vector<std::string> order;
    const Match* top = matches.empty() ? nullptr : &matches.front();
    if (top && !is_gb(top->name) && is_multibyte_candidate(top->name) && top->confidence >= 30)
        order.push_back(top->name);
    // Nothing after GB18030: a GB file with one bad byte must be an error, not Big5
    // mojibake (windows-950 decodes nearly any GB byte string).
    order.push_back("GB18030");

    std::string why = "neither UTF-8 nor GB18030: invalid UTF-8 byte sequence at byte " +
                      std::to_string(utf8_bad);
    for (const auto& name : order) {
        Converted c = convert_named(bytes, name);
        if (c.ok) return success(std::move(c.text), name);
        if (name == "GB18030") why += ", " + describe(c, name);
    }
    return failure("undecodable", why);
}

Loaded load_document(const std::filesystem::path& path, const LoadOptions& options) {
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(status))
        return detail::failure("not-found", "no such file: " + path.string());
    if (std::filesystem::is_directory(status))
        return detail::failure("unreadable", "is a directory: " + path.string());
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > options.max_bytes)
        return detail::failure("too-large", "file is " + std::to_string(size) +
                                                " bytes, more than the limit of " +
                                                std::to_string(options.max_bytes));
    std::ifstream in(path, std::ios::binary);
    if (!in) return detail::failure("unreadable", "cannot open " + path.string());
    std::string bytes;
    // Read at most one byte past the limit: files that grow or lie about their size
    // are still bounded.
    const std::size_t cap = options.max_bytes + 1;
    char chunk[1 << 16];
    while (in && bytes.size() < cap) {
        in.read(chunk, static_cast<std::streamsize>(std::min(sizeof chunk, cap - bytes.size())));
        bytes.append(chunk, static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad()) return detail::failure("unreadable", "read error in " + path.string());

    std::string ext = path.extension().string();
    for (auto& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (ext == ".html" || ext == ".htm" || ext == ".xhtml") return html_to_text(bytes, options);
    if (ext == ".pdf") return pdf_to_text(bytes, options);
    return decode(bytes, options);
}

}  // namespace metrex::text
