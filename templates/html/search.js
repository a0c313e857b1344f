// Search and sorting for the web edition's list of instruments. Works from
// file:// with no network: the index comes from search-index.js, loaded as
// a script (no fetch). Without scripts the table still lists everything.
(function () {
  "use strict";
  var index = window.REGISTER_INDEX || [];
  var table = document.getElementById("instruments");
  var input = document.getElementById("q");
  var count = document.getElementById("count");
  if (!table || !input) return;
  var rows = {};
  Array.prototype.forEach.call(table.tBodies[0].rows, function (row) { rows[row.id] = row; });

  // Case, accents and punctuation do not matter: "uzbekistan" finds "Uzbekistan".
  function fold(text) {
    return (text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  var haystacks = index.map(function (e) {
    return { id: e.id, text: fold([e.id, e.title, e.titles.join(" "), e.parties.join(" "), e.subjects.join(" ")].join(" \u0001 ")) };
  });

  function apply(query) {
    var words = fold(query).split(/\s+/).filter(Boolean);
    var shown = 0;
    haystacks.forEach(function (h) {
      var match = words.every(function (w) { return h.text.indexOf(w) >= 0; });
      var row = rows[h.id];
      if (row) { row.hidden = !match; }
      if (match) shown += 1;
    });
    count.textContent = shown === index.length
      ? index.length + " instruments"
      : shown + " of " + index.length + " instruments match";
  }

  var params = new URLSearchParams(window.location.search);
  if (params.has("q")) { input.value = params.get("q"); }
  input.addEventListener("input", function () {
    apply(input.value);
    var url = new URL(window.location.href);
    if (input.value) { url.searchParams.set("q", input.value); } else { url.searchParams.delete("q"); }
    try { history.replaceState(null, "", url); } catch (e) { /* file:// in some browsers */ }
  });
  apply(input.value);

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
      var body = table.tBodies[0];
      var sorted = Array.prototype.slice.call(body.rows).sort(function (a, b) {
        var x, y;
        if (key === "number") { x = +a.dataset.number; y = +b.dataset.number; }
        else if (key === "signed") { x = a.dataset.signed; y = b.dataset.signed; }
        else { x = fold(a.cells[column].textContent); y = fold(b.cells[column].textContent); }
        var order = x < y ? -1 : x > y ? 1 : +a.dataset.number - +b.dataset.number;
        return ascending ? order : -order;
      });
      sorted.forEach(function (row) { body.appendChild(row); });
    });
  });
})();
