// Tested by tests/unit/rules_test.cpp
#include "engine/rules/rules.hpp"
#include "engine/rules/scalar_positions.hpp"
#include "engine/values/values.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

namespace metrex::rules {

const char* to_string(RuleKind kind) {
    switch (kind) {
        case RuleKind::indicator: return "indicator";
        case RuleKind::program: return "program";
        case RuleKind::document: return "document";
        case RuleKind::field: return "field";
        case RuleKind::exclusion: return "exclusion";
        case RuleKind::boilerplate: return "boilerplate";
        case RuleKind::planned: return "planned";
        case RuleKind::change: return "change";
    }
    return "indicator";
}

const Lexicon* RuleSet::lexicon(const std::string& name) const {
    for (const auto& l : lexicons)
        if (l.name == name) return &l;
    return nullptr;
}

const Rule* RuleSet::rule(const std::string& id) const {
    for (const auto& r : rules)
        if (r.id == id) return &r;
    return nullptr;
}

namespace {

using detail::FileText;

// Top-level sections of a rule file and the kind of rule each holds.
const std::map<std::string, RuleKind> kSections = {
    {"indicators", RuleKind::indicator}, {"programs", RuleKind::program},
    {"documents", RuleKind::document},   {"fields", RuleKind::field},
    {"exclusions", RuleKind::exclusion}, {"boilerplate", RuleKind::boilerplate},
    {"planned", RuleKind::planned},      {"changes", RuleKind::change},
};

const std::set<std::string> kCommonKeys = {"id",     "match",    "context",  "not_context", "within",
                                           "not_within", "priority", "examples", "note", "overlapping"};

// Keys a rule of each kind may carry besides the common ones.
const std::map<RuleKind, std::set<std::string>> kKindKeys = {
    {RuleKind::indicator, {"indicator", "label", "value", "unit", "subject", "lists"}},
    {RuleKind::program, {"category"}},
    {RuleKind::document, {"doc_type", "action"}},
    {RuleKind::field, {"name", "multiple"}},
    {RuleKind::exclusion, {"applies_to"}},
    {RuleKind::boilerplate, {}},
    {RuleKind::planned, {"applies_to"}},
    {RuleKind::change, {}},
};

const std::map<RuleKind, std::set<std::string>> kRequiredKeys = {
    {RuleKind::indicator, {"id", "match", "label", "value"}},
    {RuleKind::program, {"id", "match"}},
    {RuleKind::document, {"id", "match"}},
    {RuleKind::field, {"id", "match", "name"}},
    {RuleKind::exclusion, {"id", "match"}},
    {RuleKind::boilerplate, {"id", "match"}},
    {RuleKind::planned, {"id", "match"}},
    {RuleKind::change, {"id", "match"}},
};

// Fields an example's `expect:` may name, per kind; the first is the one a bare scalar
// (`expect: 169`) stands for.
const std::map<RuleKind, std::vector<std::string>> kExpectFields = {
    {RuleKind::indicator,
     {"value", "unit", "qualifier", "subject", "change", "raw", "text", "planned",
      "indicator", "label", "upper"}},
    {RuleKind::program, {"name", "category", "head", "canonical", "text", "planned"}},
    {RuleKind::document, {"title", "doc_type", "action", "canonical", "text", "planned"}},
    {RuleKind::field, {"value", "name", "text"}},
    {RuleKind::exclusion, {"text"}},
    {RuleKind::boilerplate, {"text"}},
    {RuleKind::planned, {"text"}},
    {RuleKind::change, {"value", "direction", "unit", "basis", "from"}},
};

const std::set<std::string> kFieldNames = {"region", "year",       "published",
                                           "issuer", "doc_number", "title"};
const std::set<std::string> kCategories = {"reform", "brand",    "platform", "mechanism",
                                           "campaign", "venue",  "plan",     "hotline",
                                           "award",  "list",     "other"};

std::string did_you_mean(const std::string& word, const std::set<std::string>& choices) {
    const auto best = closest_match(word, std::vector<std::string>(choices.begin(), choices.end()));
    return best ? "did you mean '" + *best + "'?" : std::string();
}

std::string join(const std::set<std::string>& words) {
    std::string out;
    for (const auto& w : words) out += (out.empty() ? "" : ", ") + w;
    return out;
}

// Rule authors write `match: @receive {count: @case_unit}`; YAML reserves '@', reads
// '{' as a mapping and ': ' as a key. So for the expression keys only, a value that is
// not quoted, not a block scalar (| >) and not a [list] is taken verbatim to the end of
// the line (less a ' #' comment) and wrapped in single quotes before YAML sees it. `shifted` records, per line, the byte column of the inserted
// quote so that positions can be mapped back.
std::string quote_bare_expressions(const std::string& contents, std::map<int, int>& shifted) {
    static const std::regex key_line(
        R"(^(\s*(?:-\s+)?(?:match|context|not_context)\s*:[ \t]+)([^'"|>\[\s].*?)(\s+#.*)?$)");
    std::ostringstream out;
    std::istringstream in(contents);
    int line_number = 0;
    std::string line;
    bool first = true;
    while (std::getline(in, line)) {
        if (!first) out << '\n';
        first = false;
        std::smatch m;
        bool cr = !line.empty() && line.back() == '\r';
        if (cr) line.pop_back();
        if (std::regex_match(line, m, key_line)) {
            std::string value = m[2].str();
            std::string escaped;
            for (char c : value) escaped += (c == '\'') ? std::string("''") : std::string(1, c);
            shifted[line_number] = static_cast<int>(m[1].length());
            out << m[1].str() << '\'' << escaped << '\'' << m[3].str();
        } else {
            out << line;
        }
        if (cr) out << '\r';
        ++line_number;
    }
    if (!contents.empty() && contents.back() == '\n') out << '\n';
    return out.str();
}

class FileLoader {
public:
    FileLoader(const std::string& file, const std::string& contents, RuleSet& set,
               Diagnostics& diagnostics, std::map<std::string, SourcePosition>& seen_ids,
               std::map<std::string, SourcePosition>& seen_lexicons)
        : text_(file, contents),
          contents_(contents),
          set_(set),
          diags_(diagnostics),
          seen_ids_(seen_ids),
          seen_lexicons_(seen_lexicons) {}

    void load() {
        const std::string yaml = quote_bare_expressions(contents_, shifted_);
        YAML::Node root;
        try {
            root = YAML::Load(yaml);
        } catch (const YAML::Exception& e) {
            diags_.error(position(e.mark), "yaml.syntax", "invalid YAML: " + e.msg,
                         "put text that contains ': ' or ' #', or ends with ':', in quotes (match: "
                         "needs none when it is on a line of its own)");
            return;
        }
        if (root.IsNull()) return;  // an empty file is allowed
        if (!root.IsMap()) {
            diags_.error(position(root.Mark()), "rules.not-a-map",
                         "a rule file is a mapping of sections (lexicons, indicators, ...)");
            return;
        }
        std::set<std::string> allowed;
        allowed.insert("lexicons");
        allowed.insert("extend_lexicons");
        allowed.insert("aliases");
        for (const auto& [name, kind] : kSections) allowed.insert(name);
        check_duplicate_keys(root);
        for (auto it = root.begin(); it != root.end(); ++it) {
            const std::string key = it->first.as<std::string>("");
            if (key == "lexicons") {
                load_lexicons(it->second, false);
            } else if (key == "extend_lexicons") {
                load_lexicons(it->second, true);
            } else if (key == "aliases") {
                load_aliases(it->second);
            } else if (auto section = kSections.find(key); section != kSections.end()) {
                load_rules(it->second, section->second, key);
            } else {
                diags_.error(position(it->first.Mark()), "rules.unknown-section",
                             "unknown section '" + key + "'",
                             hint_or(did_you_mean(key, allowed),
                                     "sections are: " + join(allowed)));
            }
        }
    }

private:
    static std::string hint_or(const std::string& a, const std::string& b) {
        return a.empty() ? b : a;
    }

    SourcePosition position(const YAML::Mark& mark) const {
        if (mark.line < 0) return {text_.file(), 0, 0};
        int byte_column = mark.column;
        if (auto it = shifted_.find(mark.line); it != shifted_.end() && byte_column > it->second)
            --byte_column;  // the inserted opening quote
        return {text_.file(), mark.line + 1, text_.column_of_byte(mark.line, byte_column)};
    }

    SourceText source_text(const YAML::Node& node) const {
        const YAML::Mark mark = node.Mark();
        return text_.locate(node.Scalar(), mark.line, mark.column);
    }

    void check_duplicate_keys(const YAML::Node& map) {
        std::set<std::string> keys;
        for (auto it = map.begin(); it != map.end(); ++it) {
            const std::string key = it->first.as<std::string>("");
            if (!keys.insert(key).second)
                diags_.error(position(it->first.Mark()), "rules.duplicate-key",
                             "duplicate key '" + key + "'", "a key may appear once per entry");
        }
    }

    bool expect_string_list(const YAML::Node& node, const std::string& what) {
        if (!node.IsSequence()) {
            diags_.error(position(node.Mark()), "rules.expected-list",
                         what + " must be a list of words, like [收到, 新收]");
            return false;
        }
        for (const auto& item : node) {
            if (!item.IsScalar() || item.Scalar().empty()) {
                diags_.error(position(item.Mark()), "rules.expected-word",
                             what + " must hold words (non-empty strings)");
                return false;
            }
        }
        return true;
    }

    // `lexicons:` defines lexicons; `extend_lexicons:` adds words to lexicons defined in any
    // file of the set (a user's file adding head words to the bundled pack's lexicon).
    // Extensions are applied after every file has loaded (finish_extensions).
    void load_lexicons(const YAML::Node& node, bool extension) {
        if (!node.IsMap()) {
            diags_.error(position(node.Mark()), "rules.lexicons-not-a-map",
                         "'lexicons' must map names to word lists, like receive: [收到, 新收]");
            return;
        }
        check_duplicate_keys(node);
        static const std::regex name_re("[A-Za-z_][A-Za-z0-9_]*");
        for (auto it = node.begin(); it != node.end(); ++it) {
            Lexicon lex;
            lex.name = it->first.as<std::string>("");
            lex.position = position(it->first.Mark());
            if (!std::regex_match(lex.name, name_re)) {
                diags_.error(lex.position, "rules.bad-lexicon-name",
                             "lexicon name '" + lex.name + "' must be ASCII letters, digits and _",
                             "expressions refer to it as @name");
                continue;
            }
            const YAML::Node& body = it->second;
            if (body.IsMap()) {  // categorised: category -> words
                for (auto c = body.begin(); c != body.end(); ++c) {
                    const std::string category = c->first.as<std::string>("");
                    if (!expect_string_list(c->second, "lexicon '" + lex.name + "' category '" +
                                                           category + "'"))
                        continue;
                    for (const auto& w : c->second) {
                        lex.words.push_back(w.Scalar());
                        lex.category[w.Scalar()] = category;
                    }
                }
            } else if (expect_string_list(body, "lexicon '" + lex.name + "'")) {
                for (const auto& w : body) lex.words.push_back(w.Scalar());
            } else {
                continue;
            }
            if (extension) {
                pending_extensions_.push_back(std::move(lex));
                continue;
            }
            if (auto seen = seen_lexicons_.find(lex.name); seen != seen_lexicons_.end()) {
                diags_.error(lex.position, "rules.duplicate-lexicon",
                             "lexicon '" + lex.name + "' is defined twice",
                             "first defined at " + seen->second.file + ":" +
                                 std::to_string(seen->second.line));
                continue;
            }
            seen_lexicons_[lex.name] = lex.position;
            set_.lexicons.push_back(std::move(lex));
        }
    }

    // aliases:
    //   - canonical: 放管服
    //     variants: [“放管服”改革, 简政放权、放管结合、优化服务改革]
    void load_aliases(const YAML::Node& node) {
        if (!node.IsSequence()) {
            diags_.error(position(node.Mark()), "rules.aliases-not-a-list",
                         "'aliases' must be a list of {canonical: ..., variants: [...]}");
            return;
        }
        for (const auto& entry : node) {
            if (!entry.IsMap() || !entry["canonical"].IsScalar() || !entry["variants"].IsDefined()) {
                diags_.error(position(entry.Mark()), "rules.bad-alias",
                             "an alias needs 'canonical:' (a name) and 'variants:' (a list of names)");
                continue;
            }
            for (auto it = entry.begin(); it != entry.end(); ++it) {
                const std::string key = it->first.as<std::string>("");
                if (key != "canonical" && key != "variants" && key != "note")
                    diags_.error(position(it->first.Mark()), "rules.unknown-key", "unknown key '" + key + "'",
                                 hint_or(did_you_mean(key, {"canonical", "variants", "note"}),
                                         "an alias has canonical: and variants:"));
            }
            if (!expect_string_list(entry["variants"], "alias variants")) continue;
            Alias alias;
            alias.canonical = entry["canonical"].Scalar();
            alias.position = position(entry.Mark());
            for (const auto& v : entry["variants"]) alias.variants.push_back(v.Scalar());
            set_.aliases.push_back(std::move(alias));
        }
    }

    void load_rules(const YAML::Node& node, RuleKind kind, const std::string& section) {
        if (!node.IsSequence()) {
            diags_.error(position(node.Mark()), "rules.section-not-a-list",
                         "'" + section + "' must be a list of rules, each starting with '- id:'");
            return;
        }
        for (const auto& entry : node) load_rule(entry, kind, section);
    }

    bool scalar_or_error(const YAML::Node& node, const std::string& key) {
        if (node.IsScalar()) return true;
        std::string hint;
        if (key == "match" || key == "context" || key == "not_context")
            hint = "YAML read this as a " + std::string(node.IsMap() ? "mapping" : "list") +
                   "; put the expression in single quotes";
        diags_.error(position(node.Mark()), "rules.expected-text",
                     "'" + key + "' must be text", hint);
        return false;
    }

    void load_rule(const YAML::Node& node, RuleKind kind, const std::string& section) {
        if (!node.IsMap()) {
            diags_.error(position(node.Mark()), "rules.rule-not-a-map",
                         "each entry of '" + section + "' must be a rule with 'id:' and 'match:'");
            return;
        }
        check_duplicate_keys(node);
        Rule rule;
        rule.kind = kind;
        rule.file = text_.file();
        rule.position = position(node.Mark());
        std::set<std::string> allowed = kCommonKeys;
        for (const auto& k : kKindKeys.at(kind)) allowed.insert(k);
        const std::size_t errors_before = diags_.error_count();

        for (auto it = node.begin(); it != node.end(); ++it) {
            const std::string key = it->first.as<std::string>("");
            const YAML::Node& value = it->second;
            const SourcePosition key_at = position(it->first.Mark());
            if (!allowed.count(key)) {
                std::string hint = did_you_mean(key, allowed);
                if (hint.empty()) hint = std::string(to_string(kind)) + " rules take: " + join(allowed);
                diags_.error(key_at, "rules.unknown-key", "unknown key '" + key + "'", hint);
                continue;
            }
            if (key == "id") {
                if (scalar_or_error(value, key)) rule.id = value.Scalar();
            } else if (key == "match") {
                if (scalar_or_error(value, key)) rule.match = source_text(value);
            } else if (key == "context" || key == "not_context") {
                auto& target = key == "context" ? rule.context : rule.not_context;
                if (value.IsSequence()) {
                    for (const auto& item : value)
                        if (scalar_or_error(item, key)) target.push_back(source_text(item));
                } else if (scalar_or_error(value, key)) {
                    target.push_back(source_text(value));
                }
            } else if (key == "within" || key == "not_within") {
                if (!scalar_or_error(value, key)) continue;
                const std::string w = value.Scalar();
                std::optional<Scope> scope;
                if (w == "clause") scope = Scope::clause;
                else if (w == "sentence") scope = Scope::sentence;
                else if (w == "section") scope = Scope::section;
                else
                    diags_.error(position(value.Mark()), "rules.bad-within",
                                 "'" + key + "' must be clause, sentence or section, not '" + w + "'");
                if (scope && key == "within") rule.within = *scope;
                if (scope && key == "not_within") rule.not_within = scope;
            } else if (key == "priority") {
                try {
                    rule.priority = value.as<int>();
                } catch (const YAML::Exception&) {
                    diags_.error(position(value.Mark()), "rules.bad-priority",
                                 "'priority' must be a whole number, like 10 or -5");
                }
            } else if (key == "examples") {
                load_examples(value, rule);
            } else if (key == "overlapping") {
                if (scalar_or_error(value, key) && value.Scalar() != "true" && value.Scalar() != "false")
                    diags_.error(position(value.Mark()), "rules.bad-overlapping", "'overlapping' is true or false");
                else
                    rule.overlapping = value.Scalar() == "true";
            } else if (key == "note") {
                // free text for humans
            } else if (scalar_or_error(value, key)) {
                rule.attributes[key] = value.Scalar();
                validate_attribute(kind, key, value);
            }
        }
        for (const auto& required : kRequiredKeys.at(kind)) {
            const bool present = node[required].IsDefined();
            if (!present)
                diags_.error(rule.position, "rules.missing-key",
                             std::string(to_string(kind)) + " rule " +
                                 (rule.id.empty() ? "" : "'" + rule.id + "' ") + "needs '" +
                                 required + ":'");
        }
        if (!rule.id.empty()) {
            if (auto seen = seen_ids_.find(rule.id); seen != seen_ids_.end()) {
                diags_.error(rule.position, "rules.duplicate-id",
                             "rule id '" + rule.id + "' is used twice",
                             "first used at " + seen->second.file + ":" +
                                 std::to_string(seen->second.line) + "; ids are unique across a rule set");
                return;
            }
            seen_ids_[rule.id] = rule.position;
        }
        if (diags_.error_count() == errors_before) set_.rules.push_back(std::move(rule));
    }

    void validate_attribute(RuleKind kind, const std::string& key, const YAML::Node& value) {
        const std::string v = value.Scalar();
        auto bad = [&](const std::set<std::string>& choices, const std::string& what) {
            if (choices.count(v)) return;
            std::string hint = did_you_mean(v, choices);
            diags_.error(position(value.Mark()), "rules.bad-" + key,
                         "unknown " + what + " '" + v + "'",
                         hint.empty() ? what + " is one of: " + join(choices) : hint);
        };
        if (kind == RuleKind::indicator && key == "value")
            bad({values::kind_names().begin(), values::kind_names().end()}, "value kind");
        if (kind == RuleKind::field && key == "name") bad(kFieldNames, "field name");
        if (kind == RuleKind::program && key == "category") bad(kCategories, "category");
        if (kind == RuleKind::planned && key == "applies_to") bad({"sentence", "section"}, "scope");
        if (kind == RuleKind::exclusion && key == "applies_to") bad({"values", "fields", "all"}, "target");
        if (kind == RuleKind::document && key == "doc_type")
            bad({"law", "regulation", "policy", "plan", "list", "guide", "agreement", "media", "book", "other"}, "doc_type");
        if (kind == RuleKind::document && key == "action") bad({"issued", "implemented", "cited"}, "action");
    }

    void load_examples(const YAML::Node& node, Rule& rule) {
        if (!node.IsSequence()) {
            diags_.error(position(node.Mark()), "rules.examples-not-a-list",
                         "'examples' must be a list of {text: ..., expect: ...}");
            return;
        }
        const auto& fields = kExpectFields.at(rule.kind);
        const std::set<std::string> field_set(fields.begin(), fields.end());
        for (const auto& entry : node) {
            Example ex;
            ex.position = position(entry.Mark());
            if (!entry.IsMap()) {
                diags_.error(ex.position, "rules.bad-example",
                             "an example is a mapping: - text: ... / expect: ...");
                continue;
            }
            check_duplicate_keys(entry);
            for (auto it = entry.begin(); it != entry.end(); ++it) {
                const std::string key = it->first.as<std::string>("");
                if (key != "text" && key != "expect" && key != "note") {
                    // Chinese "keys" are text cut off at a comma of a flow-style example.
                    const bool cut_text = !key.empty() && static_cast<unsigned char>(key[0]) >= 0x80;
                    diags_.error(position(it->first.Mark()), "rules.bad-example-key",
                                 "unknown example key '" + key + "'",
                                 cut_text ? "in {text: ..., expect: ...} a comma ends the text: put the text in quotes"
                                          : hint_or(did_you_mean(key, {"text", "expect", "note"}),
                                                    "an example has text: and expect:"));
                }
            }
            const YAML::Node text = entry["text"];
            const YAML::Node expect = entry["expect"];
            if (!text.IsDefined() || !text.IsScalar() || text.Scalar().empty()) {
                diags_.error(ex.position, "rules.example-without-text",
                             "example needs 'text:' with the sentence to try");
                continue;
            }
            ex.text = source_text(text);
            if (!expect.IsDefined()) {
                diags_.error(ex.position, "rules.example-without-expect",
                             "example needs 'expect:' (a value, a mapping of fields, or none)");
                continue;
            }
            if (expect.IsScalar() && expect.Scalar() == "none") {
                ex.expect_none = true;
            } else if (expect.IsSequence()) {
                for (const auto& item : expect) {
                    auto record = expected_record(item, rule.kind, fields, field_set);
                    if (record) ex.records.push_back(std::move(*record));
                }
            } else {
                auto record = expected_record(expect, rule.kind, fields, field_set);
                if (record) ex.records.push_back(std::move(*record));
            }
            rule.examples.push_back(std::move(ex));
        }
    }

    std::optional<ExpectedRecord> expected_record(const YAML::Node& node, RuleKind kind,
                                                  const std::vector<std::string>& fields,
                                                  const std::set<std::string>& field_set) {
        ExpectedRecord record;
        if (node.IsScalar()) {
            record[fields.front()].scalar = node.Scalar();
            return record;
        }
        if (!node.IsMap()) {
            diags_.error(position(node.Mark()), "rules.bad-expect",
                         "'expect' is none, a value, a mapping of fields, or a list of those");
            return std::nullopt;
        }
        bool ok = true;
        for (auto it = node.begin(); it != node.end(); ++it) {
            const std::string key = it->first.as<std::string>("");
            if (!field_set.count(key)) {
                diags_.error(position(it->first.Mark()), "rules.bad-expect-field",
                             "a " + std::string(to_string(kind)) + " record has no field '" + key + "'",
                             hint_or(did_you_mean(key, field_set), "fields: " + join(field_set)));
                ok = false;
                continue;
            }
            ExpectedValue v;
            if (it->second.IsMap()) {
                v.is_map = true;
                for (auto f = it->second.begin(); f != it->second.end(); ++f)
                    v.fields[f->first.as<std::string>("")] =
                        f->second.IsScalar() ? f->second.Scalar() : std::string();
            } else if (it->second.IsScalar()) {
                v.scalar = it->second.Scalar();
            } else {
                diags_.error(position(it->second.Mark()), "rules.bad-expect-value",
                             "expected field '" + key + "' must be a value or a mapping");
                ok = false;
                continue;
            }
            record[key] = std::move(v);
        }
        if (!ok) return std::nullopt;
        return record;
    }

public:
    std::vector<Lexicon> take_extensions() { return std::move(pending_extensions_); }

private:
    std::vector<Lexicon> pending_extensions_;
    FileText text_;
    const std::string& contents_;
    RuleSet& set_;
    Diagnostics& diags_;
    std::map<std::string, SourcePosition>& seen_ids_;
    std::map<std::string, SourcePosition>& seen_lexicons_;
    std::map<int, int> shifted_;
};

struct Loader {
    RuleSet set;
    std::map<std::string, SourcePosition> seen_ids, seen_lexicons;
    std::vector<Lexicon> extensions;

    void load_string(const std::string& contents, const std::string& file, Diagnostics& diags) {
        set.files.push_back(file);
        FileLoader loader(file, contents, set, diags, seen_ids, seen_lexicons);
        loader.load();
        for (auto& e : loader.take_extensions()) extensions.push_back(std::move(e));
    }

    // Adds the `extend_lexicons:` words to their lexicons; a plain lexicon takes plain
    // words, a categorised one categorised words.
    void finish_extensions(Diagnostics& diags) {
        for (auto& ext : extensions) {
            auto it = std::find_if(set.lexicons.begin(), set.lexicons.end(),
                                   [&](const Lexicon& l) { return l.name == ext.name; });
            if (it == set.lexicons.end()) {
                diags.error(ext.position, "rules.extend-unknown-lexicon",
                            "cannot extend lexicon '" + ext.name + "': no file defines it",
                            "define it under 'lexicons:' or load the file that does (--rules)");
                continue;
            }
            if (it->category.empty() != ext.category.empty()) {
                diags.error(ext.position, "rules.extend-shape",
                            "lexicon '" + ext.name + "' is " + (it->category.empty() ? "a plain list" : "categorised") +
                                "; extend it the same way");
                continue;
            }
            for (const auto& w : ext.words) {
                if (std::find(it->words.begin(), it->words.end(), w) == it->words.end()) it->words.push_back(w);
                if (ext.category.count(w)) it->category[w] = ext.category.at(w);
            }
        }
        extensions.clear();
    }
};

}  // namespace

RuleSet load_rules(const std::vector<std::string>& paths, Diagnostics& diagnostics) {
    namespace fs = std::filesystem;
    Loader loader;
    for (const auto& path : paths) {
        std::error_code ec;
        std::vector<fs::path> files;
        if (fs::is_directory(path, ec)) {
            for (auto it = fs::recursive_directory_iterator(path, ec);
                 !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
                const auto ext = it->path().extension();
                if (it->is_regular_file() && (ext == ".yaml" || ext == ".yml"))
                    files.push_back(it->path());
            }
            std::sort(files.begin(), files.end());
            if (files.empty())
                diagnostics.error({path, 0, 0}, "rules.empty-directory",
                                  "no .yaml rule files in this directory");
        } else if (fs::exists(path, ec)) {
            files.push_back(path);
        } else {
            diagnostics.error({path, 0, 0}, "rules.not-found", "rule file or directory not found");
        }
        for (const auto& file : files) {
            std::ifstream in(file, std::ios::binary);
            std::ostringstream buf;
            buf << in.rdbuf();
            if (!in && !in.eof()) {
                diagnostics.error({file.string(), 0, 0}, "rules.unreadable", "cannot read file");
                continue;
            }
            loader.load_string(buf.str(), file.lexically_normal().string(), diagnostics);
        }
    }
    loader.finish_extensions(diagnostics);
    return std::move(loader.set);
}

RuleSet load_rules_from_string(const std::string& yaml, const std::string& file,
                               Diagnostics& diagnostics) {
    Loader loader;
    loader.load_string(yaml, file, diagnostics);
    loader.finish_extensions(diagnostics);
    return std::move(loader.set);
}

}  // namespace metrex::rules
