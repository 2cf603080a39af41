// teambook search: loads only the index shards a query needs, as scripts so
// that it also works when the site is opened from disk. Common words are
// ignored, joined and hyphenated forms match ("standup", "stand-up"), one
// typo is forgiven in words of five letters or more, matches are marked in
// the results, and a query that finds nothing gets a "did you mean". When
// pages have tags, the results can be narrowed to one (`?tag=slug` too).
(function () {
  "use strict";
  // The form is drawn here, not in every page: it needs this script anyway.
  var form = document.getElementById("tb-search");
  if (!form) return;
  form.innerHTML = '<label for="tb-search-input">Search</label>' +
    '<input id="tb-search-input" type="search" name="q" autocomplete="off" spellcheck="false" ' +
    'placeholder="People, areas, updates\u2026" aria-controls="tb-search-results">' +
    '<div id="tb-search-results" class="search-results" role="region" aria-live="polite" ' +
    'aria-label="Search results" hidden></div>';
  // The site's root, as the page links this script: "../" from "../assets/search.js".
  var script = document.currentScript;
  var root = script ? (script.getAttribute("src") || "").replace(/assets\/search\.js(\?.*)?$/, "") : "";
  var input = document.getElementById("tb-search-input");
  var panel = document.getElementById("tb-search-results");
  var shards = {}, chunks = {}, pending = {};
  // The tags' documents (search/tags.js, absent when no page has tags), and
  // the tag the results are narrowed to, by slug.
  var tagged = null, only = new URLSearchParams(window.location.search).get("tag");
  // The tag button clicked last, to keep the focus on as the results change.
  var refocus = null;
  var CHUNK = 500, LIMIT = 20, TYPO_FROM = 5;
  var STOP = ("a an and are as at be by can do does for from has have how i in is it its me my no not of on or our " +
    "so that the their them then there these they this to us was we what when where which who whom why will with " +
    "you your").split(" ");

  window.teambookSearch = {
    terms: function (key, data) { shards[key] = data; },
    docs: function (n, rows) { chunks[n] = rows; },
    tags: function (list) {
      tagged = list.map(function (t) {
        var docs = {};
        undelta(t[2]).forEach(function (d) { docs[d] = true; });
        return { name: t[0], slug: t[1], docs: docs };
      });
    }
  };

  function load(src) {
    if (!pending[src]) {
      pending[src] = new Promise(function (resolve) {
        var s = document.createElement("script");
        s.src = root + src;
        s.onload = resolve;
        s.onerror = resolve; // a missing shard just means no match
        document.head.appendChild(s);
      });
    }
    return pending[src];
  }

  function fold(text) {
    return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  }

  // Han, kana and Hangul, as the index (src/render/search/terms.rs) lists them.
  var CJK = "\u1100-\u11FF\u2E80-\u2FDF\u3005-\u3007\u3040-\u30FF\u3130-\u318F\u31F0-\u31FF" +
    "\u3400-\u4DBF\u4E00-\u9FFF\uA960-\uA97F\uAC00-\uD7FF\uF900-\uFAFF\uFF66-\uFF9F\u{20000}-\u{3134F}";
  var RUNS = new RegExp("[" + CJK + "]+|[^" + CJK + "]+", "gu");
  var IS_CJK = new RegExp("^[" + CJK + "]", "u");

  // A run of CJK characters as the index holds it: overlapping pairs, or
  // the character itself when it stands alone.
  function pairs(run) {
    var c = Array.from(run), out = [];
    if (c.length === 1) return c;
    for (var i = 0; i + 1 < c.length; i++) out.push(c[i] + c[i + 1]);
    return out;
  }

  // The terms of a text, as the index's: words folded, CJK runs in pairs.
  function words(text) {
    var out = [];
    text.split(/[^\p{L}\p{N}]+/u).forEach(function (w) {
      (w.match(RUNS) || []).forEach(function (run) {
        if (IS_CJK.test(run)) out.push.apply(out, pairs(run));
        else if (run.length >= 2) out.push(fold(run));
      });
    });
    return out.filter(function (t) { return t.length >= 2 || IS_CJK.test(t); });
  }

  // The query's terms: common words left out (unless that leaves nothing).
  function terms(query) {
    var all = words(query).slice(0, 8);
    var kept = all.filter(function (t) { return STOP.indexOf(t) < 0; });
    return (kept.length ? kept : all).slice(0, 6);
  }

  // A term's shard: its first two characters, a CJK term's first (as the index's).
  function keyOf(term) {
    var prefix = Array.from(term).slice(0, IS_CJK.test(term) ? 1 : 2).join("");
    return Array.from(new TextEncoder().encode(prefix)).map(function (b) {
      return (b < 16 ? "0" : "") + b.toString(16);
    }).join("");
  }

  // The shards a term may be found in: its own, and (for a long word, to
  // forgive a typo in its second letter) those of its first letter with the
  // third, and of its first two letters swapped.
  function shardKeys(term) {
    var c = Array.from(term), keys = [keyOf(term)];
    if (c.length >= TYPO_FROM) {
      keys.push(keyOf(c[0] + c[2]), keyOf(c[1] + c[0]));
    }
    return keys.filter(function (k, i) { return keys.indexOf(k) === i; });
  }

  function undelta(list) {
    var out = [], last = 0;
    for (var i = 0; i < list.length; i++) { last += list[i]; out.push(last); }
    return out;
  }

  // Optimal string alignment distance, stopping early past `max`.
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev2 = [], prev = [], cur = [];
    for (var j = 0; j <= b.length; j++) prev[j] = j;
    for (var i = 1; i <= a.length; i++) {
      cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cur[j] = Math.min(cur[j], prev2[j - 2] + 1);
        best = Math.min(best, cur[j]);
      }
      if (best > max) return max + 1;
      prev2 = prev; prev = cur;
    }
    return prev[b.length];
  }

  // The index terms a query term matches: itself, words it begins (for the
  // last term, as it is being typed), or, when neither is there, words one
  // typo away. Each with how well it matches.
  function matches(term, prefix) {
    var found = [], near = [];
    shardKeys(term).forEach(function (key, n) {
      var shard = shards[key] || {};
      Object.keys(shard).forEach(function (t) {
        if (n === 0 && t === term) found.push([t, 2]);
        else if (n === 0 && prefix && t.indexOf(term) === 0) found.push([t, 1]);
        else if (term.length >= TYPO_FROM && distance(term, t, 1) === 1) near.push([t, 0.5]);
      });
    });
    return found.length ? found : near;
  }

  // Scores of the documents of some index terms: strong (title, names,
  // headings) weigh ten times the body.
  function scores(list) {
    var found = {};
    list.forEach(function (m) {
      var posting = shards[keyOf(m[0])][m[0]];
      undelta(posting[0]).forEach(function (d) { found[d] = Math.max(found[d] || 0, 10 * m[1]); });
      undelta(posting[1]).forEach(function (d) { found[d] = Math.max(found[d] || 0, m[1]); });
    });
    return found;
  }

  // The index term nearest to a word, two typos at most, for "did you mean".
  function nearest(term) {
    var best = null, bestD = 3;
    shardKeys(term).forEach(function (key) {
      Object.keys(shards[key] || {}).forEach(function (t) {
        var d = distance(term, t, 2);
        if (d < bestD || (d === bestD && best !== null && t < best)) { best = t; bestD = d; }
      });
    });
    return best;
  }

  var latest = 0;
  function search(query) {
    var ticket = ++latest;
    var ts = terms(query);
    if (!ts.length) { render([], query, 0, [], null); return; }
    var keys = [];
    ts.forEach(function (t) { shardKeys(t).forEach(function (k) { if (keys.indexOf(k) < 0) keys.push(k); }); });
    var files = keys.map(function (k) { return load("search/t-" + k + ".js"); }).concat([load("search/tags.js")]);
    Promise.all(files).then(function () {
      var found = ts.map(function (t, i) { return matches(t, i === ts.length - 1); });
      var each = found.map(scores);
      // Pages with every term; when there is none, those with the most.
      var total = {}, hits = {};
      each.forEach(function (s) {
        Object.keys(s).forEach(function (d) { total[d] = (total[d] || 0) + s[d]; hits[d] = (hits[d] || 0) + 1; });
      });
      var most = 0;
      Object.keys(hits).forEach(function (d) { most = Math.max(most, hits[d]); });
      var ids = Object.keys(total).filter(function (d) { return hits[d] === most; }).map(Number).sort(function (a, b) {
        return total[b] - total[a] || a - b;
      });
      // The tags of the results, most results first; then only those of the chosen tag.
      var facets = (tagged || []).map(function (t) {
        return { name: t.name, slug: t.slug, count: ids.filter(function (d) { return t.docs[d]; }).length };
      }).filter(function (f) { return f.count > 0 || f.slug === only; }).sort(function (a, b) {
        return b.count - a.count || (a.name < b.name ? -1 : 1);
      });
      var chosen = (tagged || []).filter(function (t) { return t.slug === only; })[0];
      if (chosen) ids = ids.filter(function (d) { return chosen.docs[d]; });
      var marked = [];
      found.forEach(function (list) { list.forEach(function (m) { marked.push(m[0]); }); });
      var suggestion = null;
      if (!ids.length) {
        var fixed = ts.map(function (t) { return nearest(t) || t; });
        if (fixed.join(" ") !== ts.join(" ")) suggestion = fixed.join(" ");
      }
      var partial = ids.length && most < ts.length;
      var shown = ids.slice(0, LIMIT);
      var needed = shown.map(function (d) { return Math.floor(d / CHUNK); })
        .filter(function (n, i, all) { return all.indexOf(n) === i; });
      return Promise.all(needed.map(function (n) { return load("search/d-" + n + ".js"); })).then(function () {
        if (ticket !== latest) return;
        var rows = shown.map(function (d) { return (chunks[Math.floor(d / CHUNK)] || [])[d % CHUNK]; }).filter(Boolean);
        render(rows, query, ids.length, marked, suggestion, partial, facets, chosen);
      });
    });
  }

  // `text` with the words that match `marked` (as folded index terms; a
  // hyphenated word matches as its joined form too) wrapped in <mark>.
  function highlight(parent, text, marked) {
    var word = /[\p{L}\p{N}]+(?:[-\u2010\u2011'][\p{L}\p{N}]+)*/gu, at = 0, m;
    while ((m = word.exec(text)) !== null) {
      if (IS_CJK.test(m[0]) || m[0].match(RUNS).length > 1) {
        // CJK inside the word: mark the characters of each matched pair.
        var marks = cjkMarks(m[0], marked);
        if (!marks.length) continue;
        parent.appendChild(document.createTextNode(text.slice(at, m.index)));
        marks.forEach(function (piece) {
          if (!piece[1]) { parent.appendChild(document.createTextNode(piece[0])); return; }
          var mk = document.createElement("mark");
          mk.textContent = piece[0];
          parent.appendChild(mk);
        });
        at = m.index + m[0].length;
        continue;
      }
      var f = fold(m[0]);
      var forms = [f.replace(/[-\u2010\u2011']/g, "")].concat(f.split(/[-\u2010\u2011']/));
      var hit = forms.some(function (w) {
        return marked.some(function (t) { return w === t || (t.length >= 3 && w.indexOf(t) === 0); });
      });
      if (!hit) continue;
      parent.appendChild(document.createTextNode(text.slice(at, m.index)));
      var mark = document.createElement("mark");
      mark.textContent = m[0];
      parent.appendChild(mark);
      at = m.index + m[0].length;
    }
    parent.appendChild(document.createTextNode(text.slice(at)));
  }

  // A word holding CJK as pieces [text, marked]: a CJK character is marked
  // when a pair (or the lone character) it is part of was matched, other
  // runs when they are a matched word. Empty when nothing is marked.
  function cjkMarks(word, marked) {
    var chars = [], on = [];
    word.match(RUNS).forEach(function (run) {
      var c = Array.from(run), start = chars.length;
      chars.push.apply(chars, c);
      if (!IS_CJK.test(run)) {
        var hit = marked.indexOf(fold(run)) >= 0;
        c.forEach(function () { on.push(hit); });
        return;
      }
      c.forEach(function () { on.push(false); });
      if (c.length === 1) { on[start] = marked.indexOf(c[0]) >= 0; return; }
      for (var i = 0; i + 1 < c.length; i++) {
        if (marked.indexOf(c[i] + c[i + 1]) >= 0) on[start + i] = on[start + i + 1] = true;
      }
    });
    if (on.indexOf(true) < 0) return [];
    var pieces = [];
    chars.forEach(function (ch, i) {
      var last = pieces[pieces.length - 1];
      if (last && last[1] === on[i]) last[0] += ch; else pieces.push([ch, on[i]]);
    });
    return pieces;
  }

  // Buttons that narrow the results to one tag, or widen them again.
  function facetRow(facets, query) {
    var row = document.createElement("div");
    row.className = "search-facets";
    row.setAttribute("role", "group");
    row.setAttribute("aria-label", "Narrow by tag");
    var label = document.createElement("span");
    label.className = "label";
    label.textContent = "Tags:";
    row.appendChild(label);
    facets.forEach(function (f) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "tag";
      b.setAttribute("aria-pressed", f.slug === only ? "true" : "false");
      b.textContent = f.name + " " + f.count;
      b.setAttribute("data-slug", f.slug);
      b.setAttribute("aria-label", f.name + ", " + f.count + (f.count === 1 ? " result" : " results"));
      b.addEventListener("click", function () {
        only = f.slug === only ? null : f.slug;
        refocus = f.slug;
        search(query);
      });
      row.appendChild(b);
    });
    return row;
  }

  function render(rows, query, count, marked, suggestion, partial, facets, chosen) {
    panel.textContent = "";
    panel.hidden = !query.trim();
    if (!query.trim()) return;
    var status = document.createElement("p");
    status.className = "search-status";
    var within = chosen ? " tagged “" + chosen.name + "”" : "";
    if (rows.length) {
      status.textContent = (count > rows.length ? count + " results" + within + ", showing the best " + rows.length : count + (count === 1 ? " result" : " results") + within) +
        (partial ? " (no page has every word; these have the most)" : "");
    } else {
      status.textContent = "No results for “" + query + "”" + within + ".";
      if (suggestion) {
        status.appendChild(document.createTextNode(" Did you mean "));
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = suggestion;
        button.addEventListener("click", function () { input.value = suggestion; search(suggestion); input.focus(); });
        status.appendChild(button);
        status.appendChild(document.createTextNode("?"));
      }
    }
    panel.appendChild(status);
    if (facets && facets.length) {
      panel.appendChild(facetRow(facets, query));
      var back = refocus && panel.querySelector('button.tag[data-slug="' + CSS.escape(refocus) + '"]');
      if (back) back.focus();
      refocus = null;
    }
    var list = document.createElement("ul");
    rows.forEach(function (row) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + row[1];
      highlight(a, row[0], marked);
      var kind = document.createElement("span");
      kind.className = "note";
      kind.textContent = " " + row[2];
      li.appendChild(a);
      li.appendChild(kind);
      if (row[3]) {
        var p = document.createElement("p");
        p.className = "excerpt";
        highlight(p, row[3], marked);
        li.appendChild(p);
      }
      list.appendChild(li);
    });
    panel.appendChild(list);
  }

  var timer;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { search(input.value); }, 120);
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var first = panel.querySelector("li a");
    if (first) window.location.href = first.href; else search(input.value);
  });
  // Arrow keys move between results; Escape goes back to the box and clears it.
  form.addEventListener("keydown", function (e) {
    var links = Array.prototype.slice.call(panel.querySelectorAll("li a"));
    var at = links.indexOf(document.activeElement);
    if (e.key === "ArrowDown" && links.length) {
      e.preventDefault();
      links[Math.min(at + 1, links.length - 1)].focus();
    } else if (e.key === "ArrowUp" && at >= 0) {
      e.preventDefault();
      if (at === 0) input.focus(); else links[at - 1].focus();
    } else if (e.key === "Escape") {
      input.value = "";
      render([], "");
      input.focus();
    }
  });
  form.hidden = false;
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) { input.value = q; search(q); }
})();
