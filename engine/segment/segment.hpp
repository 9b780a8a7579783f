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
//   * Sentences end at 。 ! ? and line breaks (a closing quote or bracket right after the
//     terminator stays in the sentence). ';' ends a clause, not a sentence.
//   * Clauses end at , ; : and sentence ends.
//   Every byte of the text belongs to exactly one sentence (blank lines give empty-range
//   sentences that are dropped), sentences are in text order, and each sentence records
//   the innermost section that holds it (-1 before the first heading).
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

}  // namespace metrex::segment
