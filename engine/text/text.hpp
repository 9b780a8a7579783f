// metrex text: bytes -> Unicode text -> the normalised text rules are matched against,
// with every normalised position mapped back to the original.
//
// Contract
//   load_document(path) / decode(bytes): detects and decodes UTF-8 (with or without BOM),
//   UTF-16/32 (BOM), GB18030/GBK (ICU charset detection + converters), or the encoding the
//   caller names. Converters stop at the first illegal or unmapped byte sequence: bad
//   input is "undecodable" with the byte offset in the message, never replacement
//   characters. Without a BOM: valid UTF-8 is UTF-8; otherwise only the detector's
//   confident multi-byte verdict (Big5, EUC-KR, Shift_JIS, BOM-less UTF-16 ...) and then
//   GB18030 are tried; single-byte charsets only when named. Short BOM-less non-GB input
//   may be taken for GB18030: name its encoding.
//   `.html`/`.htm` files go through an HTML parser (gumbo; charset from options, BOM,
//   <meta>, then detection; head/title, script, style, noscript, nav, hidden elements
//   dropped; block elements become line breaks, paragraphs blank lines; table rows one
//   per line with cells joined by " | "); `.pdf` files through poppler (pages in order,
//   joined by '\n'; wrapped paragraph lines re-joined unless options say otherwise;
//   locked or broken files are "bad-pdf"). The result is the *original text*: UTF-8,
//   the reference every record's offsets point into. Failure is a value
//   (`Loaded::error`), never an exception. Error codes: "not-found", "unreadable",
//   "too-large", "unknown-encoding", "undecodable", "bad-html", "bad-pdf".
//
//   normalise(original) produces the *normalised text*: NFKC (full-width digits, letters
//   and punctuation become ASCII: ，-> ,  （ -> (  ５ -> 5; 。、《》“”‘’〔〕【】 stay),
//   traditional -> simplified (ICU Hant-Hans, one character at a time; 著乾於藉瞭 kept),
//   every kind of space (NBSP, en space, ideographic space, tab) -> ' ', runs of spaces
//   collapsed, spaces next to CJK text, at a line end, around '|', after an opening
//   bracket or before closing punctuation or a unit sign ("58 件", "96.5 %", "a ,")
//   removed ("1 261" and "IE 9" keep theirs), 「」『』 and
//   straight quotes unified to “” ‘’ (straight ones alternate within a line), zero-width
//   characters dropped, CRLF/CR and Unicode line separators -> '\n'.
//   NormalisedText maps both ways between normalised UTF-8 byte offsets and original
//   code point offsets (built from icu::Edits), so that for every span a rule matches,
//   original[start:end] is the corresponding original text. A span that starts or ends
//   inside a multi-character replacement (㍿ -> 株式会社, CRLF -> \n) is widened to the
//   whole replacement; deleted characters (removed spaces) at the edges of a span are not
//   part of its image. An empty span is a place: it maps to the place just before the
//   text that produced the next character (after anything deleted there). Ill-formed
//   UTF-8 in the original counts one code point per bad byte (U+FFFD when normalised).
//   Limit: the original must be under 256 MiB (std::length_error otherwise; loaders cap
//   input at LoadOptions::max_bytes, 64 MiB by default).
//
//   normalise_fragment(s) applies the same character transformations to a rule literal,
//   so rules written with full-width punctuation or traditional characters still match.
//   The ends of a fragment are not line ends (spaces there stay unless CJK is next).
//
// Thread safety: all functions are reentrant; a NormalisedText is immutable after
// construction and may be read from many threads. The Hant-Hans transliterator is
// created once per process and shared under a lock (results cached per character).
//
// Example
//   auto doc = metrex::text::normalise("收到行政復議申請１６９件");
//   doc.normalised();                  // "收到行政复议申请169件"
//   doc.to_original({0, doc.normalised().size()});  // {0, 12} code points
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace metrex::text {

struct LoadOptions {
    std::string encoding;                     // empty: detect; else an ICU converter name
    std::size_t max_bytes = 64u * 1024 * 1024;  // larger inputs are an error, not a crash
    // PDF only: join a line that runs to the full text width and does not end a sentence
    // with the next line of the same page (undoes the PDF's paragraph wrapping).
    bool reflow_pdf_lines = true;
};

struct LoadError {
    std::string code;     // "not-found", "too-large", "undecodable", "bad-html", "bad-pdf" ...
    std::string message;  // plain words, e.g. "invalid GB18030 byte sequence at byte 1234"
};

struct Loaded {
    std::string text;      // original text, UTF-8 (BOM removed)
    std::string encoding;  // what was detected or used, e.g. "UTF-8", "GB18030", "UTF-16LE"
    std::string format;    // "text", "html", "pdf"
    std::optional<LoadError> error;  // set: `text` is empty and must not be used
};

// Decodes raw bytes of plain text.
Loaded decode(std::string_view bytes, const LoadOptions& options = {});
// Reads a file and dispatches on its extension (.html/.htm, .pdf, anything else: text).
Loaded load_document(const std::filesystem::path& path, const LoadOptions& options = {});
// Text content of an HTML document given as bytes (decoded per <meta charset> or detection).
Loaded html_to_text(std::string_view bytes, const LoadOptions& options = {});
// Text content of a PDF document given as bytes.
Loaded pdf_to_text(std::string_view bytes, const LoadOptions& options = {});

// A span of code points in the original text, end exclusive.
struct OriginalSpan {
    std::size_t start = 0;
    std::size_t end = 0;
};

// A span of bytes in the normalised UTF-8 text, end exclusive.
struct NormalisedSpan {
    std::size_t begin = 0;
    std::size_t end = 0;
};

class NormalisedText {
public:
    NormalisedText(NormalisedText&&) noexcept;
    NormalisedText& operator=(NormalisedText&&) noexcept;
    ~NormalisedText();
    // Copying is deleted: the offset tables can be large and are never needed twice.
    NormalisedText(const NormalisedText&) = delete;
    NormalisedText& operator=(const NormalisedText&) = delete;

    const std::string& original() const;
    const std::string& normalised() const;
    std::size_t original_length() const;  // in code points

    // The smallest original span that produced the normalised span. An empty
    // normalised span maps to an empty original span at the corresponding place.
    OriginalSpan to_original(NormalisedSpan span) const;
    // The normalised span that an original span turned into (inverse direction).
    NormalisedSpan to_normalised(OriginalSpan span) const;
    // original[start:end] as UTF-8.
    std::string original_slice(OriginalSpan span) const;

private:
    friend NormalisedText normalise(std::string original);
    struct Impl;
    explicit NormalisedText(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

NormalisedText normalise(std::string original);

// The same character transformations as normalise(), for rule literals and examples.
std::string normalise_fragment(std::string_view text);

}  // namespace metrex::text
