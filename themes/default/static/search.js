// teambook search: loads only the index shards a query needs, as scripts so
// that it also works when the site is opened from disk.
(function () {
  "use strict";
  var form = document.getElementById("tb-search");
  if (!form) return;
  var root = form.getAttribute("data-root") || "";
  var input = document.getElementById("tb-search-input");
  var panel = document.getElementById("tb-search-results");
  var shards = {}, chunks = {}, pending = {};
  var CHUNK = 500, LIMIT = 20;

  window.teambookSearch = {
    terms: function (key, data) { shards[key] = data; },
    docs: function (n, rows) { chunks[n] = rows; }
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

  function tokens(text) {
    return fold(text).split(/[^\p{L}\p{N}]+/u).filter(function (t) { return t.length >= 2; });
  }

  function keyOf(term) {
    var prefix = Array.from(term).slice(0, 2).join("");
    return Array.from(new TextEncoder().encode(prefix)).map(function (b) {
      return (b < 16 ? "0" : "") + b.toString(16);
    }).join("");
  }

  function undelta(list) {
    var out = [], last = 0;
    for (var i = 0; i < list.length; i++) { last += list[i]; out.push(last); }
    return out;
  }

  // Scores of the documents matching one term (prefix match for the last one).
  function scores(term, prefix) {
    var shard = shards[keyOf(term)] || {}, found = {};
    Object.keys(shard).forEach(function (t) {
      if (t === term || (prefix && t.indexOf(term) === 0)) {
        var exact = t === term ? 2 : 1;
        undelta(shard[t][0]).forEach(function (d) { found[d] = Math.max(found[d] || 0, 10 * exact); });
        undelta(shard[t][1]).forEach(function (d) { found[d] = Math.max(found[d] || 0, exact); });
      }
    });
    return found;
  }

  var latest = 0;
  function search(query) {
    var ticket = ++latest;
    var terms = tokens(query).slice(0, 6);
    if (!terms.length) { render([], query); return; }
    Promise.all(terms.map(function (t) { return load("search/t-" + keyOf(t) + ".js"); })).then(function () {
      var total = null;
      terms.forEach(function (t, i) {
        var s = scores(t, i === terms.length - 1);
        if (total === null) { total = s; return; }
        var next = {};
        Object.keys(total).forEach(function (d) { if (s[d] !== undefined) next[d] = total[d] + s[d]; });
        total = next;
      });
      var ids = Object.keys(total || {}).map(Number).sort(function (a, b) {
        return total[b] - total[a] || a - b;
      });
      var shown = ids.slice(0, LIMIT);
      var needed = shown.map(function (d) { return Math.floor(d / CHUNK); })
        .filter(function (n, i, all) { return all.indexOf(n) === i; });
      return Promise.all(needed.map(function (n) { return load("search/d-" + n + ".js"); })).then(function () {
        if (ticket !== latest) return;
        render(shown.map(function (d) { return (chunks[Math.floor(d / CHUNK)] || [])[d % CHUNK]; }).filter(Boolean), query, ids.length);
      });
    });
  }

  function render(rows, query, count) {
    panel.textContent = "";
    panel.hidden = !query.trim();
    if (!query.trim()) return;
    var status = document.createElement("p");
    status.className = "search-status";
    status.textContent = rows.length ? (count > rows.length ? count + " results, showing the best " + rows.length : count + (count === 1 ? " result" : " results")) : "No results for “" + query + "”";
    panel.appendChild(status);
    var list = document.createElement("ul");
    rows.forEach(function (row) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + row[1];
      a.textContent = row[0];
      var kind = document.createElement("span");
      kind.className = "note";
      kind.textContent = " " + row[2];
      li.appendChild(a);
      li.appendChild(kind);
      if (row[3]) {
        var p = document.createElement("p");
        p.className = "excerpt";
        p.textContent = row[3];
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
    var first = panel.querySelector("a");
    if (first) window.location.href = first.href; else search(input.value);
  });
  // Arrow keys move between results; Escape goes back to the box and clears it.
  form.addEventListener("keydown", function (e) {
    var links = Array.prototype.slice.call(panel.querySelectorAll("a"));
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
