// Tested by tests/unit/match_test.cpp
#include "engine/match/match.hpp"

#include "engine/segment/segment.hpp"
#include "engine/values/values.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <map>
#include <optional>
#include <set>

namespace metrex::match {

const char* to_string(TraceEntry::Outcome outcome) {
    using O = TraceEntry::Outcome;
    switch (outcome) {
        case O::emitted: return "emitted";
        case O::no_match: return "no match";
        case O::context_missing: return "context missing";
        case O::not_context_present: return "not_context present";
        case O::excluded: return "excluded";
        case O::boilerplate: return "boilerplate";
        case O::bad_value: return "bad value";
        case O::lost: return "lost to another rule";
    }
    return "?";
}

namespace {

using compile::CompiledRuleSet;
using compile::Span;
using rules::RuleKind;
using segment::Range;

bool overlaps(std::size_t a0, std::size_t a1, std::size_t b0, std::size_t b1) {
    return a0 < b1 && b0 < a1;
}

std::string attribute(const rules::Rule& rule, const std::string& key, const std::string& fallback = {}) {
    auto it = rule.attributes.find(key);
    return it == rule.attributes.end() ? fallback : it->second;
}

// 2022-8-4, 2022/08/04, 2022.8.4, 2022年8月4日 -> 2022-08-04; other text unchanged.
std::string iso_date(const std::string& text) {
    static const RE2 date("((?:19|20)[0-9]{2})(?:-|/|\\.|年)([0-9]{1,2})(?:-|/|\\.|月)([0-9]{1,2})");
    int y = 0, m = 0, d = 0;
    if (!RE2::PartialMatch(text, date, &y, &m, &d) || m < 1 || m > 12 || d < 1 || d > 31) return text;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return buf;
}

// Any written quantity, as a capturing group; compiled once per process (the fragment is
// large: the whole numeral grammar).
const RE2& any_quantity() {
    static const RE2 re("(" + values::capture_pattern(values::Kind::quantity) + ")");
    return re;
}

// A further value of a 分别 list right after the first one (、99.3% / 和98%), per kind.
const RE2& list_continuation(values::Kind kind) {
    static const auto compiled = [] {
        std::vector<std::unique_ptr<RE2>> out;
        for (int k = 0; k <= static_cast<int>(values::Kind::quantity); ++k)
            out.push_back(std::make_unique<RE2>("^(?:、|和|及|与|,)(" +
                                                values::capture_pattern(static_cast<values::Kind>(k)) + ")"));
        return out;
    }();
    return *compiled[static_cast<std::size_t>(kind)];
}

// A match that passed (or failed) the checks, before conflicts are resolved.
struct Candidate {
    std::size_t rule = 0;
    std::size_t sentence = 0;
    compile::Match match;          // absolute byte offsets into the normalised text
    std::size_t claim_begin = 0;   // what it claims: the value (indicators) or the match
    std::size_t claim_end = 0;
    std::optional<values::Quantity> quantity;
    TraceEntry::Outcome outcome = TraceEntry::Outcome::emitted;
    std::string by_rule, detail;
    // A list the value heads: "满意率分别达到99%、99.3%" (one item per value) or
    // "及时受理率和按期办结率均达到100%" (one item per subject, same value). Empty: one record.
    struct Item {
        std::size_t begin = 0, end = 0;  // the item's value, normalised bytes
        values::Quantity quantity;
        std::string subject;
    };
    std::vector<Item> items;
};

class DocumentRun {
public:
    DocumentRun(const CompiledRuleSet& rules, const text::NormalisedText& text)
        : rules_(rules), text_(text), norm_(text.normalised()), seg_(segment::segment(norm_)) {
        mark_boilerplate();
        mark_planned();
        mark_exclusions();
    }

    // Runs the record-producing rules (or only `only_rule` when given) and resolves
    // conflicts among all of them. Candidates keep their outcome for tracing.
    std::vector<Candidate> run() {
        std::vector<Candidate> all;
        for (std::size_t s = 0; s < seg_.sentences.size(); ++s) {
            const Range r = seg_.sentences[s].range;
            const std::string_view sentence = std::string_view(norm_).substr(r.begin, r.end - r.begin);
            for (std::size_t rule : rules_.candidates(sentence)) {
                const auto kind = rules_.rule(rule).kind;
                if (kind != RuleKind::indicator && kind != RuleKind::program &&
                    kind != RuleKind::document && kind != RuleKind::field)
                    continue;
                // Page headers are debris for facts, but they carry the document's fields
                // (发布日期, 发布机构 …).
                if (boilerplate_[s] && kind != RuleKind::field) continue;
                for (auto& m : rules_.find_all(rule, sentence)) {
                    shift(m, r.begin);
                    all.push_back(check(rule, s, std::move(m)));
                }
            }
        }
        resolve(all);
        return all;
    }

    // One record per list item (or the one record of a plain match).
    std::vector<Record> records(const Candidate& c, const std::string& doc_id) const {
        Record base = record(c, doc_id);
        if (c.items.empty()) return {base};
        std::vector<Record> out;
        for (const auto& item : c.items) {
            Record r = base;
            r.value = item.quantity.value;
            r.upper = item.quantity.upper;
            if (!attribute(rules_.rule(c.rule), "unit").size()) r.unit = item.quantity.unit;
            r.qualifier = std::string(values::to_string(item.quantity.qualifier));
            r.raw = text_.original_slice(text_.to_original({item.begin, item.end}));
            r.subject = item.subject;
            if (item.end > c.match.whole.end) {  // a later value: the record spans up to it
                const auto span = text_.to_original({c.match.whole.begin, item.end});
                r.start = span.start;
                r.end = span.end;
                r.text = text_.original_slice(span);
            }
            out.push_back(std::move(r));
        }
        return out;
    }

    Record record(const Candidate& c, const std::string& doc_id) const {
        const rules::Rule& rule = rules_.rule(c.rule);
        const auto& caps = rules_.captures(c.rule);
        Record r;
        r.doc = doc_id;
        r.type = rules::to_string(rule.kind);
        r.rule = rule.id;
        // A field's text is its value (发布日期:2022-08-04 -> 2022-08-04); other records'
        // is the whole match.
        const bool value_only = rule.kind == RuleKind::field;
        const auto span = value_only ? text_.to_original({c.claim_begin, c.claim_end})
                                     : text_.to_original({c.match.whole.begin, c.match.whole.end});
        r.start = span.start;
        r.end = span.end;
        r.text = text_.original_slice(span);
        const Range sr = seg_.sentences[c.sentence].range;
        r.sentence = text_.original_slice(text_.to_original({sr.begin, sr.end}));
        r.section = section_path(seg_.sentences[c.sentence].section);
        r.planned = planned(c.sentence);
        auto capture_text = [&](const std::string& name) -> std::optional<std::string> {
            for (std::size_t i = 0; i < caps.size(); ++i)
                if (caps[i].name == name && c.match.groups[i].matched())
                    return norm_.substr(c.match.groups[i].begin,
                                        c.match.groups[i].end - c.match.groups[i].begin);
            return std::nullopt;
        };
        auto capture_category = [&](const std::string& name) -> std::string {
            for (std::size_t i = 0; i < caps.size(); ++i)
                if (caps[i].name == name && c.match.groups[i].matched() && !caps[i].lexicon.empty())
                    return rules_.category(caps[i].lexicon,
                                           norm_.substr(c.match.groups[i].begin,
                                                        c.match.groups[i].end - c.match.groups[i].begin));
            return {};
        };
        switch (rule.kind) {
            case RuleKind::indicator: {
                r.indicator = attribute(rule, "indicator", rule.id);
                r.label = attribute(rule, "label");
                const auto& q = *c.quantity;
                r.value = q.value;
                r.upper = q.upper;
                r.unit = attribute(rule, "unit", q.unit);
                const auto raw = text_.to_original({c.claim_begin, c.claim_end});
                r.raw = text_.original_slice(raw);
                r.qualifier = std::string(values::to_string(q.qualifier));
                r.subject = capture_text("subject").value_or(attribute(rule, "subject"));
                if (r.label == "auto") r.label = automatic_label(c);
                break;
            }
            case RuleKind::program: {
                r.name = capture_text("name").value_or("");
                r.head = capture_text("head").value_or("");
                r.category = attribute(rule, "category", capture_category("head"));
                if (r.category.empty()) r.category = "other";
                r.canonical = rules_.canonical(r.name + r.head);
                if (r.canonical.empty()) r.canonical = rules_.canonical(r.name);
                break;
            }
            case RuleKind::document: {
                r.title = capture_text("title").value_or("");
                r.doc_type = attribute(rule, "doc_type", capture_category("doc_type"));
                if (r.doc_type.empty()) r.doc_type = "other";
                r.action = attribute(rule, "action", capture_category("action"));
                if (r.action.empty()) r.action = "cited";
                r.canonical = rules_.canonical(r.title);
                break;
            }
            case RuleKind::field: {
                r.name = attribute(rule, "name");
                r.value_text = norm_.substr(c.claim_begin, c.claim_end - c.claim_begin);
                if (r.name == "published") r.value_text = iso_date(r.value_text);
                break;
            }
            default: break;
        }
        return r;
    }

    // Change rules: a change stated right after a value (",同比上升56.7%") or a "from"
    // right before it ("由56项精简至" 38项) is attached to that value's record.
    void attach_changes(std::vector<Candidate>& all, std::vector<Record>& records,
                        std::vector<std::size_t>& record_of) const {
        // Emitted indicator values by where they begin, so that a change finds its value
        // (and the values inside it) without scanning every candidate.
        ValuesByBegin values;
        for (std::size_t k = 0; k < all.size(); ++k)
            if (all[k].outcome == TraceEntry::Outcome::emitted && rules_.rule(all[k].rule).kind == RuleKind::indicator)
                values.emplace(all[k].claim_begin, k);
        for (std::size_t rule = 0; rule < rules_.size(); ++rule) {
            if (rules_.rule(rule).kind != RuleKind::change) continue;
            const auto& caps = rules_.captures(rule);
            for (std::size_t s = 0; s < seg_.sentences.size(); ++s) {
                if (boilerplate_[s]) continue;
                const Range sr = seg_.sentences[s].range;
                const auto sentence = std::string_view(norm_).substr(sr.begin, sr.end - sr.begin);
                for (auto m : rules_.find_all(rule, sentence)) {
                    shift(m, sr.begin);
                    attach_one(rule, caps, m, values, all, records, record_of);
                }
            }
        }
    }

    std::vector<std::string> section_path(int section) const {
        std::vector<std::string> path;
        for (int s = section; s >= 0; s = seg_.sections[static_cast<std::size_t>(s)].parent) {
            const Range h = seg_.sections[static_cast<std::size_t>(s)].heading;
            path.push_back(text_.original_slice(text_.to_original({h.begin, h.end})));
        }
        std::reverse(path.begin(), path.end());
        return path;
    }

    const segment::Segmentation& segmentation() const { return seg_; }
    bool is_boilerplate(std::size_t sentence) const { return boilerplate_[sentence]; }
    std::string original(std::size_t begin, std::size_t end) const {
        return text_.original_slice(text_.to_original({begin, end}));
    }
    std::size_t original_start(std::size_t begin) const { return text_.to_original({begin, begin}).start; }

private:
    static void shift(compile::Match& m, std::size_t by) {
        m.whole.begin += by;
        m.whole.end += by;
        for (auto& g : m.groups)
            if (g.matched()) {
                g.begin += by;
                g.end += by;
            }
    }

    std::string_view view(std::size_t begin, std::size_t end) const {
        return std::string_view(norm_).substr(begin, end - begin);
    }

    // Debris lines are short: a boilerplate phrase inside a longer line is content
    // ("创新公开方式" in a paragraph is not the page header label "公开方式:").
    static constexpr std::size_t kMaxBoilerplateLineChars = 120;

    static std::size_t code_points(std::string_view s) {
        std::size_t n = 0;
        for (unsigned char c : s) n += (c & 0xC0) != 0x80;
        return n;
    }

    // Line ranges holding a boilerplate match are page debris.
    void mark_boilerplate() {
        boilerplate_.assign(seg_.sentences.size(), false);
        std::vector<Range> debris;
        // Sentence by sentence like every rule (so ^ and $ are a sentence's ends); a hit
        // marks the whole line it is on.
        for (std::size_t rule = 0; rule < rules_.size(); ++rule) {
            if (rules_.rule(rule).kind != RuleKind::boilerplate) continue;
            for (const auto& sentence : seg_.sentences) {
                const Range r = sentence.range;
                for (const auto& m : rules_.find_all(rule, view(r.begin, r.end))) {
                    const std::size_t at = r.begin + m.whole.begin;
                    const std::size_t line_begin = at == 0 ? std::string::npos : norm_.rfind('\n', at - 1);
                    const std::size_t b = line_begin == std::string::npos ? 0 : line_begin + 1;
                    const std::size_t e = std::min(norm_.find('\n', r.begin + m.whole.end), norm_.size());
                    if (code_points(view(b, e)) <= kMaxBoilerplateLineChars) debris.push_back({b, e});
                }
            }
        }
        // Sentences are in text order: visit only those inside each debris line.
        const auto& sentences = seg_.sentences;
        for (const auto& d : debris) {
            auto s = std::lower_bound(sentences.begin(), sentences.end(), d.begin,
                                      [](const segment::Sentence& x, std::size_t pos) { return x.range.begin < pos; });
            for (; s != sentences.end() && s->range.begin < d.end; ++s)
                if (s->range.end <= d.end) boilerplate_[static_cast<std::size_t>(s - sentences.begin())] = true;
        }
    }

    void mark_planned() {
        sentence_planned_.assign(seg_.sentences.size(), false);
        section_planned_.assign(seg_.sections.size(), false);
        for (std::size_t rule = 0; rule < rules_.size(); ++rule) {
            const auto& spec = rules_.rule(rule);
            if (spec.kind != RuleKind::planned) continue;
            if (attribute(spec, "applies_to", "sentence") == "section") {
                for (std::size_t s = 0; s < seg_.sections.size(); ++s) {
                    const Range h = seg_.sections[s].heading;
                    if (!rules_.find_all(rule, view(h.begin, h.end)).empty()) section_planned_[s] = true;
                }
            } else {
                for (std::size_t s = 0; s < seg_.sentences.size(); ++s) {
                    const Range r = seg_.sentences[s].range;
                    if (!rules_.find_all(rule, view(r.begin, r.end)).empty()) sentence_planned_[s] = true;
                }
            }
        }
    }

    bool planned(std::size_t sentence) const {
        if (sentence_planned_[sentence]) return true;
        for (int s = seg_.sentences[sentence].section; s >= 0;
             s = seg_.sections[static_cast<std::size_t>(s)].parent)
            if (section_planned_[static_cast<std::size_t>(s)]) return true;
        return false;
    }

    void mark_exclusions() {
        for (std::size_t rule = 0; rule < rules_.size(); ++rule) {
            if (rules_.rule(rule).kind != RuleKind::exclusion) continue;
            const std::string applies = attribute(rules_.rule(rule), "applies_to", "values");
            const bool values = applies != "fields", fields = applies != "values";
            for (std::size_t s = 0; s < seg_.sentences.size(); ++s) {
                const Range r = seg_.sentences[s].range;
                for (auto m : rules_.find_all(rule, view(r.begin, r.end))) {
                    shift(m, r.begin);
                    exclusions_.push_back({m.whole.begin, m.whole.end, rule, values, fields});
                }
            }
        }
    }

    std::string scope_text(rules::Scope scope, std::size_t sentence, const compile::Match& m,
                           bool with_headings) const {
        const auto& sent = seg_.sentences[sentence];
        switch (scope) {
            case rules::Scope::clause: {
                std::size_t b = sent.range.begin, e = sent.range.end;
                for (const auto& c : sent.clauses) {
                    if (c.contains(m.whole.begin)) b = c.begin;
                    if (m.whole.end > c.begin && m.whole.end <= c.end) e = c.end;
                }
                return std::string(view(b, e));
            }
            case rules::Scope::sentence: {
                std::string out(view(sent.range.begin, sent.range.end));
                if (with_headings)
                    for (int s = sent.section; s >= 0; s = seg_.sections[static_cast<std::size_t>(s)].parent) {
                        const Range h = seg_.sections[static_cast<std::size_t>(s)].heading;
                        out += '\n';
                        out += view(h.begin, h.end);
                    }
                return out;
            }
            case rules::Scope::section: {
                if (sent.section < 0) return norm_;
                const Range b = seg_.sections[static_cast<std::size_t>(sent.section)].body;
                return std::string(view(b.begin, b.end));
            }
        }
        return {};
    }

    Candidate check(std::size_t rule, std::size_t sentence, compile::Match m) const {
        Candidate c;
        c.rule = rule;
        c.sentence = sentence;
        c.match = std::move(m);
        c.claim_begin = c.match.whole.begin;
        c.claim_end = c.match.whole.end;
        const rules::Rule& spec = rules_.rule(rule);
        if (spec.kind == RuleKind::field) {
            // The value: the capture named `value`, else the first capture, else the match.
            const auto& caps = rules_.captures(rule);
            std::optional<std::size_t> slot;
            for (std::size_t i = 0; i < caps.size() && !slot; ++i)
                if (caps[i].name == "value") slot = i;
            if (!slot && !caps.empty()) slot = 0;
            if (slot && c.match.groups[*slot].matched()) {
                c.claim_begin = c.match.groups[*slot].begin;
                c.claim_end = c.match.groups[*slot].end;
            }
            for (const auto& x : exclusions_) {
                if (!x.fields) continue;
                if (overlaps(c.claim_begin, c.claim_end, x.begin, x.end)) {
                    c.outcome = TraceEntry::Outcome::excluded;
                    c.by_rule = rules_.rule(x.rule).id;
                    c.detail = "inside '" + std::string(view(x.begin, x.end)) + "'";
                    return c;
                }
            }
        }
        if (spec.kind == RuleKind::program || spec.kind == RuleKind::document) {
            // A program claims its name and a document its title, so a rule may reach
            // past them (to a head that several names share) without taking them.
            const char* claim = spec.kind == RuleKind::program ? "name" : "title";
            const auto& caps = rules_.captures(rule);
            for (std::size_t i = 0; i < caps.size(); ++i)
                if (caps[i].name == claim && c.match.groups[i].matched()) {
                    c.claim_begin = c.match.groups[i].begin;
                    c.claim_end = c.match.groups[i].end;
                    break;
                }
        }
        if (spec.kind == RuleKind::indicator) {
            // The value is the first typed capture that took part in this match, so one rule
            // may place the number differently in each alternative.
            std::size_t vc = static_cast<std::size_t>(rules_.value_capture(rule));
            const auto& all_caps = rules_.captures(rule);
            for (std::size_t i = 0; i < all_caps.size(); ++i)
                if (all_caps[i].typed && c.match.groups[i].matched()) {
                    vc = i;
                    break;
                }
            const Span v = c.match.groups[vc];
            if (!v.matched()) {  // an alternative without a number
                c.outcome = TraceEntry::Outcome::bad_value;
                c.detail = "the alternative that matched has no typed capture";
                return c;
            }
            c.claim_begin = v.begin;
            c.claim_end = v.end;
            const auto& info = all_caps[vc];
            c.quantity = values::parse_quantity(view(v.begin, v.end),
                                                values::kind_from_string(info.kind).value_or(values::Kind::quantity),
                                                info.measure_words);
            if (!c.quantity) {
                c.outcome = TraceEntry::Outcome::bad_value;
                c.detail = "'" + std::string(view(v.begin, v.end)) + "' is not a quantity";
                return c;
            }
            for (const auto& x : exclusions_) {
                if (!x.values) continue;
                if (overlaps(v.begin, v.end, x.begin, x.end)) {
                    c.outcome = TraceEntry::Outcome::excluded;
                    c.by_rule = rules_.rule(x.rule).id;
                    c.detail = "inside '" + std::string(view(x.begin, x.end)) + "'";
                    return c;
                }
            }
        }
        if (!rules_.context_present(rule, scope_text(spec.within, sentence, c.match, true))) {
            c.outcome = TraceEntry::Outcome::context_missing;
            std::string words;
            for (const auto& ctx : spec.context) words += (words.empty() ? "" : ", ") + ctx.value;
            c.detail = "none of: " + words;
            return c;
        }
        if (auto found = rules_.first_not_context(
                rule, scope_text(spec.not_within.value_or(spec.within), sentence, c.match, false))) {
            c.outcome = TraceEntry::Outcome::not_context_present;
            c.detail = "found '" + *found + "'";
            return c;
        }
        // `lists: false`: the rule itself says which value of a 分别 list it takes.
        if (spec.kind == RuleKind::indicator && attribute(spec, "indicator", spec.id) != "metric" &&
            attribute(spec, "lists", "true") != "false")
            expand_list(c);
        return c;
    }

    // ---- 分别 / 均 lists ------------------------------------------------------------------

    std::size_t clause_begin(std::size_t sentence, std::size_t pos) const {
        const auto& sent = seg_.sentences[sentence];
        for (const auto& cl : sent.clauses)
            if (cl.contains(pos)) return cl.begin;
        return sent.range.begin;
    }

    // "办理工作和办理结果" -> {办理工作, 办理结果}: items coordinated by 和 、 及 与 以及. A
    // connective inside a word is not one: 及时, 参与, 和解, 和谐, 调和.
    static std::vector<std::string> coordinated(std::string_view text) {
        auto at = [&](std::size_t pos, const char* word) { return text.compare(pos, std::strlen(word), word) == 0; };
        auto before = [&](std::size_t pos, std::initializer_list<const char*> words) {
            for (const char* w : words)
                if (pos >= std::strlen(w) && at(pos - std::strlen(w), w)) return true;
            return false;
        };
        auto after = [&](std::size_t pos, std::initializer_list<const char*> words) {
            for (const char* w : words)
                if (at(pos, w)) return true;
            return false;
        };
        std::vector<std::string> items;
        std::size_t start = 0;
        for (std::size_t pos = 0; pos < text.size();) {
            std::size_t width = 0;
            if (at(pos, "以及")) width = 6;
            else if (at(pos, "、")) width = 3;
            else if (at(pos, "和") && !after(pos + 3, {"解", "谐", "睦", "平"}) && !before(pos, {"调", "共", "温"})) width = 3;
            else if (at(pos, "及") && !after(pos + 3, {"时", "早"}) && !before(pos, {"以", "涉", "普", "危"})) width = 3;
            else if (at(pos, "与") && !before(pos, {"参", "给", "赋", "授"})) width = 3;
            if (width == 0) {
                ++pos;
                continue;
            }
            if (pos > start) items.emplace_back(text.substr(start, pos - start));
            pos += width;
            start = pos;
        }
        if (start < text.size()) items.emplace_back(text.substr(start));
        return items;
    }

    // The noun phrase a quantity counts: the words between the previous delimiter and the
    // quantity, after the last word of the `subject_cut` lexicon (办理, 承办 …).
    std::string subject_before(std::size_t sentence_begin, std::size_t pos) const {
        std::string_view before = view(sentence_begin, pos);
        const std::size_t cut = before.find_last_of(",;:");
        std::size_t start = cut == std::string_view::npos ? 0 : cut + 1;
        for (const char* sep : {"、", "和"}) {
            const std::size_t p = before.rfind(sep);
            if (p != std::string_view::npos && p + std::strlen(sep) > start) start = p + std::strlen(sep);
        }
        std::string subject(before.substr(start));
        if (const auto* lex = rules_.specs().lexicon("subject_cut")) {
            std::size_t best = std::string::npos, best_end = 0;
            for (const auto& w : lex->words) {
                const std::size_t p = subject.rfind(w);
                if (p != std::string::npos && (best == std::string::npos || p + w.size() > best_end)) {
                    best = p;
                    best_end = p + w.size();
                }
            }
            if (best != std::string::npos && best_end < subject.size()) subject.erase(0, best_end);
        }
        // 市人大代表建议 -> 人大代表建议: an administrative level (subject_strip_prefix) is
        // dropped before the name of a body (subject_bodies).
        const auto* prefixes = rules_.specs().lexicon("subject_strip_prefix");
        const auto* bodies = rules_.specs().lexicon("subject_bodies");
        if (prefixes && bodies)
            for (const auto& p : prefixes->words)
                if (subject.compare(0, p.size(), p) == 0)
                    for (const auto& b : bodies->words)
                        if (subject.compare(p.size(), b.size(), b) == 0) {
                            subject.erase(0, p.size());
                            return subject;
                        }
        return subject;
    }

    // What the quantities of one clause count (人大代表建议218件、政协提案302件).
    std::vector<std::string> subjects_of_quantities(std::size_t begin, std::size_t end) const {
        std::vector<std::string> out;
        re2::StringPiece input(norm_.data() + begin, end - begin);
        re2::StringPiece q;
        while (RE2::FindAndConsume(&input, any_quantity(), &q))
            out.push_back(subject_before(begin, static_cast<std::size_t>(q.data() - norm_.data())));
        return out;
    }

    void expand_list(Candidate& c) const {
        const std::size_t sb = seg_.sentences[c.sentence].range.begin;
        const std::size_t se = seg_.sentences[c.sentence].range.end;
        const std::size_t cb = clause_begin(c.sentence, c.match.whole.begin);
        const std::string_view lead = view(cb, c.claim_begin);
        const auto kind = c.quantity->kind;

        if (lead.find("分别") != std::string_view::npos) {
            // Further values right after the first: 、99.3% / 和98%.
            const RE2& next = list_continuation(kind);
            std::vector<Candidate::Item> items{{c.claim_begin, c.claim_end, *c.quantity, {}}};
            std::size_t pos = c.claim_end;
            re2::StringPiece group;
            while (pos < se) {
                re2::StringPiece rest(norm_.data() + pos, se - pos);
                if (!RE2::PartialMatch(rest, next, &group)) break;
                auto q = values::parse_quantity(std::string_view(group.data(), group.size()), kind);
                if (!q) break;
                const std::size_t b = static_cast<std::size_t>(group.data() - norm_.data());
                items.push_back({b, b + group.size(), *q, {}});
                pos = b + group.size();
            }
            if (items.size() < 2) return;
            // Subjects: coordinated nouns right before the match (办理工作和办理结果满意率…),
            // else what the N quantities before it in the sentence count.
            auto subjects = coordinated(view(cb, c.match.whole.begin));
            if (subjects.size() != items.size()) {
                // The last N quantities of the sentence before the match.
                auto before = subjects_of_quantities(sb, c.match.whole.begin);
                subjects.clear();
                if (before.size() >= items.size())
                    subjects.assign(before.end() - static_cast<std::ptrdiff_t>(items.size()), before.end());
            }
            for (std::size_t k = 0; k < items.size() && k < subjects.size(); ++k) items[k].subject = subjects[k];
            c.claim_end = items.back().end;
            c.items = std::move(items);
            return;
        }
        // 均/都: one value for several coordinated subjects ("A和B均达到100%").
        static const RE2 both("(?:^|[^平人年日户月首])(均|都)(?:达|为|已|在|实现|超过|保持|是|获|完成|高于|低于|不低于)");
        re2::StringPiece marker;
        if (!RE2::PartialMatch(re2::StringPiece(lead.data(), lead.size()), both, &marker)) return;
        const std::size_t at = static_cast<std::size_t>(marker.data() - norm_.data());
        auto subjects = coordinated(view(cb, at));
        if (subjects.size() < 2) {
            // "人大代表建议218件、政协提案302件,满意率均为100%": the counts of the clause before.
            const auto& clauses = seg_.sentences[c.sentence].clauses;
            for (std::size_t k = 1; k < clauses.size(); ++k)
                if (clauses[k].begin == cb) subjects = subjects_of_quantities(clauses[k - 1].begin, clauses[k - 1].end);
        }
        if (subjects.size() < 2) return;
        for (const auto& subject : subjects) c.items.push_back({c.claim_begin, c.claim_end, *c.quantity, subject});
    }

    // Conflict classes: indicators by value span, programs and documents by match span,
    // fields by name (one per document).
    void resolve(std::vector<Candidate>& all) const {
        std::vector<std::size_t> order;
        for (std::size_t i = 0; i < all.size(); ++i)
            if (all[i].outcome == TraceEntry::Outcome::emitted) order.push_back(i);
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            const auto& ca = all[a];
            const auto& cb = all[b];
            const int pa = rules_.rule(ca.rule).priority, pb = rules_.rule(cb.rule).priority;
            if (pa != pb) return pa > pb;
            // A document field: the first place in the text, however long the match.
            if (rules_.rule(ca.rule).kind == RuleKind::field && rules_.rule(cb.rule).kind == RuleKind::field)
                return ca.match.whole.begin < cb.match.whole.begin;
            const auto la = ca.match.whole.end - ca.match.whole.begin;
            const auto lb = cb.match.whole.end - cb.match.whole.begin;
            if (la != lb) return la > lb;
            if (ca.rule != cb.rule) return ca.rule < cb.rule;
            return ca.match.whole.begin < cb.match.whole.begin;
        });
        // Accepted claims of one kind never overlap, so an ordered map from begin to the
        // candidate finds a conflict by looking at one neighbour: linear-logarithmic in the
        // number of candidates, however long the document.
        std::map<RuleKind, std::map<std::size_t, std::size_t>> claimed;
        std::set<std::pair<std::size_t, std::string>> multiple_values;  // (rule, value) kept
        std::map<std::string, std::size_t> field_taken;
        for (std::size_t i : order) {
            Candidate& c = all[i];
            const auto& spec = rules_.rule(c.rule);
            if (spec.kind == RuleKind::field) {
                const std::string name = attribute(spec, "name");
                auto it = field_taken.find(name);
                // `multiple: true` (issuer of a joint report): every distinct value of the
                // winning rule is kept.
                if (it != field_taken.end() && attribute(spec, "multiple") == "true" &&
                    all[it->second].rule == c.rule &&
                    view(all[it->second].claim_begin, all[it->second].claim_end) != view(c.claim_begin, c.claim_end)) {
                    if (multiple_values.emplace(c.rule, std::string(view(c.claim_begin, c.claim_end))).second) {
                        // kept
                    } else {
                        c.outcome = TraceEntry::Outcome::lost;
                        c.by_rule = spec.id;
                        c.detail = "the same value again";
                    }
                    continue;
                }
                if (it != field_taken.end()) {
                    c.outcome = TraceEntry::Outcome::lost;
                    c.by_rule = rules_.rule(all[it->second].rule).id;
                    c.detail = "one '" + name + "' field per document";
                    continue;
                }
                field_taken[name] = i;
                multiple_values.emplace(c.rule, std::string(view(c.claim_begin, c.claim_end)));
                continue;
            }
            auto& claims = claimed[spec.kind];
            auto next = claims.lower_bound(c.claim_end);
            std::optional<std::size_t> winner;
            if (next != claims.begin()) {
                const std::size_t j = std::prev(next)->second;
                if (overlaps(c.claim_begin, c.claim_end, all[j].claim_begin, all[j].claim_end)) winner = j;
            }
            if (winner) {
                const Candidate& w = all[*winner];
                c.outcome = TraceEntry::Outcome::lost;
                c.by_rule = rules_.rule(w.rule).id;
                const int pw = rules_.rule(w.rule).priority;
                if (pw != spec.priority)
                    c.detail = "priority " + std::to_string(pw) + " > " + std::to_string(spec.priority);
                else if (w.match.whole.end - w.match.whole.begin != c.match.whole.end - c.match.whole.begin)
                    c.detail = "same priority, longer match";
                else
                    c.detail = "same priority and length, defined earlier";
                continue;
            }
            claims.emplace(c.claim_begin, i);
        }
    }

    using ValuesByBegin = std::multimap<std::size_t, std::size_t>;  // claim begin -> candidate

    void attach_one(std::size_t rule, const std::vector<compile::CaptureInfo>& caps,
                    const compile::Match& m, const ValuesByBegin& values, std::vector<Candidate>& all,
                    std::vector<Record>& records, std::vector<std::size_t>& record_of) const {
        auto group_text = [&](std::size_t i) {
            return std::string(view(m.groups[i].begin, m.groups[i].end));
        };
        Change change;
        std::optional<values::Quantity> amount;
        for (std::size_t i = 0; i < caps.size(); ++i) {
            if (!m.groups[i].matched()) continue;
            if (caps[i].typed && !amount) {
                amount = values::parse_quantity(group_text(i),
                                                values::kind_from_string(caps[i].kind).value_or(values::Kind::quantity),
                                                caps[i].measure_words);
            } else if (caps[i].name == "direction") {
                change.direction = caps[i].lexicon.empty() ? group_text(i)
                                                           : rules_.category(caps[i].lexicon, group_text(i));
            } else if (caps[i].name == "basis") {
                change.basis = group_text(i);
            }
        }
        // The nearest indicator value: ending at most 2 bytes of punctuation before the
        // change, or starting right where a "from" phrase ends. Values begin within a
        // sentence of the change, so only those are looked at (first candidate wins).
        std::vector<std::size_t> near;
        const std::size_t sentence_begin = seg_.sentences[static_cast<std::size_t>(seg_.sentence_at(m.whole.begin))].range.begin;
        for (auto it = values.lower_bound(sentence_begin); it != values.end() && it->first <= m.whole.end; ++it)
            near.push_back(it->second);
        std::sort(near.begin(), near.end());
        for (std::size_t k : near) {
            Candidate& c = all[k];
            if (c.outcome != TraceEntry::Outcome::emitted) continue;
            const bool after = c.claim_end <= m.whole.begin && m.whole.begin - c.claim_end <= 2 &&
                               view(c.claim_end, m.whole.begin).find_first_not_of(", ") == std::string_view::npos;
            const bool before = m.whole.end == c.claim_begin;
            if (!after && !before) continue;
            Record& r = records[record_of[k]];
            if (r.change) continue;
            if (after && amount) {
                change.value = amount->value;
                change.unit = amount->unit;
            } else if (before && amount) {
                change.from = amount->value;
            }
            r.change = change;
            // Whatever else claimed a value inside the change phrase (a generic metric
            // for "56.7%") is part of this record now.
            for (auto it = values.lower_bound(m.whole.begin); it != values.end() && it->first < m.whole.end; ++it) {
                const std::size_t o = it->second;
                Candidate& other = all[o];
                if (o == k || other.outcome != TraceEntry::Outcome::emitted) continue;
                if (other.claim_end <= m.whole.end) {
                    other.outcome = TraceEntry::Outcome::lost;
                    other.by_rule = rules_.rule(rule).id;
                    other.detail = "part of a change stated with another value";
                }
            }
            return;
        }
    }

    // The automatic label of a generic quantity: what it counts, in its clause.
    //   组织参加庭审旁听873场      -> 庭审旁听      (the words before, less leading verbs)
    //   派出7个巡查督导组进驻…     -> 巡查督导组    (only verbs before: the noun after)
    //   接待来访群众164次290批     -> 接待来访群众  (stacked units share the label)
    // The word lists are lexicons of the rule pack: label_strip_prefix, label_strip_suffix
    // and label_stop (words that end the noun after a quantity).
    std::string automatic_label(const Candidate& c) const {
        const auto& sent = seg_.sentences[c.sentence];
        std::size_t b = sent.range.begin, e = sent.range.end;
        for (const auto& cl : sent.clauses)
            if (cl.contains(c.claim_begin)) {
                b = cl.begin;
                e = cl.end;
            }
        const RE2& quantity = any_quantity();
        // Start after the last quantity before this one in the clause.
        re2::StringPiece input(norm_.data() + b, c.claim_begin - b), q;
        std::size_t after_previous = b;
        bool stacked = false;
        while (RE2::FindAndConsume(&input, quantity, &q)) {
            after_previous = static_cast<std::size_t>(q.data() - norm_.data()) + q.size();
            stacked = after_previous == c.claim_begin;
        }
        std::string before(view(after_previous, c.claim_begin));
        if (stacked) {  // 164次290批: the label of the first of the run
            std::size_t run = after_previous;
            re2::StringPiece again(norm_.data() + b, c.claim_begin - b);
            std::vector<std::pair<std::size_t, std::size_t>> spans;
            while (RE2::FindAndConsume(&again, quantity, &q))
                spans.emplace_back(static_cast<std::size_t>(q.data() - norm_.data()),
                                   static_cast<std::size_t>(q.data() - norm_.data()) + q.size());
            for (auto it = spans.rbegin(); it != spans.rend() && it->second == run; ++it) run = it->first;
            std::size_t start = b;
            for (const auto& s : spans)
                if (s.second <= run) start = s.second;
            before = std::string(view(start, run));
        }
        // A list before it (政府投资类、一般社会投资类): the last item.
        for (const char* sep : {"、", "和", "及"}) {
            const std::size_t p = before.rfind(sep);
            if (p != std::string::npos && p + std::strlen(sep) < before.size()) before.erase(0, p + std::strlen(sep));
        }
        std::string label = strip_label(before);
        if (!label.empty()) return label;
        // Only verbs before the number: the noun after its measure word.
        std::string after(view(c.claim_end, e));
        std::size_t cut = after.size();
        for (const char* stop : {"“", "(", "《", ",", ";", "。", "、"}) cut = std::min(cut, after.find(stop));
        if (const auto* lex = rules_.specs().lexicon("label_stop"))
            for (const auto& w : lex->words) cut = std::min(cut, after.find(w));
        re2::StringPiece rest(after.data(), cut), hit;
        if (RE2::PartialMatch(rest, quantity, &hit)) cut = static_cast<std::size_t>(hit.data() - after.data());
        return strip_label(after.substr(0, cut));
    }

    std::string strip_label(std::string label) const {
        static const RE2 year("^(?:19|20)[0-9]{2}年度?(?:以来)?");
        RE2::Replace(&label, year, "");
        const auto strip = [&](const char* lexicon, bool prefix) {
            const auto* lex = rules_.specs().lexicon(lexicon);
            if (!lex) return;
            for (bool changed = true; changed;) {
                changed = false;
                for (const auto& w : lex->words) {
                    if (w.empty() || w.size() > label.size()) continue;
                    if (prefix && label.compare(0, w.size(), w) == 0) {
                        label.erase(0, w.size());
                        changed = true;
                    } else if (!prefix && label.compare(label.size() - w.size(), w.size(), w) == 0) {
                        label.erase(label.size() - w.size());
                        changed = true;
                    }
                }
            }
        };
        strip("label_strip_suffix", false);
        strip("label_strip_prefix", true);
        return label;
    }

    struct Exclusion {
        std::size_t begin, end, rule;
        bool values, fields;  // what it vetoes (applies_to: values | fields | all)
    };

    const CompiledRuleSet& rules_;
    const text::NormalisedText& text_;
    const std::string& norm_;
    segment::Segmentation seg_;
    std::vector<bool> boilerplate_, sentence_planned_, section_planned_;
    std::vector<Exclusion> exclusions_;
};

int type_rank(const std::string& type) {
    if (type == "field") return 0;
    if (type == "indicator") return 1;
    if (type == "document") return 2;
    if (type == "program") return 3;
    return 4;
}

// The records of the emitted candidates, changes attached (which can turn a candidate
// inside a change phrase into a loser, so trace() needs this step too), in text order.
std::vector<Record> build_records(const DocumentRun& run, std::vector<Candidate>& all, const std::string& doc_id) {
    std::vector<Record> records;
    std::vector<std::size_t> record_of(all.size(), static_cast<std::size_t>(-1));
    std::vector<std::vector<Record>> extra(all.size());  // list items after the first
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (all[i].outcome != TraceEntry::Outcome::emitted) continue;
        auto produced = run.records(all[i], doc_id);
        record_of[i] = records.size();
        records.push_back(std::move(produced.front()));
        extra[i].assign(std::make_move_iterator(produced.begin() + 1), std::make_move_iterator(produced.end()));
    }
    run.attach_changes(all, records, record_of);
    std::vector<Record> out;
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (all[i].outcome != TraceEntry::Outcome::emitted) continue;
        out.push_back(std::move(records[record_of[i]]));
        for (auto& r : extra[i]) out.push_back(std::move(r));
    }
    std::stable_sort(out.begin(), out.end(), [](const Record& a, const Record& b) {
        if (a.start != b.start) return a.start < b.start;
        return type_rank(a.type) < type_rank(b.type);
    });
    return out;
}

}  // namespace

std::vector<Record> extract(const compile::CompiledRuleSet& rules, const std::string& doc_id,
                            const text::NormalisedText& text) {
    DocumentRun run(rules, text);
    auto all = run.run();
    return build_records(run, all, doc_id);
}

std::vector<TraceEntry> trace(const compile::CompiledRuleSet& rules, const std::string& rule_id,
                              const text::NormalisedText& text) {
    std::vector<TraceEntry> out;
    const auto index = rules.find(rule_id);
    if (!index) return out;
    DocumentRun run(rules, text);
    auto all = run.run();
    build_records(run, all, "trace");  // settles which candidates a change phrase absorbs
    std::set<std::size_t> sentences_seen;
    const auto& seg = run.segmentation();
    for (const auto& c : all) {
        if (c.rule != *index) continue;
        TraceEntry e;
        e.outcome = c.outcome;
        const auto sr = seg.sentences[c.sentence].range;
        e.sentence = run.original(sr.begin, sr.end);
        e.section = run.section_path(seg.sentences[c.sentence].section);
        e.matched = run.original(c.match.whole.begin, c.match.whole.end);
        if (c.claim_begin != c.match.whole.begin || c.claim_end != c.match.whole.end)
            e.value = run.original(c.claim_begin, c.claim_end);
        e.by_rule = c.by_rule;
        e.detail = c.detail;
        e.start = run.original_start(c.match.whole.begin);
        sentences_seen.insert(c.sentence);
        out.push_back(std::move(e));
    }
    // Sentences that mention the rule's context words but gave no match at all.
    const auto& norm = text.normalised();
    for (std::size_t s = 0; s < seg.sentences.size(); ++s) {
        if (sentences_seen.count(s)) continue;
        const auto sr = seg.sentences[s].range;
        const std::string_view sentence = std::string_view(norm).substr(sr.begin, sr.end - sr.begin);
        if (rules.rule(*index).context.empty() || !rules.context_present(*index, sentence)) continue;
        TraceEntry e;
        e.outcome = run.is_boilerplate(s) ? TraceEntry::Outcome::boilerplate : TraceEntry::Outcome::no_match;
        e.sentence = run.original(sr.begin, sr.end);
        e.section = run.section_path(seg.sentences[s].section);
        e.start = run.original_start(sr.begin);
        out.push_back(std::move(e));
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const TraceEntry& a, const TraceEntry& b) { return a.start < b.start; });
    return out;
}

}  // namespace metrex::match
