// Tested by tests/unit/compile_test.cpp
#include "engine/compile/compile.hpp"

#include "engine/text/text.hpp"
#include "engine/values/values.hpp"
#include "grammar/expression.hpp"

#include <re2/filtered_re2.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <cstring>
#include <set>

namespace metrex::compile {

namespace {

// Characters a gap may not cross. The normalised text uses ASCII , ; ! ? and keeps 。.
constexpr const char* kClauseGapClass = "[^,;。!?\\n]";
constexpr const char* kSentenceGapClass = "[^;。!?\\n]";
constexpr const char* kNameClass = "[^,;。!?\\n“”《》]";

std::size_t code_points(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

// Built-in text classes: captures whose pattern the language cannot spell (digits, any
// Han character). `{date}` values of `published` fields are normalised to ISO dates.
std::optional<std::string> class_pattern(const std::string& name, int name_max) {
    if (name == "date")
        return std::string("(?:19|20)[0-9]{2}(?:-|/|\\.|年)[0-9]{1,2}(?:-|/|\\.|月)[0-9]{1,2}日?");
    if (name == "year") return std::string("(?:19|20)[0-9]{2}");
    if (name == "docnum")
        return std::string("\\p{Han}{1,10}(?:〔|\\[|\\(|【)(?:19|20)[0-9]{2}(?:〕|\\]|\\)|】)[0-9]{1,5}号");
    if (name == "han") return "\\p{Han}{1," + std::to_string(name_max) + "}?";
    if (name == "digits") return std::string("[0-9]+");
    return std::nullopt;
}

// Named text captures the engine reads: program name/head, document title/action/
// doc_type, indicator subject, field value, change direction/basis.
const std::vector<std::string>& named_captures() {
    static const std::vector<std::string> names = {"name",    "head",    "title", "action", "doc_type",
                                                   "subject", "value",   "direction", "basis"};
    return names;
}

bool is_typed(const std::string& name) { return values::kind_from_string(name).has_value(); }

RE2::Options re2_options(std::int64_t max_mem) {
    RE2::Options o;
    o.set_encoding(RE2::Options::EncodingUTF8);
    o.set_log_errors(false);
    o.set_case_sensitive(false);  // APP / App / app
    o.set_max_mem(max_mem);
    return o;
}

// Turns one parsed expression into RE2 syntax, collecting its capture groups.
class Emitter {
public:
    // A piece of pattern, and whether a quantifier may follow it directly (a single
    // character or one group), so that `(a | b)+` becomes (?:a|b)+, not (?:(?:a|b))+.
    struct Piece {
        std::string re;
        bool atomic = false;
    };
    using result_type = Piece;  // for the AST variant's visitor protocol

    Emitter(const rules::RuleSet& set, const CompileOptions& options,
            const rules::SourceText& source, Diagnostics& diagnostics)
        : set_(set), options_(options), source_(source), diags_(diagnostics) {}

    // The pattern of a whole expression.
    std::string alternation(const ast::Alternation& node) { return alternation_piece(node).re; }

    std::vector<CaptureInfo> captures;
    std::vector<std::size_t> capture_offsets;  // byte offset of each capture in the source
    bool ok = true;

    // Needed by the visitor below.
    Piece operator()(const ast::Word& w) {
        const std::string literal = text::normalise_fragment(w.text);
        return {RE2::QuoteMeta(literal), code_points(literal) == 1};
    }

    Piece operator()(const ast::LexiconRef& ref) {
        const rules::Lexicon* lex = lexicon(ref);
        if (!lex) return {"(?:)", true};
        return {words_pattern(lex->words), true};
    }

    Piece operator()(const ast::Gap& gap) {
        const int n = gap.max_chars > 0 ? gap.max_chars
                                        : (gap.sentence_scope ? options_.sentence_gap
                                                              : options_.clause_gap);
        return {std::string(gap.sentence_scope ? kSentenceGapClass : kClauseGapClass) + "{0," +
                    std::to_string(n) + "}?",
                false};
    }

    // Matching runs sentence by sentence, so ^ and $ are the sentence's ends.
    Piece operator()(const ast::Anchor& anchor) { return {anchor.at_end ? "$" : "^", false}; }

    Piece operator()(const ast::x3::forward_ast<ast::Group>& group) {
        return alternation_piece(group.get().body);
    }

    Piece operator()(const ast::x3::forward_ast<ast::Capture>& forward) {
        const ast::Capture& cap = forward.get();
        CaptureInfo info;
        info.name = cap.name;
        const std::size_t slot = captures.size();
        captures.push_back(info);  // reserve the group number before inner groups
        capture_offsets.push_back(cap.begin);
        if (auto cls = class_pattern(cap.name, options_.name_max)) {
            if (cap.pattern)
                error(cap.begin, "expr.restriction-not-allowed",
                      "{" + cap.name + "} is a built-in class and takes no pattern",
                      "to name it, wrap it: {published: {" + cap.name + "}}");
            captures[slot].kind = cap.name;
            return {"(" + *cls + ")", true};
        }
        if (!is_typed(cap.name) &&
            std::find(named_captures().begin(), named_captures().end(), cap.name) == named_captures().end()) {
            std::vector<std::string> all = values::kind_names();
            for (const char* c : {"date", "year", "docnum", "han", "digits"}) all.push_back(c);
            all.insert(all.end(), named_captures().begin(), named_captures().end());
            const auto best = closest_match(cap.name, all);
            std::string hint = best ? "did you mean {" + *best + "}?" : std::string();
            if (hint.empty()) {
                hint = "quantities: {count} {percent} {points} {money} {number} {ratio} {quantity}; "
                       "classes: {date} {year} {docnum} {han} {digits}; names: ";
                for (std::size_t i = 0; i < named_captures().size(); ++i)
                    hint += (i ? " {" : "{") + named_captures()[i] + "}";
            }
            error(cap.begin + 1, "expr.unknown-capture", "unknown capture '{" + cap.name + "}'", hint);
            return {"()", true};
        }
        if (is_typed(cap.name)) {
            captures[slot].typed = true;
            captures[slot].kind = cap.name;
            std::vector<std::string> measure_words;
            if (cap.pattern) {
                if (cap.name != "count") {
                    error(cap.begin, "expr.restriction-not-allowed",
                          "only {count: …} takes a list of measure words; {" + cap.name +
                              "} has its unit built in");
                } else {
                    measure_words = restriction_words(*cap.pattern);
                    captures[slot].measure_words = measure_words;
                }
            }
            const auto kind = values::kind_from_string(cap.name);
            return {"(" + values::capture_pattern(*kind, measure_words) + ")", true};
        }
        if (!cap.pattern) {
            return {"(" + std::string(kNameClass) + "{1," + std::to_string(options_.name_max) + "}?)", true};
        }
        // A named capture whose whole pattern is one lexicon records that lexicon, so the
        // engine can look up the category of the captured word.
        const ast::Alternation& p = *cap.pattern;
        if (p.alternatives.size() == 1 && p.alternatives[0].elements.size() == 1 &&
            p.alternatives[0].elements[0].repeat == 0) {
            if (auto* ref = boost::get<ast::LexiconRef>(&p.alternatives[0].elements[0].primary.get()))
                captures[slot].lexicon = ref->name;
        }
        return {"(" + alternation(p) + ")", true};
    }

private:
    Piece alternation_piece(const ast::Alternation& node) {
        if (node.alternatives.size() == 1) return sequence(node.alternatives.front());
        std::string out = "(?:";
        for (std::size_t i = 0; i < node.alternatives.size(); ++i) {
            if (i) out += '|';
            out += sequence(node.alternatives[i]).re;
        }
        return {out + ')', true};
    }

    // Adjacent elements may have a space between them in the text.
    Piece sequence(const ast::Sequence& node) {
        if (node.elements.size() == 1) return element(node.elements.front());
        std::string out;
        for (std::size_t i = 0; i < node.elements.size(); ++i) {
            if (i) out += " ?";
            out += element(node.elements[i]).re;
        }
        return {out, false};
    }

    Piece element(const ast::Element& node) {
        Piece inner = node.primary.apply_visitor(*this);
        if (node.repeat == 0) return inner;
        const std::string base = inner.atomic ? inner.re : "(?:" + inner.re + ")";
        return {base + node.repeat, false};
    }

    const rules::Lexicon* lexicon(const ast::LexiconRef& ref) {
        if (const auto* lex = set_.lexicon(ref.name)) {
            if (lex->words.empty()) {
                error(ref.begin, "expr.empty-lexicon", "lexicon '@" + ref.name + "' has no words");
                return nullptr;
            }
            return lex;
        }
        std::vector<std::string> names;
        for (const auto& l : set_.lexicons) names.push_back(l.name);
        const auto best = closest_match(ref.name, names);
        std::string hint = best ? "did you mean '@" + *best + "'?" : std::string();
        if (hint.empty())
            hint = set_.lexicons.empty() ? "no lexicons are defined; add one under 'lexicons:'"
                                         : "lexicons are defined under 'lexicons:' in any rule file";
        error(ref.begin, "expr.unknown-lexicon", "unknown lexicon '@" + ref.name + "'", hint);
        return nullptr;
    }

    // {count: 件|宗} or {count: @case_unit}: the allowed measure words.
    std::vector<std::string> restriction_words(const ast::Alternation& pattern) {
        std::vector<std::string> words;
        for (const auto& alt : pattern.alternatives) {
            if (alt.elements.size() != 1 || alt.elements[0].repeat != 0) {
                error(alt.begin, "expr.bad-restriction",
                      "a {count: …} restriction lists measure words separated by '|'",
                      "for example {count: 件|宗} or {count: @case_unit}");
                continue;
            }
            const auto& primary = alt.elements[0].primary.get();
            if (auto* w = boost::get<ast::Word>(&primary)) {
                words.push_back(text::normalise_fragment(w->text));
            } else if (auto* ref = boost::get<ast::LexiconRef>(&primary)) {
                if (const auto* lex = lexicon(*ref))
                    for (const auto& word : lex->words) words.push_back(text::normalise_fragment(word));
            } else {
                error(alt.begin, "expr.bad-restriction",
                      "a {count: …} restriction lists measure words separated by '|'",
                      "for example {count: 件|宗} or {count: @case_unit}");
            }
        }
        return words;
    }

    std::string words_pattern(const std::vector<std::string>& raw_words) {
        std::vector<std::string> words;
        for (const auto& w : raw_words) words.push_back(text::normalise_fragment(w));
        std::sort(words.begin(), words.end(), [](const std::string& a, const std::string& b) {
            const auto la = code_points(a), lb = code_points(b);
            return la != lb ? la > lb : a < b;
        });
        words.erase(std::unique(words.begin(), words.end()), words.end());
        std::string out = "(?:";
        for (std::size_t i = 0; i < words.size(); ++i) {
            if (i) out += '|';
            out += RE2::QuoteMeta(words[i]);
        }
        return out + ')';
    }

    void error(std::size_t offset, std::string code, std::string message, std::string hint = {}) {
        ok = false;
        diags_.error(source_.at(offset), std::move(code), std::move(message), std::move(hint));
    }

    const rules::RuleSet& set_;
    const CompileOptions& options_;
    const rules::SourceText& source_;
    Diagnostics& diags_;
};

struct CompiledExpression {
    std::string pattern;
    std::string dump;
    std::vector<CaptureInfo> captures;
    std::vector<std::size_t> capture_offsets;
};

std::optional<CompiledExpression> compile_one(const rules::SourceText& source,
                                              const rules::RuleSet& set,
                                              const CompileOptions& options,
                                              Diagnostics& diagnostics) {
    grammar::ParseOptions parse_options;
    parse_options.max_length = options.max_expression_length;
    parse_options.max_depth = options.max_depth;
    auto parsed = grammar::parse_expression(source.value, parse_options);
    if (!parsed.ok()) {
        const auto& e = *parsed.error;
        diagnostics.error(source.at(e.offset), e.code, e.message, e.hint);
        return std::nullopt;
    }
    Emitter emitter(set, options, source, diagnostics);
    CompiledExpression out;
    out.pattern = emitter.alternation(*parsed.ast);
    if (!emitter.ok) return std::nullopt;
    out.dump = grammar::dump(*parsed.ast);
    out.captures = std::move(emitter.captures);
    out.capture_offsets = std::move(emitter.capture_offsets);
    return out;
}

// Compiles a pattern with RE2 and reports failure at the expression's start.
std::unique_ptr<RE2> build_re2(const std::string& pattern, const rules::SourceText& source,
                               const std::string& rule_id, const CompileOptions& options,
                               Diagnostics& diagnostics) {
    auto re = std::make_unique<RE2>(pattern, re2_options(options.max_mem));
    if (re->ok()) return re;
    if (re->error_code() == RE2::ErrorPatternTooLarge) {
        diagnostics.error(source.start(), "compile.too-large",
                          "rule '" + rule_id + "' compiles to a pattern larger than the " +
                              std::to_string(options.max_mem >> 20) + " MiB memory budget",
                          "use shorter gaps (~12 instead of ~~), fewer lexicon words, or split the rule");
    } else {
        diagnostics.error(source.start(), "compile.re2",
                          "rule '" + rule_id + "' compiles to a pattern RE2 rejects: " + re->error(),
                          "this is a metrex bug if the expression parsed; please report it");
    }
    return nullptr;
}

}  // namespace

struct CompiledRuleSet::Impl {
    rules::RuleSet specs;
    struct Entry {
        std::size_t spec_index = 0;
        CompiledExpression expression;
        const RE2* re = nullptr;  // owned by `filter`
        std::vector<std::unique_ptr<RE2>> context, not_context;
        std::vector<std::string> not_context_text;
        int value_capture = -1;
    };
    std::vector<Entry> entries;
    // The prefilter: FilteredRE2 owns every rule's RE2 (entry i is its regexp i) and knows
    // the literal atoms each one needs; `atoms` finds which atoms a text holds in one pass.
    re2::FilteredRE2 filter{1};
    std::unique_ptr<RE2::Set> atoms;
    std::map<std::string, std::map<std::string, std::string>> categories;  // lexicon -> word -> cat
    std::map<std::string, std::string> canonical;  // alias key -> canonical name
};

namespace {

// How names are compared for aliases: normalised, without quotation marks or spaces.
std::string alias_key(const std::string& name) {
    std::string s = text::normalise_fragment(name);
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        bool skip = false;
        for (const char* q : {"“", "”", "‘", "’", "\"", "'", " ", "《", "》"}) {
            const std::size_t n = std::strlen(q);
            if (s.compare(i, n, q) == 0) {
                i += n;
                skip = true;
                break;
            }
        }
        if (!skip) out += s[i++];
    }
    return out;
}

}  // namespace

CompiledRuleSet::CompiledRuleSet() : impl_(std::make_unique<Impl>()) {}
CompiledRuleSet::~CompiledRuleSet() = default;

std::size_t CompiledRuleSet::size() const { return impl_->entries.size(); }

const rules::Rule& CompiledRuleSet::rule(std::size_t index) const {
    return impl_->specs.rules[impl_->entries[index].spec_index];
}

std::optional<std::size_t> CompiledRuleSet::find(const std::string& id) const {
    for (std::size_t i = 0; i < size(); ++i)
        if (rule(i).id == id) return i;
    return std::nullopt;
}

const rules::RuleSet& CompiledRuleSet::specs() const { return impl_->specs; }

const std::string& CompiledRuleSet::pattern(std::size_t index) const {
    return impl_->entries[index].expression.pattern;
}

const std::string& CompiledRuleSet::ast_dump(std::size_t index) const {
    return impl_->entries[index].expression.dump;
}

const std::vector<CaptureInfo>& CompiledRuleSet::captures(std::size_t index) const {
    return impl_->entries[index].expression.captures;
}

int CompiledRuleSet::value_capture(std::size_t index) const {
    return impl_->entries[index].value_capture;
}

std::vector<Match> CompiledRuleSet::find_all(std::size_t index, std::string_view text) const {
    const RE2& re = *impl_->entries[index].re;
    const int groups = re.NumberOfCapturingGroups();
    std::vector<re2::StringPiece> pieces(static_cast<std::size_t>(groups) + 1);
    std::vector<Match> out;
    const re2::StringPiece input(text.data(), text.size());
    std::size_t pos = 0;
    while (pos <= text.size()) {
        if (!re.Match(input, pos, text.size(), RE2::UNANCHORED, pieces.data(), groups + 1)) break;
        Match m;
        auto span_of = [&](const re2::StringPiece& p) {
            Span s;
            if (p.data() != nullptr) {
                s.begin = static_cast<std::size_t>(p.data() - text.data());
                s.end = s.begin + p.size();
            }
            return s;
        };
        m.whole = span_of(pieces[0]);
        for (int g = 1; g <= groups; ++g) m.groups.push_back(span_of(pieces[static_cast<std::size_t>(g)]));
        std::size_t next = m.whole.end;
        if (rule(index).overlapping && m.whole.end != m.whole.begin) {
            // Lists ("“A”、“B”、“C”等机制"): look again one character after this start.
            next = m.whole.begin + 1;
            while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0) == 0x80) ++next;
            out.push_back(std::move(m));
        } else if (m.whole.end == m.whole.begin) {  // empty match: step over one code point
            next = m.whole.end + 1;
            while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0) == 0x80) ++next;
        } else {
            out.push_back(std::move(m));
        }
        pos = next;
    }
    return out;
}

bool CompiledRuleSet::context_present(std::size_t index, std::string_view text) const {
    const auto& e = impl_->entries[index];
    if (e.context.empty()) return true;
    const re2::StringPiece input(text.data(), text.size());
    for (const auto& re : e.context)
        if (RE2::PartialMatch(input, *re)) return true;
    return false;
}

bool CompiledRuleSet::not_context_present(std::size_t index, std::string_view text) const {
    return first_not_context(index, text).has_value();
}

std::optional<std::string> CompiledRuleSet::first_not_context(std::size_t index,
                                                              std::string_view text) const {
    const auto& e = impl_->entries[index];
    const re2::StringPiece input(text.data(), text.size());
    for (std::size_t i = 0; i < e.not_context.size(); ++i)
        if (RE2::PartialMatch(input, *e.not_context[i])) return e.not_context_text[i];
    return std::nullopt;
}

std::vector<std::size_t> CompiledRuleSet::candidates(std::string_view text) const {
    std::vector<std::size_t> out;
    if (impl_->atoms) {
        std::vector<int> atoms;
        RE2::Set::ErrorInfo info{};
        const bool any = impl_->atoms->Match(re2::StringPiece(text.data(), text.size()), &atoms, &info);
        if (any || info.kind == RE2::Set::kNoError) {  // a real answer, possibly "no atom"
            std::vector<int> potential;
            impl_->filter.AllPotentials(atoms, &potential);
            for (int p : potential) out.push_back(static_cast<std::size_t>(p));
            std::sort(out.begin(), out.end());
            return out;
        }
        // Out of memory or inconsistency: every rule is a candidate, never mistaking the
        // failure for "no rule matches".
    }
    for (std::size_t i = 0; i < size(); ++i) out.push_back(i);
    return out;
}

bool CompiledRuleSet::has_prefilter() const { return impl_->atoms != nullptr; }

std::string CompiledRuleSet::canonical(const std::string& name) const {
    auto it = impl_->canonical.find(alias_key(name));
    return it == impl_->canonical.end() ? std::string() : it->second;
}

std::string CompiledRuleSet::category(const std::string& lexicon, const std::string& word) const {
    auto lex = impl_->categories.find(lexicon);
    if (lex == impl_->categories.end()) return {};
    auto it = lex->second.find(word);
    return it == lex->second.end() ? std::string() : it->second;
}

std::shared_ptr<const CompiledRuleSet> compile(const rules::RuleSet& rule_set,
                                               const CompileOptions& options,
                                               Diagnostics& diagnostics) {
    std::shared_ptr<CompiledRuleSet> out(new CompiledRuleSet());
    auto& impl = *out->impl_;
    impl.specs = rule_set;
    for (const auto& lex : rule_set.lexicons)
        for (const auto& [word, category] : lex.category)
            impl.categories[lex.name][text::normalise_fragment(word)] = category;
    for (const auto& alias : rule_set.aliases) {
        impl.canonical[alias_key(alias.canonical)] = alias.canonical;
        for (const auto& v : alias.variants) {
            auto [it, fresh] = impl.canonical.emplace(alias_key(v), alias.canonical);
            if (!fresh && it->second != alias.canonical)
                diagnostics.error(alias.position, "compile.alias-conflict",
                                  "'" + v + "' is a variant of both '" + it->second + "' and '" + alias.canonical + "'");
        }
    }

    for (std::size_t i = 0; i < impl.specs.rules.size(); ++i) {
        const rules::Rule& rule = impl.specs.rules[i];
        CompiledRuleSet::Impl::Entry entry;
        entry.spec_index = i;
        const std::size_t errors_before = diagnostics.error_count();
        auto expression = compile_one(rule.match, rule_set, options, diagnostics);
        if (expression) entry.expression = std::move(*expression);
        for (const auto* list : {&rule.context, &rule.not_context}) {
            for (const auto& ctx : *list) {
                auto c = compile_one(ctx, rule_set, options, diagnostics);
                if (!c) continue;
                auto re = build_re2(c->pattern, ctx, rule.id, options, diagnostics);
                if (!re) continue;
                if (list == &rule.context) {
                    entry.context.push_back(std::move(re));
                } else {
                    entry.not_context.push_back(std::move(re));
                    entry.not_context_text.push_back(ctx.value);
                }
            }
        }
        if (!expression) continue;

        // Rule-level requirements on captures.
        const auto& caps = entry.expression.captures;
        for (std::size_t c = 0; c < caps.size(); ++c) {
            if (caps[c].typed) {
                entry.value_capture = static_cast<int>(c);
                break;
            }
        }
        auto has_capture = [&](const std::string& name) {
            return std::any_of(caps.begin(), caps.end(),
                               [&](const CaptureInfo& c) { return c.name == name; });
        };
        if (rule.kind == rules::RuleKind::indicator) {
            if (entry.value_capture < 0) {
                diagnostics.error(rule.match.start(), "compile.no-value",
                                  "indicator rule '" + rule.id + "' has no typed capture",
                                  "mark the number with {count}, {percent}, {money}, {number} …");
            } else {
                const auto& declared = rule.attributes.count("value") ? rule.attributes.at("value")
                                                                      : std::string("quantity");
                const auto& captured = caps[static_cast<std::size_t>(entry.value_capture)].kind;
                if (declared != "quantity" && captured != "quantity" && declared != captured)
                    diagnostics.error(
                        rule.match.at(entry.expression.capture_offsets[static_cast<std::size_t>(
                            entry.value_capture)]),
                        "compile.value-mismatch",
                        "rule '" + rule.id + "' says value: " + declared + " but captures {" +
                            captured + "}",
                        "make them agree, or use value: quantity");
            }
        } else if (rule.kind == rules::RuleKind::program && !has_capture("name")) {
            diagnostics.error(rule.match.start(), "compile.no-name",
                              "program rule '" + rule.id + "' needs a {name} capture");
        } else if (rule.kind == rules::RuleKind::document && !has_capture("title")) {
            diagnostics.error(rule.match.start(), "compile.no-title",
                              "document rule '" + rule.id + "' needs a {title} capture");
        }
        if (diagnostics.error_count() != errors_before) continue;
        int id = -1;
        if (impl.filter.Add(entry.expression.pattern, re2_options(options.max_mem), &id) != RE2::NoError) {
            build_re2(entry.expression.pattern, rule.match, rule.id, options, diagnostics);  // reports why
            continue;
        }
        entry.re = &impl.filter.GetRE2(id);
        impl.entries.push_back(std::move(entry));
    }

    // The prefilter: the atoms (literal strings) the rules need, found in one pass.
    if (impl.entries.empty()) return out;  // FilteredRE2 logs an error when compiled empty
    std::vector<std::string> atoms;
    impl.filter.Compile(&atoms);
    RE2::Options atom_options = re2_options(options.set_max_mem);
    auto atom_set = std::make_unique<RE2::Set>(atom_options, RE2::UNANCHORED);
    bool ok = true;
    for (const auto& a : atoms) ok = ok && atom_set->Add(RE2::QuoteMeta(a), nullptr) >= 0;
    if (ok && (atoms.empty() || atom_set->Compile())) {
        if (atoms.empty()) {  // RE2::Set cannot compile an empty set: match a never-string
            atom_set = std::make_unique<RE2::Set>(atom_options, RE2::UNANCHORED);
            atom_set->Add("\\x{10FFFF}\\x{10FFFE}", nullptr);
            atom_set->Compile();
        }
        impl.atoms = std::move(atom_set);
    }
    return out;
}

std::optional<std::string> compile_expression(const rules::SourceText& expression,
                                              const rules::RuleSet& lexicons,
                                              const CompileOptions& options,
                                              Diagnostics& diagnostics) {
    auto c = compile_one(expression, lexicons, options, diagnostics);
    if (!c) return std::nullopt;
    if (!build_re2(c->pattern, expression, "(expression)", options, diagnostics)) return std::nullopt;
    return c->pattern;
}

}  // namespace metrex::compile
