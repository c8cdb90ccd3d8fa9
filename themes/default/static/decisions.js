// Filters the decisions register by municipal year, decision maker and key decision.
// Without JavaScript the form stays hidden and every decision is listed.
(function () {
  "use strict";
  var form = document.getElementById("decision-filters");
  var count = document.getElementById("decision-count");
  if (!form) { return; }
  var rows = Array.prototype.slice.call(document.querySelectorAll("table.decisions tbody tr"));
  var year = document.getElementById("filter-year");
  var maker = document.getElementById("filter-maker");
  var key = document.getElementById("filter-key");
  function apply() {
    var shown = 0;
    rows.forEach(function (r) {
      var ok = (!year.value || r.getAttribute("data-year") === year.value) &&
        (!maker.value || r.getAttribute("data-maker") === maker.value) &&
        (!key.value || r.getAttribute("data-key") === key.value);
      r.hidden = !ok;
      if (ok) { shown += 1; }
    });
    count.textContent = shown === 1 ? "1 decision shown" : shown + " decisions shown";
  }
  form.hidden = false;
  [year, maker, key].forEach(function (s) { s.addEventListener("change", apply); });
  apply();
})();
