// Search and sorting for the web edition's list of instruments. Works from
// file:// with no network: the index, search-index.js, is a script loaded
// at the first search (no fetch), so a list of 100,000 instruments opens as
// fast as its first page. Without scripts the page lists its rows as
// printed.
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
  // More matches than this are counted but not all listed.
  var SHOWN = 1000;

  // Case, accents and punctuation do not matter: "uzbekistan" finds "Uzbekistan".
  function fold(text) {
    return (text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  var folded = null;
  function withIndex(then) {
    if (window.REGISTER_INDEX) {
      folded = folded || window.REGISTER_INDEX.map(function (e) { return fold(e[8]); });
      then();
      return;
    }
    var script = document.createElement("script");
    script.src = "search-index.js";
    script.onload = function () { withIndex(then); };
    document.head.appendChild(script);
  }

  // The column names, which label the cells of a row shown as a card on
  // a phone (as the printed rows' data-label do).
  var labels = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) {
    return th.textContent.trim();
  });

  // A row like the printed ones, from an index entry.
  // [id, number, title, type, parties, signed ISO, signed, status, text]
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
        if (k === 2) td.lang = "en";
      }
      tr.appendChild(td);
    });
    return tr;
  }

  function apply(query) {
    var words = fold(query).split(/\s+/).filter(Boolean);
    if (!words.length) {
      body.replaceChildren.apply(body, pageRows);
      count.textContent = pageCount;
      return;
    }
    withIndex(function () {
      var index = window.REGISTER_INDEX;
      var found = [];
      for (var k = 0; k < index.length; k++) {
        var text = folded[k];
        if (words.every(function (w) { return text.indexOf(w) >= 0; })) found.push(index[k]);
      }
      body.replaceChildren.apply(body, found.slice(0, SHOWN).map(row));
      // The wording comes from the page (the edition's catalogue).
      count.textContent = matches.replace("{found}", found.length).replace("{total}", index.length) +
        (found.length > SHOWN ? " (1–" + SHOWN + ")" : "");
    });
  }

  var params = new URLSearchParams(window.location.search);
  if (params.has("q")) { input.value = params.get("q"); }
  input.addEventListener("input", function () {
    apply(input.value);
    var url = new URL(window.location.href);
    if (input.value) { url.searchParams.set("q", input.value); } else { url.searchParams.delete("q"); }
    try { history.replaceState(null, "", url); } catch (e) { /* file:// in some browsers */ }
  });
  if (input.value) apply(input.value);

  // Sortable columns: each head becomes a button; aria-sort says the order.
  var heads = table.tHead.rows[0].cells;
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
      var sorted = Array.prototype.slice.call(body.rows).sort(function (a, b) {
        var x, y;
        if (key === "number") { x = +a.dataset.number; y = +b.dataset.number; }
        else if (key === "signed") { x = a.dataset.signed; y = b.dataset.signed; }
        else { x = fold(a.cells[column].textContent); y = fold(b.cells[column].textContent); }
        var order = x < y ? -1 : x > y ? 1 : +a.dataset.number - +b.dataset.number;
        return ascending ? order : -order;
      });
      sorted.forEach(function (r) { body.appendChild(r); });
    });
  });
})();
