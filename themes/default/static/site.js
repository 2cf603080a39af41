// teambook: what the pages do with JavaScript, all of it optional (every
// page reads without it): the menu button on narrow screens, "today" and the
// reader's own time zone on the week grid, the ownership matrix's filter and
// its owners kept in view, the ticks of a start-here checklist, kept in the
// browser per page, and who is on duty now.
(function () {
  "use strict";

  // The navigation behind a button on narrow screens (CSS hides it there
  // only when this script runs: the html element has the class "js").
  var button = document.querySelector(".menu-button");
  var nav = document.getElementById("tb-nav");
  if (button && nav) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", String(open));
      nav.classList.toggle("open", open);
    });
  }

  // The week grid: mark the reader's today, and say how their zone differs.
  function iso(date) {
    var m = date.getMonth() + 1, d = date.getDate();
    return date.getFullYear() + "-" + (m < 10 ? "0" : "") + m + "-" + (d < 10 ? "0" : "") + d;
  }
  var today = iso(new Date());
  var reader = "";
  try { reader = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { reader = ""; }
  Array.prototype.forEach.call(document.querySelectorAll(".week"), function (week) {
    var day = week.querySelector('.day[data-date="' + today + '"]');
    if (day) {
      // Today is drawn full width, even an empty weekend day.
      day.classList.remove("collapsed");
      day.classList.add("today");
    }
    // In the list of meetings (what assistive technology reads), today is said.
    var listed = week.querySelector('.agenda dt[data-date="' + today + '"]');
    if (listed) {
      listed.setAttribute("aria-current", "date");
      var badge = document.createElement("span");
      badge.className = "badge";
      badge.textContent = "today";
      listed.appendChild(document.createTextNode(" "));
      listed.appendChild(badge);
    }
    var team = week.getAttribute("data-timezone");
    var zone = week.querySelector(".week-zone");
    if (!reader || !team || reader === team || !zone) return;
    var local = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", weekday: "short", hourCycle: "h23" });
    var shown = false;
    Array.prototype.forEach.call(week.querySelectorAll(".block time[datetime]"), function (t) {
      var at = new Date(t.getAttribute("datetime"));
      if (isNaN(at)) return;
      var text = local.format(at) + " your time";
      var block = t.parentNode.parentNode;
      block.setAttribute("title", (block.getAttribute("title") || "") + " (" + text + ")");
      if (!shown) {
        zone.appendChild(document.createTextNode(" Your zone is " + reader + ": the list says each meeting's time there."));
        shown = true;
      }
    });
    Array.prototype.forEach.call(week.querySelectorAll(".agenda time[datetime*='T']"), function (t) {
      var at = new Date(t.getAttribute("datetime"));
      if (isNaN(at)) return;
      var note = document.createElement("span");
      note.className = "your-time";
      note.textContent = local.format(at) + " your time";
      t.parentNode.parentNode.appendChild(note);
    });
  });

  // Duties: who is on duty at the reader's now, from the shifts embedded in
  // the page (the HTML says who was at build time). Times are shown in the
  // duty's zone, as the page shows them.
  Array.prototype.forEach.call(document.querySelectorAll("[data-duty-now]"), function (box) {
    var data = box.querySelector("script.duty-schedule");
    var slots;
    try { slots = JSON.parse(data ? data.textContent : "[]"); } catch (e) { return; }
    if (!slots.length) return;
    var now = Date.now();
    var current = null, next = null;
    slots.forEach(function (s) {
      if (s.s <= now && now < s.e) current = s;
      else if (s.s > now && (!next || s.s < next.s)) next = s;
    });
    // Past the end of what the page holds: the build's answer stays.
    if (!current && !next) { box.setAttribute("data-live", "stale"); return; }
    var root = box.getAttribute("data-root") || "";
    var zone = box.getAttribute("data-timezone") || undefined;
    function when(ms) {
      var parts = {};
      try {
        new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", hour: "2-digit",
          minute: "2-digit", hourCycle: "h23", timeZone: zone }).formatToParts(new Date(ms))
          .forEach(function (p) { parts[p.type] = p.value; });
      } catch (e) { return new Date(ms).toISOString(); }
      return parts.weekday + " " + parts.day + " " + parts.month + " " + parts.hour + ":" + parts.minute;
    }
    function fill(el, label, slot, word, ms) {
      el.textContent = "";
      var l = document.createElement("span");
      l.className = "on-duty-label";
      l.textContent = label;
      var a = document.createElement("a");
      a.href = root + slot.u;
      a.textContent = slot.n;
      var note = document.createElement("span");
      note.className = "note";
      var t = document.createElement("time");
      t.dateTime = new Date(ms).toISOString();
      t.textContent = when(ms);
      note.appendChild(document.createTextNode(word + " "));
      note.appendChild(t);
      el.appendChild(l);
      el.appendChild(document.createTextNode(" "));
      el.appendChild(a);
      el.appendChild(document.createTextNode(" "));
      el.appendChild(note);
    }
    var nowEl = box.querySelector(".on-duty-now");
    if (nowEl) {
      if (current) fill(nowEl, "On duty:", current, "until", current.e);
      else nowEl.innerHTML = '<span class="note">Nobody is on duty.</span>';
    }
    var nextEl = box.querySelector(".on-duty-next");
    if (nextEl && next) fill(nextEl, "Next:", next, "from", next.s);
    else if (nextEl) nextEl.hidden = true;
    box.setAttribute("data-live", "");
  });

  // The ownership matrix: only the rows of one role or person.
  var filter = document.querySelector(".matrix-filter");
  var select = document.getElementById("tb-matrix-filter");
  var table = document.querySelector("table.matrix");
  if (filter && select && table) {
    var output = filter.querySelector("output");
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr[data-who]"));
    filter.hidden = false;
    select.addEventListener("change", function () {
      var option = select.options[select.selectedIndex];
      var wanted = select.value ? [select.value].concat((option.getAttribute("data-roles") || "").split(" ").filter(Boolean)) : [];
      var count = 0;
      rows.forEach(function (row) {
        var who = row.getAttribute("data-who").split(" ");
        var show = !wanted.length || wanted.some(function (w) { return who.indexOf(w) >= 0; });
        row.hidden = !show;
        if (show) count++;
      });
      Array.prototype.forEach.call(table.querySelectorAll("tbody"), function (body) {
        var group = body.querySelector("tr.group");
        if (group) group.hidden = !body.querySelector("tr[data-who]:not([hidden])");
      });
      output.textContent = wanted.length ? count + " of " + rows.length + " areas on this page" : "";
    });
  }

  // The ownership matrix at any size: a matrix that fits flows with the page
  // (its header sticks to the window); a wider one is a box that scrolls
  // both ways. A row whose owner columns are scrolled out of view names its
  // owners in the area cell.
  Array.prototype.forEach.call(document.querySelectorAll(".matrix-scroll"), function (box) {
    var rows = Array.prototype.slice.call(box.querySelectorAll("tbody tr[data-who]"));
    var pending = false;
    var place = function () {
      pending = false;
      var wide = box.scrollWidth > box.clientWidth + 1;
      box.classList.toggle("wide", wide);
      box.classList.toggle("fits", !wide);
      var edge = box.getBoundingClientRect();
      rows.forEach(function (row) {
        var area = row.querySelector("th[scope=row]");
        var left = area ? area.getBoundingClientRect().right : edge.left;
        var owns = Array.prototype.slice.call(row.querySelectorAll(".owns"));
        var seen = owns.some(function (cell) {
          var r = cell.getBoundingClientRect();
          return r.right > left + 4 && r.left < edge.right - 4;
        });
        row.classList.toggle("owner-off", owns.length > 0 && !seen);
      });
    };
    var later = function () {
      if (!pending) { pending = true; window.requestAnimationFrame(place); }
    };
    box.addEventListener("scroll", later, { passive: true });
    window.addEventListener("resize", later);
    place();
  });

  // A start-here page's ticks: kept in this browser's storage per page (by
  // each box's value, the address it ticks off), with "3 of 17 done" above.
  var boxes = Array.prototype.slice.call(document.querySelectorAll(".checklist input[type=checkbox][value]"));
  var path = document.querySelector("ol.path");
  if (boxes.length && path) {
    var key = "teambook-ticks:" + location.pathname;
    var store = null;
    try { store = window.localStorage; } catch (e) { store = null; }
    var ticked = [];
    try { ticked = JSON.parse((store && store.getItem(key)) || "[]"); } catch (e) { ticked = []; }
    var progress = document.createElement("p");
    progress.className = "ticks";
    progress.setAttribute("role", "status");
    path.parentNode.insertBefore(progress, path);
    var count = function () {
      var done = boxes.filter(function (b) { return b.checked; }).length;
      progress.textContent = done + " of " + boxes.length + " done";
      progress.style.setProperty("--done", String(done / boxes.length));
    };
    boxes.forEach(function (box) {
      box.checked = ticked.indexOf(box.value) >= 0;
      box.addEventListener("change", function () {
        var now = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
        try { if (store) store.setItem(key, JSON.stringify(now)); } catch (e) { /* storage full or off: ticks last this visit */ }
        count();
      });
    });
    count();
  }
})();
