// metrex segment: the structure of a normalised report: sections, sentences, clauses.
//
// Contract
//   Input: normalised text (engine/text). Output: byte ranges into that same text.
//   * Headings are recognised by their numbering, at the start of a line or a sentence:
//       level 1  一、  十二、               (also: a short line with no sentence-ending
//                                            punctuation and no number, e.g. a news
//                                            article's cross-heading)
//       level 2  (一)  (十二)
//       level 3  1.  1、  12.  (1)  ①
//       level 4  一是  二是 … (a sentence that opens with 一是 …: the heading text runs to
//                the first 。 or ; of that sentence)
//     A heading opens a section that lasts until the next heading of the same or a
//     higher (smaller) level. The heading *text* is the numbering plus its title, up to
//     the end of the line or the first 。 when the title runs on into body text
//     ("一、坚持党的领导,加强法治政府建设的统筹部署。一是…").
//   * Which numbered openings count:
//       - at the start of a line, levels 1-3 always; "1.1", "2022年", "1、2、3",
//         "一、二、三季度" are not numberings.
//       - at the start of a later sentence of a line, levels 2-4 only, and only when
//         they continue an enumeration: number 1, or number n right after n-1 of the
//         same level under the same parent. 一是 … obeys this everywhere, so the list
//         in "不足之处:一是…。二是…。" (its 一是 follows a ':') gives no headings.
//       - a 一是 item ends with its paragraph (the sentences after it in the line),
//         unless its line is nothing but a bare title without 。.
//   * Unnumbered headings (level 1) are recognised only in a document with no numbered
//     level-1 heading, for a line that
//       - has at most 40 characters, at least 6 CJK ideographs, and CJK for at least
//         two thirds of its non-space characters,
//       - holds no 。 ! ? : ; 【 】 | / or other ASCII punctuation besides , ( ) -,
//         and does not end in , or 、,
//       - has a prose line (one with a 。 and 8+ CJK ideographs) as the nearest
//         non-blank line both before and after it.
//     The last rule keeps out the document title, bylines, dates, signatures and page
//     furniture ("扫一扫在手机打开当前页", "【打印本页】", "首页 / 信息公开 / …"), which
//     sit next to other short lines. The title is therefore not a heading: text before
//     the first heading has section -1.
//   * Sentences end at 。 ! ? and line breaks (a closing quote or bracket right after the
//     terminator stays in the sentence). ';' ends a clause, not a sentence. '.' never
//     ends a sentence (it is a decimal point). No break inside 《…》; inside “…” only
//     where the terminator closes the quote (“…。” ends the sentence after the ”).
//   * Clauses end at , ; : and sentence ends, but not inside 《》 “” () 〔〕 【】 pairs
//     matched on the same line, and not at ',' or ':' between two digits (13:41).
//   Spaces after a sentence or clause end belong to the sentence or clause they follow.
//   Every byte of the text belongs to exactly one sentence (blank lines, including lines
//   of spaces, give empty sentences that are dropped; line breaks belong to none),
//   sentences are in text order, and each sentence records the innermost section that
//   holds it (-1 before the first heading).
//   Cost: linear in the text; brackets are paired per line with a bounded search.
//
// What it does not do: decide what is boilerplate or a plan; rules do that.
// Thread safety: pure function.
//
// Example
//   auto s = metrex::segment::segment("一、总体情况\n收到申请169件,受理138件。");
//   // s.sections[0].title == "一、总体情况"; s.sentences[1].clauses.size() == 2
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace metrex::segment {

struct Range {
    std::size_t begin = 0;  // bytes into the normalised text
    std::size_t end = 0;    // exclusive
    bool contains(std::size_t pos) const { return begin <= pos && pos < end; }
};

struct Section {
    Range heading;       // the heading text (numbering + title)
    Range body;          // from the heading's start to the section's end (incl. subsections)
    int level = 1;       // 1 (一、) .. 4 (一是)
    int parent = -1;     // index into Segmentation::sections, -1 for top level
    std::string title;   // heading text, copied for convenience
};

struct Sentence {
    Range range;                 // without trailing line break
    std::vector<Range> clauses;  // in order, covering the sentence
    int section = -1;            // innermost section holding this sentence
    bool is_heading = false;     // the sentence is (or starts with) a section heading
};

struct Segmentation {
    std::vector<Section> sections;
    std::vector<Sentence> sentences;

    // Index of the sentence holding byte `pos`, or -1.
    int sentence_at(std::size_t pos) const;
    // Heading path of a section, outermost first.
    std::vector<std::string> section_path(int section) const;
};

Segmentation segment(std::string_view normalised);

// Canonical dump of the section tree: one title per line, indented two spaces per level
// of nesting (by parent, not by numbering level).
std::string outline(const Segmentation& segmentation);

}  // namespace metrex::segment
