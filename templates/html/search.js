// Search and sorting for the web edition's list of instruments. Works from
// file:// with no network: the index, split in search/, is scripts loaded
// as a search needs them (no fetch), so a list of 100,000 instruments opens
// as fast as its first page and a search loads a few hundred kilobytes.
// A query's words match words of the entry that start with them.
// Without scripts the page lists its rows as printed.
(function () {
  "use strict";
  var table = document.getElementById("instruments");
  var input = document.getElementById("q");
  var count = document.getElementById("count");
  if (!table || !input) return;
  var body = table.tBodies[0];
  var pageRows = Array.prototype.slice.call(body.rows);
  var pageCount = count.textContent;
  var matches = input.getAttribute("data-matches") || "{found} / {total}";
  var failed = input.getAttribute("data-failed") || "The search index could not be loaded.";
  // Matches are listed this many at a time ("Show more" lists the next):
  // a first list loads at most this many row files, however scattered.
  var SHOWN = 100;
  var moreText = input.getAttribute("data-more") || "Show {count} more";

  // Case, accents, apostrophes and punctuation do not matter: "uzbekistan"
  // finds "Uzbekistan", "Qozog'iston" finds "Qozogʻiston" (as the build
  // folds the words it indexes: search.rs).
  function fold(text) {
    return (text || "").normalize("NFKD").replace(/[\u0300-\u036f\u02bb\u02bc\u2018\u2019']/g, "").toLowerCase();
  }

  // The index is split (search/, written by the build): meta.js names
  // the shards; a word's entries are in the shard of its first two
  // characters; the rows to show are in files of `rows` entries. Each file
  // is a script that calls REGISTER_SEARCH, so that it loads from file://.
  // meta.js comes with the page (a deferred script after this one), so a
  // first search waits for two loads, not three.
  var loaded = {};
  var missing = {};
  var waiting = {};
  var store = { meta: null, shards: {}, rows: {} };
  window.REGISTER_SEARCH = {
    meta: function (m) { store.meta = m; loaded["meta.js"] = true; },
    shard: function (key, words) { store.shards[key] = words; },
    rows: function (k, rows) { store.rows[k] = rows; }
  };
  function load(file, then) {
    if (loaded[file]) { then(); return; }
    if (waiting[file]) { waiting[file].push(then); return; }
    waiting[file] = [then];
    var script = document.createElement("script");
    script.src = "search/" + file;
    var done = function (event) {
      loaded[file] = true;
      // A file that did not load is said so, not taken for "no match".
      if (event.type === "error") missing[file] = true;
      var calls = waiting[file];
      delete waiting[file];
      calls.forEach(function (f) { f(); });
    };
    script.onload = done;
    script.onerror = done;
    document.head.appendChild(script);
  }
  function loadAll(files, then) {
    var left = files.length;
    if (!left) { then(); return; }
    files.forEach(function (f) { load(f, function () { if (--left === 0) then(); }); });
  }

  // As the build folds and splits the searchable text.
  function words(text) {
    return fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  }
  function shardOf(word) {
    return Array.from(word).slice(0, 4).map(function (c) { return c.codePointAt(0).toString(16); }).join("-");
  }

  // The shards that may hold words starting with `w`: those named by a
  // prefix of `w` (a shard is named by two to four characters) and, for a
  // short `w`, those named by a longer prefix that starts with `w`.
  function shardKeys(w) {
    var mine = shardOf(w).split("-");
    return store.meta.shards.filter(function (k) {
      var theirs = k.split("-");
      for (var i = 0; i < Math.min(mine.length, theirs.length); i++) {
        if (theirs[i] !== mine[i]) return false;
      }
      return true;
    });
  }

  // The entries (ascending numbers from 0) with a word starting with `w`.
  function entries(w) {
    var seen = new Set();
    shardKeys(w).forEach(function (key) {
      var shard = store.shards[key] || {};
      Object.keys(shard).forEach(function (word) {
        if (word.indexOf(w) !== 0) return;
        var n = 0;
        shard[word].forEach(function (d) { n += d; seen.add(n); });
      });
    });
    return seen;
  }

  // The rows of entries `numbers`, once their row files have loaded.
  function rowsOf(numbers, then, fail) {
    var per = store.meta.rows;
    var files = Array.from(new Set(numbers.map(function (n) { return "r-" + Math.floor(n / per) + ".js"; })));
    loadAll(files, function () {
      if (files.some(function (f) { return missing[f]; })) { fail(); return; }
      then(numbers.map(function (n) { return store.rows[Math.floor(n / per)][n % per]; }));
    });
  }

  // The entries matching every word of `list` (ascending), and the rows of
  // the first SHOWN of them.
  function search(list, then, fail) {
    load("meta.js", function () {
      if (!store.meta) { fail(); return; }
      var files = [];
      list.forEach(function (w) {
        shardKeys(w).forEach(function (k) { files.push("w-" + k + ".js"); });
      });
      loadAll(files, function () {
        if (files.some(function (f) { return missing[f]; })) { fail(); return; }
        var sets = list.map(entries).sort(function (a, b) { return a.size - b.size; });
        var found = Array.from(sets[0]).filter(function (n) {
          return sets.every(function (s) { return s.has(n); });
        }).sort(function (a, b) { return a - b; });
        rowsOf(found.slice(0, SHOWN), function (rows) { then(found, rows); }, fail);
      });
    });
  }

  // The column names, which label the cells of a row shown as a card on
  // a phone (as the printed rows' data-label do).
  var labels = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) {
    return th.textContent.trim();
  });

  // A row like the printed ones, from an index entry.
  // [id, number, title, type, parties, signed ISO, signed, status, title's
  // language where it is not the page's]
  function row(e) {
    var tr = document.createElement("tr");
    tr.id = e[0];
    tr.dataset.number = e[1];
    tr.dataset.signed = e[5];
    var cells = [String(e[1]), null, e[2], e[3], e[4], e[6], e[7]];
    cells.forEach(function (text, k) {
      var td = document.createElement("td");
      if (k !== 2) td.dataset.label = labels[k];
      if (k === 1) {
        var a = document.createElement("a");
        a.href = "instruments/" + e[0] + ".html";
        a.textContent = e[0];
        td.appendChild(a);
      } else {
        td.textContent = text;
        if (k === 2 && e[8]) td.lang = e[8];
      }
      tr.appendChild(td);
    });
    return tr;
  }

  // "Show more", under the list while matches are left unlisted.
  var more = document.createElement("button");
  more.type = "button";
  more.id = "more";
  more.hidden = true;
  table.parentNode.insertBefore(more, table.nextSibling);

  var latest = 0;
  var found = [];
  var listed = 0;
  function counted() {
    // The wording comes from the page (the edition's catalogue).
    count.textContent = matches.replace("{found}", found.length).replace("{total}", store.meta.total) +
      (found.length > listed ? " (1–" + listed + ")" : "");
    more.hidden = found.length <= listed;
    more.textContent = moreText.replace("{count}", Math.min(SHOWN, found.length - listed));
  }
  function showFailure() {
    body.replaceChildren();
    count.textContent = failed;
    more.hidden = true;
  }
  function apply(query) {
    var list = words(query);
    var ticket = ++latest;
    if (!list.length) {
      body.replaceChildren.apply(body, pageRows);
      resort();
      count.textContent = pageCount;
      more.hidden = true;
      table.dataset.query = query;
      return;
    }
    search(list, function (all, rows) {
      // A later keystroke's search has the last word.
      if (ticket !== latest) return;
      found = all;
      listed = rows.length;
      body.replaceChildren.apply(body, rows.map(row));
      resort();
      counted();
      // Done: what the list shows answers `query` (tests wait for this).
      table.dataset.query = query;
    }, function () {
      if (ticket !== latest) return;
      showFailure();
      table.dataset.query = query;
    });
  }
  more.addEventListener("click", function () {
    var ticket = latest;
    // One load at a time: a second click before the rows arrive would
    // list the same hundred twice.
    more.disabled = true;
    rowsOf(found.slice(listed, listed + SHOWN), function (rows) {
      more.disabled = false;
      if (ticket !== latest) return;
      rows.forEach(function (e) { body.appendChild(row(e)); });
      listed += rows.length;
      resort();
      counted();
    }, function () {
      more.disabled = false;
      if (ticket === latest) showFailure();
    });
  });

  var params = new URLSearchParams(window.location.search);
  if (params.has("q")) { input.value = params.get("q"); }
  input.addEventListener("input", function () {
    apply(input.value);
    var url = new URL(window.location.href);
    if (input.value) { url.searchParams.set("q", input.value); } else { url.searchParams.delete("q"); }
    try { history.replaceState(null, "", url); } catch (e) { /* file:// in some browsers */ }
  });
  if (input.value) apply(input.value);

  // Sortable columns: each head becomes a button; aria-sort says the order,
  // which rows listed later (a search, "Show more") are put in too.
  var heads = table.tHead.rows[0].cells;
  var sorting = null;
  function sortRows(key, column, ascending) {
    var sorted = Array.prototype.slice.call(body.rows).sort(function (a, b) {
      var x, y;
      if (key === "number") { x = +a.dataset.number; y = +b.dataset.number; }
      else if (key === "signed") { x = a.dataset.signed; y = b.dataset.signed; }
      else { x = fold(a.cells[column].textContent); y = fold(b.cells[column].textContent); }
      var order = x < y ? -1 : x > y ? 1 : +a.dataset.number - +b.dataset.number;
      return ascending ? order : -order;
    });
    sorted.forEach(function (r) { body.appendChild(r); });
  }
  function resort() {
    if (sorting) sortRows(sorting.key, sorting.column, sorting.ascending);
  }
  Array.prototype.forEach.call(heads, function (th, column) {
    var key = th.getAttribute("data-sort");
    if (!key) return;
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () {
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      sorting = { key: key, column: column, ascending: ascending };
      sortRows(key, column, ascending);
    });
  });
})();
