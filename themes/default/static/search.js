// Progressive enhancement: the search form works as a plain GET form; this script reads
// ?q= and filters /search-index.json in the page. Without JavaScript the page says so.
(function () {
  "use strict";
  var out = document.getElementById("search-results");
  var input = document.getElementById("search-q");
  if (!out || !input || !window.fetch) { return; }
  var q = new URLSearchParams(window.location.search).get("q") || "";
  input.value = q;
  if (!q.trim()) { return; }
  var words = q.toLowerCase().split(/\s+/).filter(Boolean);
  fetch("/search-index.json").then(function (r) { return r.json(); }).then(function (entries) {
    var hits = entries.map(function (e) {
      var hay = (e.title + " " + e.context + " " + e.text).toLowerCase();
      var score = 0;
      words.forEach(function (w) { if (hay.indexOf(w) >= 0) { score += e.title.toLowerCase().indexOf(w) >= 0 ? 3 : 1; } else { score -= 100; } });
      return { e: e, score: score };
    }).filter(function (h) { return h.score > 0; }).sort(function (a, b) { return b.score - a.score; }).slice(0, 50);
    out.textContent = "";
    var h2 = document.createElement("h2");
    h2.textContent = hits.length + (hits.length === 1 ? " result" : " results") + " for \u201c" + q + "\u201d";
    out.appendChild(h2);
    var ol = document.createElement("ol");
    hits.forEach(function (h) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = h.e.url; a.textContent = h.e.title;
      var p = document.createElement("p");
      p.textContent = h.e.context;
      li.appendChild(a); li.appendChild(p); ol.appendChild(li);
    });
    out.appendChild(ol);
  });
})();
