// metrex compile: rule specs -> an immutable, thread-safe compiled rule set (RE2).
//
// Contract
//   compile(rule_set, options, diagnostics) parses every expression of every rule
//   (match, context, not_context) with the grammar, resolves lexicons and capture types,
//   and emits ONE RE2 pattern per expression. Literals are normalised like document text
//   (engine/text normalise_fragment) and quoted, so regex metacharacters in rules are
//   always literal. Every problem is reported at the file:line:col of the offending
//   character in the YAML file; compilation goes on to report all of them.
//
//   Emitted regex, per construct (docs/rule-language.md has the full table):
//     word        literal, RE2::QuoteMeta'd
//     a b         a ' ?' b           (a space in the text between them is tolerated)
//     ~  ~N       [^,;。!?\n]{0,N}?  (within a clause;   N defaults to clause_gap)
//     ~~ ~~N      [^;。!?\n]{0,N}?   (within a sentence; N defaults to sentence_gap)
//     @lex        (?:longest|long|short) words of the lexicon, longest first
//     {count} …   (values::capture_pattern(kind))  a capturing group
//     {name}      ([^,;。!?\n“”《》]{1,name_max}?)  a capturing group
//     {date} {year} {docnum} {han} {digits}      built-in classes (capturing): a date
//                 (2022-03-15, 2022年3月15日), a year, a document number (昆政呈〔2022〕6号),
//                 1..name_max Han characters (lazy), ASCII digits
//     ^ $         the start / end of the sentence being matched
//     {x: e}      (e)                                a capturing group
//
//   Guarantees: matching is linear-time (RE2 only, no backtracking); each pattern is
//   compiled under options.max_mem and a pattern RE2 rejects or that exceeds the budget
//   is a load error naming the rule and its file:line. A CompiledRuleSet is built once
//   and then only read: all its methods are const and safe to call from many threads.
//   Copying is deleted because it owns RE2 objects, which are not copyable and are
//   expensive to rebuild; share it by std::shared_ptr<const CompiledRuleSet>.
//
// Example
//   metrex::Diagnostics diags;
//   auto specs = metrex::rules::load_rules({"rules/"}, diags);
//   auto compiled = metrex::compile::compile(specs, {}, diags);
//   if (diags.error_count() == 0) std::cout << compiled->pattern(0);
#pragma once

#include "engine/diagnostics/diagnostics.hpp"
#include "engine/rules/rules.hpp"

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace metrex::compile {

// Limits (documented in docs/limits.md).
struct CompileOptions {
    std::int64_t max_mem = 8 << 20;      // RE2 memory budget per pattern, bytes
    std::int64_t set_max_mem = 64 << 20;  // budget of the prefilter's set of literal atoms
    int clause_gap = 12;                 // default N of `~`
    int sentence_gap = 40;               // default N of `~~`
    int name_max = 40;                   // longest default named capture, characters
    std::size_t max_expression_length = 4096;
    int max_depth = 32;
};

// What a capturing group of a compiled pattern holds.
struct CaptureInfo {
    std::string name;            // "count", "name", "head", "subject", ...
    bool typed = false;          // a typed quantity ({count} {percent} ...)
    std::string kind;            // values kind when typed ("count", "percent" ...), or the
                                 // built-in class ("date", "han" ...)
    std::string lexicon;         // when the capture's pattern is exactly one @lexicon
    std::vector<std::string> measure_words;  // {count: 件|宗}: the allowed words (normalised)
};

// A half-open byte range into the searched text; begin == npos when a group did not take
// part in the match.
struct Span {
    static constexpr std::size_t npos = static_cast<std::size_t>(-1);
    std::size_t begin = npos;
    std::size_t end = npos;
    bool matched() const { return begin != npos; }
};

struct Match {
    Span whole;
    std::vector<Span> groups;  // one per CaptureInfo, same order
};

class CompiledRuleSet {
public:
    ~CompiledRuleSet();
    CompiledRuleSet(const CompiledRuleSet&) = delete;
    CompiledRuleSet& operator=(const CompiledRuleSet&) = delete;

    std::size_t size() const;
    const rules::Rule& rule(std::size_t index) const;
    std::optional<std::size_t> find(const std::string& id) const;
    const rules::RuleSet& specs() const;

    // The RE2 pattern of a rule's match expression (for `metrex explain --regex`).
    const std::string& pattern(std::size_t index) const;
    // The canonical AST dump of a rule's match expression.
    const std::string& ast_dump(std::size_t index) const;
    const std::vector<CaptureInfo>& captures(std::size_t index) const;
    // Index into captures() of the first typed capture, or -1.
    int value_capture(std::size_t index) const;

    // Every leftmost match of the rule in `text`, in order: non-overlapping, unless the
    // rule says `overlapping: true` (then the search resumes one character after each
    // match's start).
    std::vector<Match> find_all(std::size_t index, std::string_view text) const;
    // Whether any `context` expression of the rule occurs in `text` (true when the rule
    // has no context), and whether any `not_context` expression does (false when none).
    bool context_present(std::size_t index, std::string_view text) const;
    bool not_context_present(std::size_t index, std::string_view text) const;
    // The first context / not_context expression found in `text` (for explanations).
    std::optional<std::string> first_not_context(std::size_t index, std::string_view text) const;

    // Indices of the rules that may match somewhere in `text`: a superset of the rules for
    // which find_all is non-empty. One RE2::Set pass finds the literal atoms the text holds
    // and re2::FilteredRE2 turns them into the rules whose required atoms are all present
    // (a rule with no required literal is always a candidate).
    std::vector<std::size_t> candidates(std::string_view text) const;
    bool has_prefilter() const;

    // Category of `word` in lexicon `name` (categorised lexicons), or empty.
    std::string category(const std::string& lexicon, const std::string& word) const;

    // The canonical name of a program or document written as `name` (`aliases:`), compared
    // without quotation marks and after normalisation; empty when it has none.
    std::string canonical(const std::string& name) const;

private:
    friend std::shared_ptr<const CompiledRuleSet> compile(const rules::RuleSet&,
                                                          const CompileOptions&, Diagnostics&);
    struct Impl;
    CompiledRuleSet();
    std::unique_ptr<Impl> impl_;
};

// Compiles every rule; problems go to `diagnostics`. Returns a usable set of the rules
// that compiled (callers stop when diagnostics.error_count() > 0).
std::shared_ptr<const CompiledRuleSet> compile(const rules::RuleSet& rule_set,
                                               const CompileOptions& options,
                                               Diagnostics& diagnostics);

// Compiles one expression outside any rule set (tests), with
// the given lexicons. On error returns nullopt and reports into `diagnostics`.
std::optional<std::string> compile_expression(const rules::SourceText& expression,
                                              const rules::RuleSet& lexicons,
                                              const CompileOptions& options,
                                              Diagnostics& diagnostics);

}  // namespace metrex::compile
