// metrex text: bytes -> Unicode text -> the normalised text rules are matched against,
// with every normalised position mapped back to the original.
//
// Contract
//   load_document(path) / decode(bytes): detects and decodes UTF-8 (with or without BOM),
//   UTF-16 (BOM), GB18030/GBK (ICU charset detection + converters), or the encoding the
//   caller names. `.html`/`.htm` files go through an HTML parser (gumbo: block elements
//   become line breaks, script/style dropped); `.pdf` files through poppler (pages in
//   order). The result is the *original text*: UTF-8, the reference every record's
//   offsets point into. Failure is a value (`Loaded::error`), never an exception.
//
//   normalise(original) produces the *normalised text*: NFKC (full-width digits, letters
//   and punctuation become ASCII: ，-> ,  （ -> (  ５ -> 5), traditional -> simplified
//   (ICU Hant-Hans), every kind of space (NBSP, en space, ideographic space) -> ' ',
//   spaces that sit next to CJK text or inside a quantity ("58 件", "96.5 %") removed,
//   「」『』 and straight quotes unified to “” ‘’, line breaks kept as '\n'.
//   NormalisedText maps both ways between normalised UTF-8 byte offsets and original
//   code point offsets (built from icu::Edits), so that for every span a rule matches,
//   original[start:end] is the corresponding original text.
//
//   normalise_fragment(s) applies the same character transformations to a rule literal,
//   so rules written with full-width punctuation or traditional characters still match.
//
// Thread safety: all functions are reentrant; a NormalisedText is immutable after
// construction and may be read from many threads.
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
