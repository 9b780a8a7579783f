// Tested by tests/unit/review_test.cpp (segments, escaping, code point offsets) and
// tests/review/review_page.sh (the page in headless Chromium: highlights, filters,
// the page's own offset self-check, a screenshot)
//
// The review page: documents with their records highlighted, as one self-contained HTML
// file. All cutting of text happens here in UTF-8 and code points, so the page's script
// only reads ready-made elements (JS strings are UTF-16: no offset arithmetic there).
#include "engine/output/output.hpp"

#include <algorithm>
#include <map>
#include <string_view>

namespace metrex::output {

namespace {

// Bytes of the well-formed UTF-8 sequence at s[i] (Unicode Table 3-7), or 0 when the
// byte there does not start one. Ill-formed bytes are one code point each, as in
// engine/text, so record offsets line up with the text stage's counting.
std::size_t sequence_length(std::string_view s, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
    const std::size_t left = s.size() - i;
    const auto continuation = [&](std::size_t k, unsigned lo = 0x80, unsigned hi = 0xBF) {
        return k < left && byte(k) >= lo && byte(k) <= hi;
    };
    const unsigned c = byte(0);
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) return continuation(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        const unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
        return continuation(1, lo, hi) && continuation(2) ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        const unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
        return continuation(1, lo, hi) && continuation(2) && continuation(3) ? 4 : 0;
    }
    return 0;
}

// offsets[k] = byte where code point k starts; offsets.back() == s.size().
std::vector<std::size_t> code_point_offsets(std::string_view s) {
    std::vector<std::size_t> offsets;
    offsets.reserve(s.size() / 2 + 1);
    for (std::size_t i = 0; i < s.size();) {
        offsets.push_back(i);
        const std::size_t n = sequence_length(s, i);
        i += n ? n : 1;
    }
    offsets.push_back(s.size());
    return offsets;
}

// HTML text or attribute value: markup characters escaped, ill-formed bytes as U+FFFD,
// control characters as character references (a raw CR would be folded into the next
// LF by the HTML parser and shift every later offset by one).
void append_escaped(std::string& out, std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t n = sequence_length(s, i);
        if (n == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
            continue;
        }
        if (n > 1) {
            out.append(s.data() + i, n);
            i += n;
            continue;
        }
        const char c = s[i++];
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            case '\n':
            case '\t': out += c; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
                    static const char* const kHex = "0123456789ABCDEF";
                    out += "&#x";
                    out += kHex[(c >> 4) & 0xF];
                    out += kHex[c & 0xF];
                    out += ';';
                } else {
                    out += c;
                }
        }
    }
}

// JSON inside <script type="application/json">: ill-formed bytes as U+FFFD, and < > &
// as \u escapes so no "</script>" or "<!--" can end the element early. (These three
// only ever occur inside JSON strings, where the escapes mean the same characters.)
void append_script_json(std::string& out, std::string_view json) {
    for (std::size_t i = 0; i < json.size();) {
        const std::size_t n = sequence_length(json, i);
        if (n == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
            continue;
        }
        const char c = json[i];
        if (c == '<') out += "\\u003c";
        else if (c == '>') out += "\\u003e";
        else if (c == '&') out += "\\u0026";
        else out.append(json.data() + i, n);
        i += n;
    }
}

bool placed(const Record& r, std::size_t length) {
    return r.type != "error" && r.start < r.end && r.end <= length;
}

const char* type_class(const std::string& type) {
    if (type == "indicator") return "t-indicator";
    if (type == "program") return "t-program";
    if (type == "document") return "t-document";
    if (type == "field") return "t-field";
    return "t-other";
}

// The filter key of a record: its type, or "metric" for the generic indicator.
std::string filter_key(const Record& r) {
    return r.type == "indicator" && r.indicator == "metric" ? "metric" : r.type;
}

// One short line about a record, for the list of records without a place in the text.
std::string summary(const Record& r) {
    if (r.type == "indicator") return r.label + " " + r.raw;
    if (r.type == "program") return r.name;
    if (r.type == "document") return "《" + r.title + "》";
    if (r.type == "field") return r.name + ": " + r.value_text;
    if (r.type == "error") return r.error + ": " + r.message;
    return r.text;
}

void append_mark_open(std::string& out, const Record& r, std::size_t global, bool first, bool last) {
    out += "<mark class=\"m ";
    out += type_class(r.type);
    if (r.type == "indicator" && r.indicator == "metric") out += " metric";
    if (r.planned) out += " planned";
    if (first) out += " s";
    if (last) out += " e";
    out += "\" data-record=\"" + std::to_string(global) + "\" data-type=\"";
    append_escaped(out, r.type);
    out += "\" data-rule=\"";
    append_escaped(out, r.rule);
    out += "\" data-indicator=\"";
    append_escaped(out, r.indicator);
    out += "\">";
}

constexpr const char* kTypes[] = {"indicator", "metric", "program", "document", "field"};

const char* kStyle = R"css(
:root{--ind:#1d5fd1;--ind-bg:rgba(29,95,209,.19);--prog:#16813a;--prog-bg:rgba(22,150,58,.21);
--doc:#c25e00;--doc-bg:rgba(235,125,0,.23);--field:#7435c9;--field-bg:rgba(116,53,201,.19);
--metric:#7d7d7d;--metric-bg:rgba(125,125,125,.16);--line:#d5d9de}
*{box-sizing:border-box}
html,body{height:100%}
body{margin:0;display:flex;flex-direction:column;overflow:hidden;color:#1f2328;background:#f3f4f6;
font:14px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","Source Han Sans SC","PingFang SC",
"Microsoft YaHei","WenQuanYi Micro Hei",sans-serif}
header{flex:none;z-index:5;background:#fff;border-bottom:1px solid var(--line);
padding:8px 16px;display:flex;flex-wrap:wrap;gap:6px 18px;align-items:center}
h1{font-size:16px;margin:0 6px 0 0}
.stats,.note{color:#57606a}
.note{font-size:12px}
.legend{display:flex;flex-wrap:wrap;gap:4px 8px}
.key{display:inline-flex;align-items:center;gap:5px;padding:2px 8px;border:1px solid var(--line);
border-radius:999px;cursor:pointer;user-select:none;background:#fff}
.key input{margin:0}
.key .sw{display:inline-block;width:22px;height:14px;border-radius:3px;background:var(--bg);
border-bottom:2px solid var(--c)}
.key.metric .sw{border-bottom-style:dashed}
.key b{font-weight:600;color:#57606a}
.pick{display:inline-flex;align-items:center;gap:6px}
select{max-width:440px;font:inherit;padding:2px 4px}
button{font:inherit;padding:1px 9px;border:1px solid var(--line);border-radius:6px;background:#fff;cursor:pointer}
#hits{color:#57606a;min-width:4em}
.layout{flex:1;min-height:0;display:grid;grid-template-columns:minmax(0,1fr) 400px;gap:16px;padding-left:16px}
main{overflow:auto;min-height:0;padding:16px 4px 0 0}
nav.docs{background:#fff;border:1px solid var(--line);border-radius:8px;padding:8px 14px;margin-bottom:16px}
nav.docs a{margin-right:14px;white-space:nowrap}
article{background:#fff;border:1px solid var(--line);border-radius:8px;padding:14px 28px 22px;margin-bottom:16px}
article h2{font-size:15px;margin:0 0 2px;font-family:ui-monospace,monospace}
.meta{color:#57606a;margin:0 0 10px}
.error{color:#b42318;background:#fef3f2;border:1px solid #fecdca;border-radius:6px;padding:6px 10px}
.unplaced{margin:0 0 10px;display:flex;flex-wrap:wrap;gap:4px;align-items:center;color:#57606a}
.chip{border-bottom:2px solid var(--c);background:var(--bg);border-radius:4px}
.text{white-space:pre-wrap;overflow-wrap:anywhere;font-size:16px;line-height:2.1;max-width:52em;
border-top:1px solid var(--line);padding-top:10px}
mark.m{color:inherit;background:var(--bg);border-bottom:2px solid var(--c);cursor:pointer;padding:1px 0}
mark.m mark.m{padding-bottom:4px}
mark.m mark.m mark.m{padding-bottom:7px}
mark.s{border-top-left-radius:3px;border-bottom-left-radius:3px}
mark.e{border-top-right-radius:3px;border-bottom-right-radius:3px}
.t-indicator{--c:var(--ind);--bg:var(--ind-bg)}
.t-program{--c:var(--prog);--bg:var(--prog-bg)}
.t-document{--c:var(--doc);--bg:var(--doc-bg)}
.t-field{--c:var(--field);--bg:var(--field-bg)}
.t-other,.metric{--c:var(--metric);--bg:var(--metric-bg)}
mark.metric{border-bottom-style:dashed}
mark.planned{font-style:italic}
mark.m.dim{--bg:transparent;--c:rgba(0,0,0,.10)}
mark.m.off{--bg:transparent;--c:transparent;cursor:text}
body.filtering mark.m:not(.dim):not(.off){box-shadow:0 0 0 1px var(--c)}
mark.m.sel{background:rgba(255,208,0,.5);border-bottom-width:3px}
aside{overflow:auto;align-self:start;max-height:calc(100% - 32px);margin:16px 16px 16px 0;background:#fff;
border:1px solid var(--line);border-radius:8px;padding:12px 14px}
aside h3{font-size:14px;margin:0 0 8px}
.help{color:#57606a;margin:0 0 8px}
.rec{border-left:4px solid var(--c);padding:4px 0 4px 10px;margin:0 0 14px}
.rec h4{margin:0 0 4px;font-size:13px;font-family:ui-monospace,monospace;word-break:break-all}
.rec table{border-collapse:collapse;width:100%;font-size:13px}
.rec th{text-align:left;vertical-align:top;color:#57606a;font-weight:normal;padding:1px 8px 1px 0;white-space:nowrap}
.rec td{padding:1px 0;word-break:break-word}
#tip{position:fixed;z-index:10;max-width:440px;background:#1f2328;color:#fff;font-size:13px;
padding:6px 9px;border-radius:6px;pointer-events:none;white-space:pre-line;box-shadow:0 4px 14px rgba(0,0,0,.25)}
@media (max-width:900px){body{display:block;overflow:visible;height:auto}.layout{display:block;padding:0 16px}
main{overflow:visible}aside{max-height:none;margin:0 0 16px}}
)css";

const char* kScript = R"js(
(function () {
  'use strict';
  var records = JSON.parse(document.getElementById('metrex-records').textContent);
  var body = document.body;
  var marks = Array.prototype.slice.call(document.querySelectorAll('mark[data-record]'));
  var byRecord = {};
  marks.forEach(function (m) { (byRecord[m.dataset.record] = byRecord[m.dataset.record] || []).push(m); });

  // Self-check: the marks of every record spell exactly its text (offsets survived).
  var bad = [];
  Object.keys(byRecord).forEach(function (i) {
    var t = byRecord[i].map(function (m) { return m.textContent; }).join('');
    if (t !== records[i].text) bad.push(i);
  });
  body.dataset.highlighted = String(Object.keys(byRecord).length);
  body.dataset.offsets = bad.length ? 'mismatch ' + bad.join(',') : 'ok';

  var boxes = Array.prototype.slice.call(document.querySelectorAll('input[data-filter]'));
  var select = document.getElementById('indicator-filter');
  var hitsLabel = document.getElementById('hits');
  var panel = document.getElementById('panel-body');
  var tip = document.getElementById('tip');
  var hits = [], at = -1, selected = null;

  function key(m) { return m.dataset.indicator === 'metric' ? 'metric' : m.dataset.type; }

  function saveHash() {
    var parts = [];
    if (select.value) parts.push('indicator=' + encodeURIComponent(select.value));
    var hidden = boxes.filter(function (b) { return !b.checked; }).map(function (b) { return b.dataset.filter; });
    if (hidden.length) parts.push('hide=' + hidden.join(','));
    if (selected !== null) parts.push('record=' + selected);
    if (history.replaceState) history.replaceState(null, '', parts.length ? '#' + parts.join('&') : location.pathname);
  }

  function apply() {
    var hidden = {};
    boxes.forEach(function (b) { if (!b.checked) hidden[b.dataset.filter] = true; });
    var want = select.value, seen = {};
    hits = [];
    marks.forEach(function (m) {
      var off = !!hidden[key(m)];
      var dim = !off && want !== '' && m.dataset.indicator !== want;
      m.classList.toggle('off', off);
      m.classList.toggle('dim', dim);
      if (!off && !dim && !seen[m.dataset.record]) { seen[m.dataset.record] = true; hits.push(m); }
    });
    body.classList.toggle('filtering', want !== '');
    at = -1;
    hitsLabel.textContent = want ? hits.length + ' found' : '';
    saveHash();
  }

  function show(v) {
    if (v === null || v === undefined) return '';
    if (Array.isArray(v)) return v.join(' \u203a ');
    if (typeof v === 'object') return JSON.stringify(v);
    return String(v);
  }

  function short(r) {
    var s;
    if (r.type === 'indicator') {
      s = (r.label || r.indicator) + ' = ' + r.raw;
      if (r.value !== undefined) s += '  (' + r.value + (r.upper !== undefined ? '~' + r.upper : '') + ' ' + (r.unit || '') + ')';
      if (r.qualifier && r.qualifier !== 'exact') s += ' ' + r.qualifier;
      if (r.change) s += ' ' + r.change.direction + ' ' + (r.change.value !== undefined ? r.change.value : '') + (r.change.unit || '');
    } else if (r.type === 'program') s = '\u201c' + r.name + '\u201d ' + r.head + ' \u00b7 ' + r.category;
    else if (r.type === 'document') s = '\u300a' + r.title + '\u300b \u00b7 ' + r.doc_type + ' \u00b7 ' + r.action;
    else if (r.type === 'field') s = r.name + ' = ' + r.value;
    else s = r.text;
    return r.type + ' \u00b7 ' + r.rule + '\n' + s + (r.planned ? '\n(planned)' : '');
  }

  // The records at an element: its mark and the marks around it, outermost first.
  function chain(el) {
    var out = [];
    for (; el && el !== body; el = el.parentElement) {
      if (el.dataset && el.dataset.record !== undefined && !el.classList.contains('off')) out.unshift(el.dataset.record);
      if (el.classList && el.classList.contains('text')) break;
    }
    return out;
  }

  function renderPanel(ids) {
    panel.textContent = '';
    ids.forEach(function (i) {
      var r = records[i];
      var box = document.createElement('div');
      box.className = 'rec ' + (r.indicator === 'metric' ? 'metric' : 't-' + r.type);
      var h = document.createElement('h4');
      h.textContent = '#' + i + '  ' + r.type + ' \u00b7 ' + r.rule;
      box.appendChild(h);
      var table = document.createElement('table');
      Object.keys(r).forEach(function (k) {
        var tr = document.createElement('tr');
        var th = document.createElement('th');
        var td = document.createElement('td');
        th.textContent = k;
        td.textContent = show(r[k]);
        tr.appendChild(th); tr.appendChild(td); table.appendChild(tr);
      });
      box.appendChild(table);
      panel.appendChild(box);
    });
  }

  function select_(i, ids, scroll) {
    if (selected !== null && byRecord[selected]) byRecord[selected].forEach(function (m) { m.classList.remove('sel'); });
    selected = i;
    if (i !== null && byRecord[i]) {
      byRecord[i].forEach(function (m) { m.classList.add('sel'); });
      if (scroll) byRecord[i][0].scrollIntoView({block: 'center'});
    }
    renderPanel(ids || (i !== null ? [i] : []));
    saveHash();
  }

  function step(d) {
    if (!hits.length) return;
    at = (at + d + hits.length) % hits.length;
    select_(hits[at].dataset.record, chain(hits[at]), true);
    hitsLabel.textContent = (at + 1) + ' / ' + hits.length;
  }

  document.addEventListener('click', function (e) {
    var t = e.target;
    if (t.classList && t.classList.contains('chip')) { select_(t.dataset.record, null, false); return; }
    var ids = chain(t);
    if (ids.length) select_(ids[ids.length - 1], ids, false);
  });
  document.addEventListener('mouseover', function (e) {
    var ids = chain(e.target);
    if (!ids.length) { tip.hidden = true; return; }
    tip.textContent = ids.map(function (i) { return short(records[i]); }).join('\n\n');
    tip.hidden = false;
  });
  document.addEventListener('mousemove', function (e) {
    if (tip.hidden) return;
    var x = Math.min(e.clientX + 14, window.innerWidth - tip.offsetWidth - 8);
    var y = e.clientY + 18;
    if (y + tip.offsetHeight > window.innerHeight - 8) y = e.clientY - tip.offsetHeight - 12;
    tip.style.left = x + 'px'; tip.style.top = y + 'px';
  });
  document.addEventListener('keydown', function (e) {
    if (e.target === select) return;
    if (e.key === 'n') step(1);
    else if (e.key === 'p') step(-1);
  });
  boxes.forEach(function (b) { b.addEventListener('change', apply); });
  select.addEventListener('change', function () { apply(); if (select.value) step(1); });
  document.getElementById('next').addEventListener('click', function () { step(1); });
  document.getElementById('prev').addEventListener('click', function () { step(-1); });

  // State from the address: #indicator=ID&hide=field,metric&record=N
  var params = {};
  location.hash.replace(/^#/, '').split('&').forEach(function (p) {
    var kv = p.split('=');
    if (kv.length === 2) params[kv[0]] = decodeURIComponent(kv[1]);
  });
  if (params.hide) params.hide.split(',').forEach(function (k) {
    boxes.forEach(function (b) { if (b.dataset.filter === k) b.checked = false; });
  });
  if (params.indicator) {
    for (var o = 0; o < select.options.length; o++)
      if (select.options[o].value === params.indicator) select.value = params.indicator;
  }
  apply();
  if (params.record !== undefined && records[params.record]) {
    var first = byRecord[params.record] && byRecord[params.record][0];
    select_(params.record, first ? chain(first) : [params.record], true);
  } else if (select.value) step(1);
  body.dataset.ready = '1';
})();
)js";

}  // namespace

std::vector<ReviewSegment> review_segments(std::string_view text, const std::vector<Record>& records) {
    const auto offsets = code_point_offsets(text);
    const std::size_t length = offsets.size() - 1;
    std::vector<std::size_t> cuts{0, length};
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (!placed(records[i], length)) continue;
        order.push_back(i);
        cuts.push_back(records[i].start);
        cuts.push_back(records[i].end);
    }
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    // Outermost first: earliest start, then the longest, then input order.
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (records[a].start != records[b].start) return records[a].start < records[b].start;
        return records[a].end > records[b].end;
    });

    // Sweep: `active` stays a subsequence of `order`, hence outermost first.
    std::vector<ReviewSegment> segments;
    std::vector<std::size_t> active;
    std::size_t next = 0;
    for (std::size_t k = 0; k + 1 < cuts.size(); ++k) {
        const std::size_t a = cuts[k], b = cuts[k + 1];
        active.erase(std::remove_if(active.begin(), active.end(), [&](std::size_t i) { return records[i].end <= a; }),
                     active.end());
        while (next < order.size() && records[order[next]].start <= a) active.push_back(order[next++]);
        ReviewSegment segment;
        segment.start = a;
        segment.end = b;
        segment.byte_begin = offsets[a];
        segment.byte_end = offsets[b];
        segment.records = active;
        segments.push_back(std::move(segment));
    }
    return segments;
}

std::string review_html(const std::vector<ReviewDocument>& documents, const ReviewOptions& options) {
    // Page-wide numbering of records: document order, then each document's record order.
    std::vector<std::size_t> first_index(documents.size());
    std::size_t total = 0;
    std::map<std::string, std::size_t> type_counts;
    std::map<std::string, std::pair<std::string, std::size_t>> indicators;  // id -> label, count
    for (std::size_t d = 0; d < documents.size(); ++d) {
        first_index[d] = total;
        total += documents[d].records.size();
        for (const auto& r : documents[d].records) {
            ++type_counts[filter_key(r)];
            if (r.type == "indicator") {
                auto& entry = indicators[r.indicator];
                if (entry.first.empty()) entry.first = r.indicator == "metric" ? "unclaimed quantities" : r.label;
                ++entry.second;
            }
        }
    }

    std::string out;
    out.reserve(1 << 16);
    out += "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           "<meta name=\"generator\" content=\"metrex review\">\n<title>";
    append_escaped(out, options.title);
    out += "</title>\n<style>";
    out += kStyle;
    out += "</style>\n</head>\n<body data-ready=\"0\">\n<header>\n<h1>";
    append_escaped(out, options.title);
    out += "</h1>\n<span class=\"stats\">" + std::to_string(documents.size()) +
           (documents.size() == 1 ? " document" : " documents") + " \xC2\xB7 " + std::to_string(total) +
           " records</span>\n<div class=\"legend\">\n";
    for (const char* type : kTypes) {
        const std::string t = type;
        const std::string cls = t == "metric" ? "metric" : type_class(t);
        out += "<label class=\"key " + cls + "\" title=\"show or hide " +
               (t == "metric" ? std::string("generic figures no catalogue rule claimed") : t + " records") +
               "\"><input type=\"checkbox\" checked data-filter=\"" + t + "\"><span class=\"sw\"></span>" +
               (t == "metric" ? std::string("metric (unclaimed)") : t) + " <b>" +
               std::to_string(type_counts.count(t) ? type_counts[t] : 0) + "</b></label>\n";
    }
    out += "</div>\n<span class=\"note\">italic: planned \xC2\xB7 stacked underlines: nested records</span>\n"
           "<label class=\"pick\">indicator <select id=\"indicator-filter\">"
           "<option value=\"\">all indicators</option>\n";
    for (const auto& [id, info] : indicators) {
        if (id == "metric") continue;
        out += "<option value=\"";
        append_escaped(out, id);
        out += "\">";
        append_escaped(out, id + " \xE2\x80\x94 " + info.first + " (" + std::to_string(info.second) + ")");
        out += "</option>\n";
    }
    if (indicators.count("metric"))
        out += "<option value=\"metric\">metric \xE2\x80\x94 unclaimed quantities (" +
               std::to_string(indicators["metric"].second) + ")</option>\n";
    out += "</select></label>\n<button id=\"prev\" title=\"previous (p)\">\xE2\x97\x80</button>"
           "<button id=\"next\" title=\"next (n)\">\xE2\x96\xB6</button><span id=\"hits\"></span>\n</header>\n"
           "<div class=\"layout\">\n<main>\n";

    if (documents.size() > 1) {
        out += "<nav class=\"docs\">";
        for (std::size_t d = 0; d < documents.size(); ++d) {
            out += "<a href=\"#doc-" + std::to_string(d) + "\">";
            append_escaped(out, documents[d].id);
            out += "</a>";
        }
        out += "</nav>\n";
    }

    for (std::size_t d = 0; d < documents.size(); ++d) {
        const auto& doc = documents[d];
        const std::size_t base = first_index[d];
        out += "<article id=\"doc-" + std::to_string(d) + "\" data-doc=\"";
        append_escaped(out, doc.id);
        out += "\">\n<h2>";
        append_escaped(out, doc.id);
        out += "</h2>\n<p class=\"meta\">";
        std::map<std::string, std::size_t> counts;
        std::string facts;
        for (const auto& r : doc.records) {
            ++counts[filter_key(r)];
            if (r.type == "field" && (r.name == "region" || r.name == "year" || r.name == "published"))
                facts += r.name + " " + r.value_text + " \xC2\xB7 ";
        }
        std::string line = facts + std::to_string(doc.records.size()) + " records";
        std::string by_type;
        for (const char* type : kTypes)
            if (counts.count(type)) by_type += (by_type.empty() ? "" : ", ") + std::to_string(counts[type]) + " " + type;
        if (!by_type.empty()) line += ": " + by_type;
        append_escaped(out, line);
        out += "</p>\n";
        if (!doc.error.empty()) {
            out += "<p class=\"error\">cannot read this document: ";
            append_escaped(out, doc.error);
            out += "</p>\n";
        }

        const auto segments = review_segments(doc.text, doc.records);
        const std::size_t length = segments.empty() ? 0 : segments.back().end;
        std::string unplaced;
        for (std::size_t i = 0; i < doc.records.size(); ++i) {
            const auto& r = doc.records[i];
            if (placed(r, length)) continue;
            unplaced += "<button class=\"chip ";
            unplaced += r.type == "indicator" && r.indicator == "metric" ? "metric" : type_class(r.type);
            unplaced += "\" data-record=\"" + std::to_string(base + i) + "\" data-type=\"";
            append_escaped(unplaced, r.type);
            unplaced += "\">";
            append_escaped(unplaced, summary(r));
            unplaced += "</button>";
        }
        if (!unplaced.empty()) out += "<div class=\"unplaced\">not placed in the text: " + unplaced + "</div>\n";

        out += "<div class=\"text\">";
        for (const auto& segment : segments) {
            for (std::size_t i : segment.records) {
                const auto& r = doc.records[i];
                append_mark_open(out, r, base + i, segment.start == r.start, segment.end == r.end);
            }
            append_escaped(out, std::string_view(doc.text).substr(segment.byte_begin,
                                                                  segment.byte_end - segment.byte_begin));
            for (std::size_t n = 0; n < segment.records.size(); ++n) out += "</mark>";
        }
        out += "</div>\n</article>\n";
    }

    out += "</main>\n<aside><h3>Record fields</h3><div id=\"panel-body\"><p class=\"help\">"
           "Hover a highlight for a summary; click it for all of its fields (every record under the "
           "pointer, outermost first). Choose an indicator to dim the rest; \xE2\x97\x80 \xE2\x96\xB6 or the keys "
           "p / n step through the matches. Tick boxes hide a type. The address keeps the filter "
           "(#indicator=ID&amp;hide=field,metric&amp;record=N).</p></div></aside>\n</div>\n"
           "<div id=\"tip\" hidden></div>\n<script type=\"application/json\" id=\"metrex-records\">[";
    bool first = true;
    for (const auto& doc : documents)
        for (const auto& r : doc.records) {
            if (!first) out += ",\n";
            first = false;
            append_script_json(out, to_json(r));
        }
    out += "]</script>\n<script>";
    out += kScript;
    out += "</script>\n</body>\n</html>\n";
    return out;
}

}  // namespace metrex::output
