// The search page, on Pagefind's search API (/pagefind/pagefind.js): the index is static
// files in chunks, so a search fetches only the parts it needs, and no server is
// involved. The form is a plain GET form: this script reads ?q=, ?committee=, ?year= and
// ?kind= from the address, fills the filters, and shows the results. Without
// JavaScript the page says so (see the <noscript> in search.html).
//
// The index is in shards: /pagefind/ (committees, councillors, pages) and one folder a
// year (/pagefind/2021/), merged here with Pagefind's mergeIndex. /pagefind/quire.json
// lists the years and each filter's values, so the filters are filled without
// Pagefind's filter files, and a search in one year merges that year only. Nothing of
// Pagefind is loaded until there is something to search for.
(function () {
  "use strict";
  var PAGE = 10;
  var BASE = "/pagefind/";
  var form = document.querySelector("form.search-form");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var out = document.getElementById("search-results");
  var filterBox = document.getElementById("search-filters");
  if (!form || !input || !status || !out) { return; }
  var selects = {
    committee: document.getElementById("search-committee"),
    year: document.getElementById("search-year"),
    kind: document.getElementById("search-kind")
  };
  var params = new URLSearchParams(window.location.search);
  var q = (params.get("q") || "").trim();
  input.value = q;
  var chosen = {};
  Object.keys(selects).forEach(function (name) {
    var v = params.get(name);
    if (v) { chosen[name] = v; }
  });

  function say(text) { status.textContent = text; }

  function failed() {
    out.textContent = "";
    status.textContent = "Search is not working at the moment. You can browse ";
    var a = document.createElement("a");
    a.href = "/committees/";
    a.textContent = "all committees";
    status.appendChild(a);
    status.appendChild(document.createTextNode(" and their meetings instead."));
  }

  // Fills a filter's options from the list of values, keeping the choice in the address.
  function fill(name, list) {
    var select = selects[name];
    if (!select) { return; }
    var values = Array.isArray(list) ? list.slice() : [];
    if (name === "year") {
      values.sort(function (a, b) { return b.localeCompare(a); });
    } else {
      values.sort(function (a, b) { return a.localeCompare(b); });
    }
    values.forEach(function (v) {
      var o = document.createElement("option");
      o.value = v;
      o.textContent = v;
      if (chosen[name] === v) { o.selected = true; }
      select.appendChild(o);
    });
  }

  // An excerpt is text with <mark> around the words found: built as nodes, never as
  // HTML, so nothing in a paper's text can become markup.
  function excerpt(text) {
    var p = document.createElement("p");
    p.className = "search-result__excerpt";
    var parts = String(text || "").split(/<\/?mark>/);
    parts.forEach(function (part, i) {
      if (!part) { return; }
      if (i % 2 === 1) {
        var m = document.createElement("mark");
        m.textContent = part;
        p.appendChild(m);
      } else {
        p.appendChild(document.createTextNode(part));
      }
    });
    return p;
  }

  function item(data) {
    var li = document.createElement("li");
    li.className = "search-result";
    var h = document.createElement("h2");
    h.className = "search-result__title";
    var a = document.createElement("a");
    a.href = data.url;
    a.textContent = (data.meta && data.meta.title) || data.url;
    h.appendChild(a);
    li.appendChild(h);
    // Where it sits is kept as a filter value: shown, never searched.
    var where = data.filters && data.filters.context && data.filters.context[0];
    if (where) {
      var c = document.createElement("p");
      c.className = "search-result__context";
      c.textContent = where;
      li.appendChild(c);
    }
    if (data.excerpt) { li.appendChild(excerpt(data.excerpt)); }
    return li;
  }

  function describe(count) {
    var words = count === 0 ? "No results" : count + (count === 1 ? " result" : " results");
    var text = words + (q ? " for \u201c" + q + "\u201d" : "");
    var f = Object.keys(chosen).map(function (k) { return chosen[k]; });
    if (f.length) { text += " in " + f.join(", "); }
    if (count === 0) { return text + ". Check the spelling, or try other words or fewer filters."; }
    return text + ".";
  }

  function show(results) {
    out.textContent = "";
    say(describe(results.length));
    if (!results.length) { return; }
    var ol = document.createElement("ol");
    ol.className = "search-results__list";
    out.appendChild(ol);
    var shown = 0;
    var more = document.createElement("button");
    more.type = "button";
    more.className = "button button--secondary search-results__more";
    function next() {
      var batch = results.slice(shown, shown + PAGE);
      more.disabled = true;
      return Promise.all(batch.map(function (r) { return r.data(); })).then(function (all) {
        var first = null;
        all.forEach(function (data) {
          var li = item(data);
          ol.appendChild(li);
          if (!first) { first = li.querySelector("a"); }
        });
        shown += batch.length;
        more.disabled = false;
        if (shown >= results.length) {
          more.remove();
        } else {
          more.textContent = "Show more results (" + shown + " of " + results.length + " shown)";
        }
        return first;
      });
    }
    out.appendChild(more);
    more.addEventListener("click", function () {
      next().then(function (first) {
        // Keyboard and screen reader users carry on from the first new result.
        if (first) { first.focus(); }
      }, failed);
    });
    return next();
  }

  if (filterBox) { filterBox.hidden = false; }
  var any = q || Object.keys(chosen).length;
  if (any) { say("Searching\u2026"); }
  // Every search needs Pagefind and its main shard (/pagefind/), so they start loading
  // now, while quire.json says which year shards to merge: one round trip less.
  var ready = null;
  if (any) {
    ready = import(BASE + "pagefind.js").then(function (pagefind) {
      return pagefind.options({ excerptLength: 30 }).then(function () {
        pagefind.init();
        return pagefind;
      });
    });
    ready.catch(function () {}); // reported below, with the rest
  }
  fetch(BASE + "quire.json").then(function (r) {
    if (!r.ok) { throw new Error("quire.json: " + r.status); }
    return r.json();
  }).then(function (list) {
    var filters = list.filters || {};
    Object.keys(selects).forEach(function (name) { fill(name, filters[name]); });
    if (!any) { return null; }
    // A search in one year needs that year's shard only.
    var years = (list.shards || []).filter(function (y) {
      return !chosen.year || y === chosen.year;
    });
    return ready.then(function (pagefind) {
      return Promise.all(years.map(function (y) {
        return pagefind.mergeIndex(BASE + y + "/", { excerptLength: 30 });
      })).then(function () {
        return pagefind.search(q || null, { filters: chosen });
      }).then(function (search) {
        return show((search && search.results) || []);
      });
    });
  }).catch(failed);
})();
