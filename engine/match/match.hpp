// metrex match: a compiled rule set x one document -> records.
//
// Contract
//   extract(rules, doc_id, text) segments the normalised text (engine/segment), then:
//   1. boilerplate rules mark whole lines (of at most 120 characters: debris is short)
//      as page debris: nothing in them yields indicator, program or document records;
//   2. planned rules mark sentences (applies_to: sentence) or whole sections, found by
//      their heading (applies_to: section), as plans/targets;
//   3. exclusion rules mark spans that are not quantities (dates, document numbers,
//      phone numbers …): a value inside such a span is not claimed by any rule
//      (`applies_to: fields` vetoes field values instead, `all` both);
//   4. indicator, program, document and field rules run sentence by sentence (one pass of
//      the compiled set's prefilter picks the rules that can match a sentence); each match must find one of its
//      `context` expressions and none of its `not_context` expressions in its scope:
//        within: clause    the clause(s) the match spans
//        within: sentence  the sentence, or (for `context` only) its section headings
//        within: section   the whole section the sentence is in, headings included
//      (`not_within:` gives not_context a scope of its own; default: `within`);
//   5. conflicts: two indicator matches whose values overlap, two programs whose names
//      overlap, or two documents whose titles overlap, are resolved by higher `priority`, then the longer
//      match, then the rule defined first; the loser is not emitted. A field name yields
//      one record per document (highest priority, then first in the text);
//   6. change rules (同比上升56.7%) attach a change to the indicator value right before them.
//   分别/均 lists are expanded unless the rule says `lists: false` (it picks its value).
//   An indicator's value is the first typed capture that took part in the match (so
//   `(学法 {count} | {count} 次学习)` works as one rule).
//   A record's text is the whole match, except a field's, which is its value.
//   Records carry original-text offsets (code points) and original text; values derived
//   from captures (value, name, title …) are read from the normalised text.
//   Records come out sorted by start offset, then type.
//
//   trace(...) runs the same steps for one rule and says, for each sentence that
//   mentions the rule's context or that the rule matched, what happened and why.
//
// Thread safety: extract is reentrant; a CompiledRuleSet may be shared across threads.
//
// Example
//   auto doc = metrex::text::normalise(loaded.text);
//   for (const auto& r : metrex::match::extract(*compiled, "kunshan-2021.txt", doc))
//       std::cout << metrex::to_json(r) << '\n';
#pragma once

#include "engine/compile/compile.hpp"
#include "engine/records/records.hpp"
#include "engine/text/text.hpp"

#include <string>
#include <vector>

namespace metrex::match {

std::vector<Record> extract(const compile::CompiledRuleSet& rules, const std::string& doc_id,
                            const text::NormalisedText& text);

// Why a rule did or did not produce a record at one place.
struct TraceEntry {
    enum class Outcome {
        emitted,              // a record was produced
        no_match,             // the sentence mentions the rule's context, but no RE2 match
        context_missing,      // matched, but no context expression in scope
        not_context_present,  // matched, but a not_context expression is in scope
        excluded,             // the value lies in an exclusion span (named by `by_rule`)
        boilerplate,          // the line is page debris
        bad_value,            // the captured quantity did not parse
        lost,                 // another rule claimed the same value or span
    };
    Outcome outcome = Outcome::no_match;
    std::string sentence;       // original text
    std::vector<std::string> section;
    std::string matched;        // original text of the match, when there was one
    std::string value;          // the captured value as written
    std::string by_rule;        // the rule that won / excluded it
    std::string detail;         // plain words: "priority 10 > 0", "found '不予'" …
    std::size_t start = 0;      // original code point offset of the match or sentence
};

const char* to_string(TraceEntry::Outcome outcome);

std::vector<TraceEntry> trace(const compile::CompiledRuleSet& rules, const std::string& rule_id,
                              const text::NormalisedText& text);

}  // namespace metrex::match
