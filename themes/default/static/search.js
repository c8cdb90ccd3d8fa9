// The search page, on Pagefind's search API (/pagefind/pagefind.js): the index is static
// files in chunks, so a search fetches only the parts it needs, and no server is
// involved. The form is a plain GET form: without JavaScript the page says that search
// needs it (see the <noscript> in search.html). This script reads ?q=, ?committee=,
// ?year= and ?kind= from the address, fills the filters, and shows the results.
//
// The index is in shards: /pagefind/ (committees, councillors, pages) and one folder a
// year (/pagefind/2021/), merged here with Pagefind's mergeIndex. /pagefind/quire.json
// lists the years and each filter's values, so the filters are filled without
// Pagefind's filter files, and a search in one year merges that year only.
//
// On a slow connection a first search is a chain of about ten requests, each waiting
// for the one before (Pagefind, its worker, each shard's entry, its metadata and the
// wasm, then the words' index chunks, then the results' fragments): 0.5 s each on a
// phone. So the work starts before the search does (docs/performance.md, "Search on a
// phone-class connection"):
// - Pagefind and its main shard load as soon as this page has loaded: the page is for
//   searching. The year shards load when the search box or a filter is first used,
//   when we know which years are wanted.
// - While words are typed, Pagefind fetches their index chunks (preload), so Enter
//   finds them loaded. Nothing is searched, shown or announced until the form is
//   submitted.
// - Submitting the form searches in place, without loading the page again, and puts
//   the search in the address (pushState), so it can be shared, reloaded, and Back goes
//   to the search before.
(function () {
  "use strict";
  var PAGE = 10;
  var BASE = "/pagefind/";
  var OPTIONS = { excerptLength: 30 };
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
  // The search in the address: its words and its filters.
  var q = "";
  var chosen = {};
  var shownFor = null; // the address of the search on the page

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

  // Reads the search from the address into the form.
  function fromAddress() {
    var params = new URLSearchParams(window.location.search);
    q = (params.get("q") || "").trim();
    input.value = q;
    chosen = {};
    Object.keys(selects).forEach(function (name) {
      var v = params.get(name);
      if (v) { chosen[name] = v; }
      var select = selects[name];
      if (select) {
        select.value = v || "";
        // A value not yet among the options (they come with quire.json): "All" until then.
        if (select.selectedIndex < 0) { select.selectedIndex = 0; }
      }
    });
  }

  // The filters as chosen in the form now (not yet searched).
  function filtersInForm() {
    var f = {};
    Object.keys(selects).forEach(function (name) {
      if (selects[name] && selects[name].value) { f[name] = selects[name].value; }
    });
    return f;
  }

  // The address of a search: empty values are left out, as they mean "all".
  function address(words, filters) {
    var params = new URLSearchParams();
    if (words) { params.set("q", words); }
    Object.keys(filters).forEach(function (name) { params.set(name, filters[name]); });
    var query = params.toString();
    return window.location.pathname + (query ? "?" + query : "");
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

  // The count is announced once, through the status line; the results follow it.
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
      // The ten fragments are fetched together: over HTTP/2 they arrive together.
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

  // quire.json: the filters' values and the year shards.
  var list = fetch(BASE + "quire.json").then(function (r) {
    if (!r.ok) { throw new Error("quire.json: " + r.status); }
    return r.json();
  });

  // Pagefind and its main shard, loaded once.
  var pagefind = null;
  function program() {
    if (!pagefind) {
      pagefind = import(BASE + "pagefind.js").then(function (p) {
        return p.options(OPTIONS).then(function () {
          p.init();
          return p;
        });
      });
    }
    return pagefind;
  }

  // Pagefind with the year shards that a search in `year` needs (every year if none),
  // each merged once. A shard merged for an earlier search stays: a search in one year
  // after a search in all years finds it loaded.
  var merged = {};
  function shards(year) {
    return Promise.all([program(), list]).then(function (both) {
      var p = both[0];
      var years = (both[1].shards || []).filter(function (y) { return !year || y === year; });
      return Promise.all(years.map(function (y) {
        if (!merged[y]) { merged[y] = p.mergeIndex(BASE + y + "/", OPTIONS); }
        return merged[y];
      })).then(function () { return p; });
    });
  }

  // Loading ahead is only a head start: if it fails, the search itself says so.
  function ahead(promise) { promise.catch(function () {}); }

  // The year shards start loading when the search box or a filter is first used.
  function prepare() { ahead(shards(filtersInForm().year)); }

  // While the words are typed, their index chunks (and the chosen filters') are fetched.
  // Waiting for a short pause saves asking for every letter, and a word of fewer than
  // three letters would fetch the chunks of many words.
  var typing = null;
  function preload() {
    clearTimeout(typing);
    typing = setTimeout(function () {
      var words = input.value.trim();
      var filters = filtersInForm();
      if (words.length < 3) { return; }
      ahead(shards(filters.year).then(function (p) {
        return p.preload(words, { filters: filters });
      }));
    }, 150);
  }

  // Searches for what the address says, unless that is what the page shows already.
  var searches = 0;
  function run() {
    var here = window.location.pathname + window.location.search;
    if (here === shownFor) { return; }
    shownFor = here;
    var mine = ++searches;
    out.textContent = "";
    if (!q && !Object.keys(chosen).length) { say(""); return; }
    say("Searching\u2026");
    shards(chosen.year).then(function (p) {
      return p.search(q || null, { filters: chosen });
    }).then(function (search) {
      // A later search replaces this one.
      if (mine === searches) { return show((search && search.results) || []); }
    }).catch(function () {
      if (mine === searches) { failed(); }
    });
  }

  fromAddress();
  if (filterBox) { filterBox.hidden = false; }
  list.then(function (l) {
    var filters = l.filters || {};
    Object.keys(selects).forEach(function (name) { fill(name, filters[name]); });
  }).catch(failed);
  ahead(program());
  run();

  input.addEventListener("focus", prepare);
  input.addEventListener("input", preload);
  Object.keys(selects).forEach(function (name) {
    if (selects[name]) { selects[name].addEventListener("change", function () { prepare(); preload(); }); }
  });

  // The search runs here, without loading the page again; the address says what it is.
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(typing);
    var words = input.value.trim();
    var filters = filtersInForm();
    var to = address(words, filters);
    if (to === window.location.pathname + window.location.search) {
      // The same search again (a retry): search, keeping one history entry.
      shownFor = null;
    } else {
      window.history.pushState(null, "", to);
    }
    q = words;
    chosen = filters;
    run();
  });
  // Back and Forward: the search of that address. (A link to #main-content also lands
  // here; run() sees that the search has not changed.)
  window.addEventListener("popstate", function () {
    fromAddress();
    run();
  });
})();
