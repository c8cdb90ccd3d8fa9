// The search page, on Pagefind's search API (/pagefind/pagefind.js): the index is static
// files in chunks, so a search fetches only the parts it needs, and no server is
// involved. The form is a plain GET form: without JavaScript the page says that search
// needs it (see the <noscript> in search.html). This script reads ?q=, ?committee=,
// ?year= and ?kind= from the address, fills the filters, and shows the results.
//
// The index is in shards: /pagefind/ (committees, councillors, pages) and one folder a
// year (/pagefind/2021/), the newest year with published papers in two halves
// (/pagefind/2024-h1/ and -h2/) and a year of many words in parts of a few months
// (/pagefind/2016-jan-apr/), merged here with Pagefind's mergeIndex.
// /pagefind/quire.json lists the year shards (with each one's year and what to call
// it) and each filter's values, so the filters are filled without Pagefind's filter
// files, and a search in one year merges that year's shards only.
//
// On a slow connection a first search is a chain of about ten requests, each waiting
// for the one before (Pagefind, each shard's entry, its metadata and the wasm, then
// the words' index chunks, then the results' fragments): 0.5 s each on a phone. So the
// work starts before the search does (docs/performance.md, "Search on a phone-class
// connection"):
// - Pagefind and its main shard load as soon as this page has loaded: the page is for
//   searching. The year shards load when the search box or a filter is first used,
//   when we know which years are wanted: the newest papers' first.
// - While words are typed, their index chunks are fetched: by this script from each
//   shard whose metadata has arrived (it reads which chunk holds which words), without
//   waiting for Pagefind's wasm, and by Pagefind (preload), so Enter finds them loaded.
//   Nothing typed is searched, shown or announced until the form is submitted.
// - Pagefind's first search in a page is its slowest, so a small search of the main
//   shard warms it up as soon as it is ready, while the words are being typed.
// - Submitting the form searches in place, without loading the page again, and puts
//   the search in the address (pushState), so it can be shared, reloaded, and Back goes
//   to the search before.
// - A search over all years answers first from the newest papers (the main shard and
//   the half year of the newest published papers, a second Pagefind instance) while
//   the other years' metadata is still on its way, and says so; then from every year.
//   The results from every year replace the first ones, unless the reader has moved
//   into them: then a button offers them.
// - Pagefind runs in a worker of this page's own, which keeps a search's results and
//   fetches the first ten as soon as the search ends; the page is given only the count
//   and the results it shows (see worker()).
// - quire.json gives each shard's entry a tag that changes whenever the entry does, and
//   names its metadata file (and the main shard's wasm). The tag is passed to Pagefind
//   (metaCacheTag), so it asks for `pagefind-entry.json?ts=<tag>` rather than a new
//   address each time, and this script fetches those files itself as soon as quire.json
//   arrives, all at once, instead of one after another as Pagefind finds their names.
//   Pagefind's worker shares the browser's HTTP cache, so where the host lets files be
//   cached (GitHub Pages: ten minutes) it finds them there or on their way.
(function () {
  "use strict";
  var PAGE = 10;
  // How many of the newest year shards answer a search over all years first. One: on a
  // phone-class connection two (2024 and 2023) answered 0.2 to 0.3 s later, with twice
  // the metadata to fetch first and twice the matches to score for a common word. For
  // the same reason the newest year with published papers is in halves: the first
  // answer scores half a year.
  var RECENT = 1;
  var BASE = "/pagefind/";
  var OPTIONS = { excerptLength: 30 };
  // The word of the first search, made to warm Pagefind up (see program()): one found in
  // most sites' committees and councillors.
  var WARM = "committee";
  // Whether to: not when the page opens with a search in its address, which would wait
  // for it, with no time between for the browser to compile anything.
  function warming() { return !q && !Object.keys(chosen).length; }
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
    var text = counted(count);
    if (count === 0) { return text + ". Check the spelling, or try other words or fewer filters."; }
    return text + ".";
  }

  // "12 results for “word” in Cabinet": the count, the words and the filters.
  function counted(count) {
    var words = count === 0 ? "No results" : count.toLocaleString("en-GB") + (count === 1 ? " result" : " results");
    var text = words + (q ? " for \u201c" + q + "\u201d" : "");
    var f = Object.keys(chosen).map(function (k) { return chosen[k]; });
    if (f.length) { text += " in " + f.join(", "); }
    return text;
  }

  // "2024 and 2023"
  function listed(years) {
    if (years.length < 2) { return years.join(""); }
    return years.slice(0, -1).join(", ") + " and " + years[years.length - 1];
  }

  // The failure of the search numbered `mine`, said only while that search is the page's:
  // an earlier search's failure never replaces a later search's answer.
  function failedIf(mine) {
    return function () { if (mine === searches) { failed(); } };
  }

  // The "Show more results" button whose results are on their way, if any: it is disabled
  // meanwhile, which takes the focus from it, but the reader is still in the results.
  var asked = null;
  function inResults() {
    return out.contains(document.activeElement) || (asked !== null && out.contains(asked));
  }

  // The count is announced once, through the status line (or `line`, for the newest
  // years' results); the results follow it.
  function show(results, line) {
    var mine = searches;
    out.textContent = "";
    say(line || describe(results.length));
    if (!results.length) { return; }
    var ol = document.createElement("ol");
    ol.className = "search-results__list";
    out.appendChild(ol);
    var shown = 0;
    var loading = false;
    // Added once the first results are on the page, with its words: never an empty button.
    // While more results load it is marked busy, not disabled: a disabled button loses the
    // focus to the page, and a keyboard user would have to find their place again.
    var more = document.createElement("button");
    more.type = "button";
    more.className = "button button--secondary search-results__more";
    function next() {
      var batch = results.slice(shown, shown + PAGE);
      loading = true;
      more.setAttribute("aria-disabled", "true");
      // The ten fragments are fetched together, and each result is shown once it and
      // those before it have arrived: in order, and the first without waiting for the
      // last (on a slow connection they arrive over about 0.1 s).
      var first = null;
      var added = Promise.resolve();
      batch.map(function (r) { return r.data(); }).forEach(function (data) {
        data.catch(function () {}); // a failure is the chain's to report, once
        added = added.then(function () { return data; }).then(function (d) {
          var li = item(d);
          ol.appendChild(li);
          if (!first) { first = li.querySelector("a"); }
        });
      });
      return added.then(function () {
        shown += batch.length;
        loading = false;
        more.removeAttribute("aria-disabled");
        if (shown >= results.length) {
          more.remove();
        } else {
          more.textContent = "Show more results (" + shown + " of " + results.length + " shown)";
          // Unless a newer search's results have taken this list's place.
          if (!more.parentNode && ol.parentNode === out) { out.appendChild(more); }
        }
        return first;
      });
    }
    more.addEventListener("click", function () {
      if (loading) { return; }
      asked = more;
      next().then(function (first) {
        if (asked === more) { asked = null; }
        // Keyboard and screen reader users carry on from the first new result.
        if (first) { first.focus(); }
      }, function (error) {
        // The search worker keeps the results of its last few searches only: after many
        // searches the reader never saw (made and overtaken while older years loaded),
        // this list's may be gone. The search is made again rather than said to fail.
        if (error && error.gone && mine === searches) { shownFor = null; run(); } else { failedIf(mine)(); }
      });
    });
    return next();
  }

  // quire.json: the filters' values, the year shards and each shard's entry. A host
  // that forbids caching it (no-store) forbids caching the index too: fetching ahead
  // would then download each file twice, so Pagefind is left to fetch them.
  var storable = true;
  var list = fetch(BASE + "quire.json").then(function (r) {
    if (!r.ok) { throw new Error("quire.json: " + r.status); }
    storable = !/no-store/i.test(r.headers.get("Cache-Control") || "");
    return r.json();
  });

  // A file Pagefind will ask for, fetched now so that its request finds it in the HTTP
  // cache or on its way. The body is read, so the download is not held back, and
  // dropped. Each file once; a failure is Pagefind's to report when it asks.
  // Returns a promise that settles when the answer has begun to arrive (or at once, if
  // nothing is fetched).
  var fetched = {};
  var bodies = {};
  function early(url, priority) {
    if (!storable) { return Promise.resolve(); }
    if (!fetched[url]) {
      try {
        var answer = fetch(url, { priority: priority });
        bodies[url] = answer.then(function (r) { return r.arrayBuffer(); }).catch(function () {});
        fetched[url] = answer.catch(function () {});
      } catch (e) { /* a browser without fetch options: Pagefind fetches it */
        fetched[url] = Promise.resolve();
      }
    }
    return fetched[url];
  }

  // A shard's entry in quire.json (`dir` as "/pagefind/2021/"), if it has one.
  function entry(l, dir) {
    var e = l && l.entries && l.entries[dir];
    return e && typeof e.tag === "string" ? e : null;
  }

  // Pagefind's options for the shard in `dir`: its entry's tag, if quire.json gives one.
  var tagged = false;
  function optionsFor(l, dir) {
    var o = { excerptLength: OPTIONS.excerptLength };
    var e = entry(l, dir);
    if (e) { o.metaCacheTag = e.tag; tagged = true; }
    return o;
  }

  // The files Pagefind reads from the shard in `dir` before it can search it, as it
  // writes their addresses.
  function shardFiles(l, dir) {
    var e = entry(l, dir);
    if (!e) { return []; }
    var files = [dir + "pagefind-entry.json?ts=" + encodeURIComponent(e.tag)];
    if (e.meta) { files.push(dir + e.meta); }
    if (e.wasm) { files.push(dir + e.wasm); }
    return files;
  }
  function fetchShard(l, dir, priority) {
    var asked = Promise.all(shardFiles(l, dir).map(function (url) { return early(url, priority); }));
    readMeta(l, dir);
    return asked;
  }

  // The index chunks of the words being typed, fetched ahead from each shard whose
  // metadata this page has fetched: the metadata says which chunk holds which words,
  // so the chunks need not wait for Pagefind's WebAssembly, which arrives after the
  // metadata and is compiled before Pagefind reads it. Pagefind then finds them in the
  // HTTP cache or on their way. Only a head start: where anything here fails or the
  // metadata is not as expected, Pagefind fetches what it needs itself.
  var metas = {}; // a shard's folder: its index chunks and filter files, once read
  var reading = {};
  function readMeta(l, dir) {
    var e = entry(l, dir);
    if (reading[dir] || !e || !e.meta || !bodies[dir + e.meta] || typeof DecompressionStream === "undefined") { return; }
    reading[dir] = bodies[dir + e.meta].then(function (buf) {
      if (!buf) { return null; }
      // Gzipped, as Pagefind writes it, unless the host has unzipped it on the way.
      var head = new Uint8Array(buf, 0, Math.min(2, buf.byteLength));
      if (head[0] !== 0x1f || head[1] !== 0x8b) { return buf; }
      var unzipped = new Blob([buf]).stream().pipeThrough(new DecompressionStream("gzip"));
      return new Response(unzipped).arrayBuffer();
    }).then(function (buf) {
      var m = buf ? decodeMeta(new Uint8Array(buf)) : null;
      if (m) {
        metas[dir] = m;
        if (dir === BASE && warming()) { chunksOf(dir, m, WARM, "low"); }
        chunksAhead(l);
      }
    }).catch(function () {});
  }

  // A shard's metadata (pagefind.*.pf_meta, Pagefind 1.x): after the signature
  // "pagefind_dcd", a CBOR array of the version, the pages, the index chunks (each
  // [first word, last word, name]) and the filters (each [filter, name]), and more.
  // Returns null for anything else.
  function decodeMeta(b) {
    var at = 0;
    var sig = "pagefind_dcd";
    if (b.length > sig.length && String.fromCharCode.apply(null, b.subarray(0, sig.length)) === sig) { at = sig.length; }
    var text = new TextDecoder();
    function head() {
      var ib = b[at++];
      var ai = ib & 31;
      var n = ai;
      if (ai === 24) { n = b[at]; at += 1; }
      else if (ai === 25) { n = b[at] * 256 + b[at + 1]; at += 2; }
      else if (ai === 26) { n = ((b[at] * 256 + b[at + 1]) * 256 + b[at + 2]) * 256 + b[at + 3]; at += 4; }
      else if (ai > 26) { throw new Error("unexpected CBOR"); }
      if (at > b.length) { throw new Error("short CBOR"); }
      return { type: ib >> 5, n: n };
    }
    // Reads an item: strings, numbers and arrays of them.
    function item() {
      var h = head();
      if (h.type === 0) { return h.n; }
      if (h.type === 3) { var s = text.decode(b.subarray(at, at + h.n)); at += h.n; return s; }
      if (h.type === 4) { var a = []; for (var i = 0; i < h.n; i++) { a.push(item()); } return a; }
      throw new Error("unexpected CBOR");
    }
    // Passes over an item without reading it (the pages: thousands of them).
    function skip() {
      var h = head();
      if (h.type === 2 || h.type === 3) { at += h.n; }
      else if (h.type === 4) { for (var i = 0; i < h.n; i++) { skip(); } }
      else if (h.type !== 0 && h.type !== 1) { throw new Error("unexpected CBOR"); }
    }
    function strings(a, n) {
      return Array.isArray(a) && a.length === n && a.every(function (x) { return typeof x === "string"; });
    }
    try {
      var top = head();
      if (top.type !== 4 || top.n < 4) { return null; }
      var version = item();
      if (typeof version !== "string" || version.charAt(0) !== "1") { return null; }
      skip(); // the pages
      var chunks = item();
      var filters = item();
      if (!Array.isArray(chunks) || !chunks.every(function (c) { return strings(c, 3); })) { return null; }
      if (!Array.isArray(filters) || !filters.every(function (f) { return strings(f, 2); })) { return null; }
      var byName = {};
      filters.forEach(function (f) { byName[f[0]] = f[1]; });
      return { chunks: chunks, filters: byName };
    } catch (e) {
      return null;
    }
  }

  // Fetches the index chunks of shard `dir` (metadata `m`) that may hold the word `t` or
  // a word it begins (the last word may not be finished): at most two, as a chunk holds
  // many words. A chunk's first and last words are given as their shortest
  // distinguishing beginnings ("pu" to "r").
  function chunksOf(dir, m, t, priority) {
    var n = 0;
    for (var i = 0; i < m.chunks.length && n < 2; i++) {
      var c = m.chunks[i];
      if (t.slice(0, c[1].length) <= c[1] && c[0].slice(0, t.length) <= t) { early(dir + "index/" + c[2] + ".pf_index", priority); n++; }
    }
  }

  // The words and filters being typed, whose index chunks and filter files are wanted.
  var wanted = null;
  // Fetches the chunks of `wanted` from each shard read so far that the search needs.
  function chunksAhead(l) {
    if (!wanted) { return; }
    var filters = wanted.filters;
    // As Pagefind reads a search's words: lower case, without accents or punctuation.
    var terms = wanted.words.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[!-\/:-@\[-`{-~\u2018\u2019\u201c\u201d]/g, "").split(/\s+/).filter(Boolean);
    Object.keys(metas).forEach(function (dir) {
      if (dir !== BASE) {
        if (yearless(l, filters)) { return; }
        if (filters.year && shardsOf(l, filters.year).map(dirOf).indexOf(dir) < 0) { return; }
      }
      var m = metas[dir];
      terms.forEach(function (t) { chunksOf(dir, m, t, "high"); });
      Object.keys(filters).forEach(function (name) {
        if (m.filters[name]) { early(dir + "filter/" + m.filters[name] + ".pf_filter", "high"); }
      });
    });
  }

  // The year shards a search in `year` needs (every one if none), newest first: those
  // quire.json says are of that year (a year, or the newest year's halves).
  function shardsOf(l, year) {
    return (l.shards || []).filter(function (s) {
      return !year || ((l.years && l.years[s]) || s) === year;
    });
  }
  function dirOf(shard) { return BASE + shard + "/"; }
  // What the status line calls a shard ("July to December 2024").
  function labelOf(l) {
    return function (s) { return (l.labels && l.labels[s]) || s; };
  }

  // The newest year shards, which answer a search over all years first: the shard of
  // the newest published papers (quire.json's `first`; a year of meetings set ahead,
  // whose papers are not out, holds little to find), else the newest listed; none when
  // they are all the years there are.
  function newest(l) {
    var years = l.shards || [];
    if (years.length <= RECENT) { return []; }
    return years.indexOf(l.first) >= 0 ? [l.first] : years.slice(0, RECENT);
  }

  // The main shard's WebAssembly, as Pagefind writes its address.
  function wasmOf(l) {
    return shardFiles(l, BASE).filter(function (url) { return /\/wasm\.[^\/]*$/.test(url); })[0];
  }

  // The year shards' files, fetched ahead when the search box or a filter is first used:
  // the newest year's at once, and the older years' not before the main shard's
  // WebAssembly has begun to arrive. On a slow connection (which shares its bandwidth
  // between the files on their way) they then come after the files the first answer
  // needs, rather than with them, and their round trip overlaps the WebAssembly's
  // transfer. The promise settles once they have been asked for.
  var newestIn = null;
  var olderIn = null;
  function fetchNewest(l) {
    if (!newestIn) {
      newestIn = Promise.all(newest(l).map(function (y) { return fetchShard(l, BASE + y + "/", "high"); }));
    }
    return newestIn;
  }
  function fetchYears(l, year) {
    if (year) {
      return Promise.all(shardsOf(l, year).map(function (y) { return fetchShard(l, dirOf(y), "low"); }));
    }
    if (!olderIn) {
      olderIn = Promise.all([fetchNewest(l), mainIn]).then(function () {
        var w = wasmOf(l);
        return w && fetched[w];
      }).then(function () {
        (l.shards || []).forEach(function (y) { fetchShard(l, BASE + y + "/", "low"); });
      });
    }
    return olderIn;
  }

  // The main shard's files are fetched as soon as quire.json arrives (with this script:
  // see the preloads in search.html): the page is for searching. (Pagefind's own
  // worker, pagefind-worker.js, is not: Pagefind runs in this page's worker, and
  // starts its own only where it runs in the page.)
  var mainIn = list.then(function (l) {
    fetchShard(l, BASE, "high");
  });
  ahead(mainIn);

  // Pagefind runs in a worker of this page's own (searcher() below) where the browser
  // can start one, else in the page, where it starts a worker of its own. In Pagefind's
  // own worker a search's answer comes to the page whole: for a common word 5,000
  // results with their 41,000 word positions, which took the page 80 to 110 ms to read
  // on a phone-class processor, before it could ask for the ten results it shows; and
  // each of those is asked for through the page. In ours the results stay in the
  // worker: the page is told how many there are, and the worker fetches the first ten
  // as soon as the search ends (docs/performance.md, "Twenty-first session").
  //
  // The worker's script is searcher()'s source, so it needs no file of its own (and no
  // round trip to fetch one before Pagefind can load). Pagefind's module starts
  // loading in it now: pagefind.js is preloaded by search.html, so it comes from the
  // HTTP cache or on its way. A browser that cannot run it (no module workers, or a
  // policy that forbids workers from blob: addresses) gets Pagefind in the page.
  var engine = worker();

  // Pagefind with `options`, ready to merge shards and search.
  function started(options) {
    return engine.then(function (client) {
      if (!client) { return null; }
      // Pagefind loaded in the worker but would not start there: it is tried in the
      // page, and the worker is not needed.
      return client.start(options).catch(function () { client.stop(); return null; });
    }).catch(function () { return null; })
      .then(function (p) { return p || inPage(options); });
  }

  function inPage(options) {
    return import(BASE + "pagefind.js").then(function (p) {
      return p.options(options).then(function () { p.init(); return p; });
    });
  }

  // The search's worker, once Pagefind's module has loaded in it; null where it cannot
  // be had.
  function worker() {
    var w = null;
    var url = null;
    try {
      if (typeof Worker === "undefined" || typeof Blob === "undefined" || !URL.createObjectURL) { return Promise.resolve(null); }
      url = URL.createObjectURL(new Blob(["(" + searcher.toString() + ")();\n"], { type: "text/javascript" }));
      w = new Worker(url, { type: "module" });
    } catch (e) {
      if (url) { URL.revokeObjectURL(url); }
      return Promise.resolve(null);
    }
    var client = new Client(w);
    // Addresses are given whole: a relative one would be read against the blob:
    // address of the worker's script, which has no path.
    return client.call("import", { url: absolute(BASE + "pagefind.js") }).then(function () {
      return client;
    }, function () {
      w.terminate();
      return null;
    }).then(function (c) {
      URL.revokeObjectURL(url);
      return c;
    });
  }

  function absolute(path) { return new URL(path, window.location.href).href; }

  // The page's side of the worker: each call is a message, answered by its number.
  // Pagefind in the worker is used as Pagefind is in the page (search, mergeIndex,
  // preload, createInstance), except that a search's results are stubs, each of which
  // asks the worker for its result when shown; search() takes how many of its first
  // results the worker is to fetch at once (ten unless told).
  function Client(w) {
    var calls = 0;
    var waiting = {};
    var broke = null;
    var made = 0;
    w.onmessage = function (event) {
      var m = event.data || {};
      var call = waiting[m.id];
      if (!call) { return; }
      delete waiting[m.id];
      if (m.error === undefined) { call.resolve(m.value); return; }
      var error = new Error(m.error);
      error.gone = !!m.gone;
      call.reject(error);
    };
    // The worker's script failed to load or to run (a browser without module workers
    // runs it as a classic script, where import() may throw): every call still waiting
    // fails, and so does every call after.
    w.onerror = function (event) {
      // Expected where the worker is refused, and handled: not an error of the page's.
      if (event && event.preventDefault) { event.preventDefault(); }
      broke = new Error("search worker: " + ((event && event.message) || "failed"));
      Object.keys(waiting).forEach(function (id) { waiting[id].reject(broke); });
      waiting = {};
    };
    var call = this.call = function (op, fields) {
      if (broke) { return Promise.reject(broke); }
      return new Promise(function (resolve, reject) {
        var id = ++calls;
        waiting[id] = { resolve: resolve, reject: reject };
        fields.op = op;
        fields.id = id;
        w.postMessage(fields);
      });
    };
    function instance(name) {
      return {
        mergeIndex: function (dir, options) {
          return call("merge", { name: name, dir: absolute(dir), options: options || {} });
        },
        preload: function (words, options) {
          return call("preload", { name: name, words: words, options: options || {} });
        },
        search: function (words, options, first) {
          var fields = { name: name, words: words, options: options || {}, first: first === undefined ? PAGE : first };
          return call("search", fields).then(function (answer) {
            var results = [];
            for (var i = 0; i < answer.count; i++) { results.push(stub(answer.search, i)); }
            return { results: results };
          });
        },
        createInstance: function (options) {
          var o = {};
          Object.keys(options || {}).forEach(function (k) { o[k] = options[k]; });
          o.basePath = absolute(o.basePath || BASE);
          var other = "i" + (++made);
          ahead(call("instance", { name: other, options: o }));
          return instance(other);
        }
      };
    }
    function stub(search, index) {
      return { data: function () { return call("data", { search: search, index: index }); } };
    }
    this.stop = function () { w.terminate(); };
    this.start = function (options) {
      return call("start", { options: options }).then(function () { return instance(""); });
    };
  }

  // The worker's script (see worker()): never run in the page. Pagefind runs inline
  // here, as it does wherever there is no window. Each message is an operation, which
  // waits for Pagefind's module, and is answered with its value or its error. A
  // search's results stay here; the page asks for each one it shows, and the first
  // ones are fetched as soon as the search has ended. With no document here, Pagefind
  // cannot read the page's language and takes the index of the language with the most
  // pages: the site's only one, since quire indexes every page in the site's language
  // (src/render/html/search.rs).
  function searcher() {
    var KEEP = 8; // searches whose results are kept, for "Show more results"
    var pagefind = null;
    var loaded = null;
    var instances = {};
    var searches = {};
    var made = 0;
    var asked = {}; // by instance, how many searches have been asked of it
    function instance(name) {
      if (!name) { return pagefind; }
      if (!instances[name]) { throw new Error("no Pagefind instance " + name); }
      return instances[name];
    }
    // Result `index` of search `n`, once, as the page shows it: the rest of what
    // Pagefind gives (the page's whole text, its word positions) stays here.
    function result(n, index) {
      var s = searches[n];
      if (!s || !(index < s.results.length)) {
        var gone = new Error("that search's results are gone");
        gone.gone = true;
        return Promise.reject(gone);
      }
      if (!s.data[index]) {
        s.data[index] = s.results[index].data().then(function (d) {
          return {
            url: d.url,
            meta: { title: d.meta && d.meta.title },
            filters: { context: d.filters && d.filters.context },
            excerpt: d.excerpt
          };
        }, function (err) {
          delete s.data[index]; // asked again, it is fetched again
          throw err;
        });
      }
      return s.data[index];
    }
    var ops = {
      start: function (m) {
        return pagefind.options(m.options).then(function () { pagefind.init(); });
      },
      instance: function (m) { instances[m.name] = pagefind.createInstance(m.options); },
      merge: function (m) { return instance(m.name).mergeIndex(m.dir, m.options); },
      preload: function (m) { return instance(m.name).preload(m.words, m.options); },
      search: function (m) {
        // A search of an instance asked for again before this one ended (the reader
        // searched again) is not shown: its results are not fetched ahead.
        var mine = asked[m.name] = (asked[m.name] || 0) + 1;
        return instance(m.name).search(m.words, m.options).then(function (answer) {
          var n = ++made;
          searches[n] = { results: (answer && answer.results) || [], data: [] };
          delete searches[n - KEEP];
          var first = asked[m.name] === mine ? m.first : 0;
          for (var i = 0; i < first && i < searches[n].results.length; i++) {
            result(n, i).catch(function () {}); // the page's own ask reports a failure
          }
          return { search: n, count: searches[n].results.length };
        });
      },
      data: function (m) { return result(m.search, m.index); }
    };
    self.onmessage = function (event) {
      var m = event.data;
      var done;
      if (m.op === "import") {
        done = loaded = import(m.url).then(function (p) { pagefind = p; });
      } else if (!loaded || !ops[m.op]) {
        done = Promise.reject(new Error("unknown operation " + m.op));
      } else {
        done = loaded.then(function () { return ops[m.op](m); });
      }
      done.then(function (value) {
        self.postMessage({ id: m.id, value: value });
      }).catch(function (err) {
        // Also a value that could not be sent: the page's call is answered either way.
        self.postMessage({ id: m.id, error: String((err && err.message) || err), gone: !!(err && err.gone) });
      });
    };
  }

  // Pagefind and its main shard, loaded once, with the main shard's tag from quire.json
  // (which comes with pagefind.js: see the preloads in search.html). Without
  // quire.json, Pagefind asks for its entry afresh.
  var pagefind = null;
  function program() {
    if (!pagefind) {
      var l = list.catch(function () { return null; });
      pagefind = l.then(function (got) { return started(optionsFor(got, BASE)); }).then(function (p) {
        // Pagefind's first search in a page runs slowly: the browser runs its
        // WebAssembly as first compiled until it has compiled the busy parts again, in
        // the background, once they have run a while. "report" in one year took 0.6 s
        // the first time and 0.3 s after one small search made 1.5 s before
        // (docs/performance.md, "Nineteenth session"). So a small search is made as
        // soon as Pagefind is ready, and nothing is shown of it (nor fetched: no result
        // ahead). Made before any year is merged, it searches the main shard only (its
        // index chunk is fetched ahead with that shard's metadata: see readMeta).
        if (warming()) { ahead(p.search(WARM, {}, 0)); }
        return p;
      });
    }
    return pagefind;
  }

  // Pagefind with the year shards that a search in `year` needs (every year if none),
  // each merged once. A shard merged for an earlier search stays: a search in one year
  // after a search in all years finds it loaded. Their files are fetched as soon as
  // quire.json is here: Pagefind asks for them only once the main shard's wasm has
  // loaded.
  // In a search over all years, an older year is merged once its files have been asked
  // for (see fetchYears): Pagefind fetches a merged shard's files at once, which would
  // share the bandwidth with the files the first answer needs.
  var merged = {};
  var settled = {};
  function shards(year) {
    var ready = list.then(function (l) { return fetchYears(l, year); });
    ahead(ready);
    return Promise.all([program(), list]).then(function (both) {
      var p = both[0];
      var l = both[1];
      var years = shardsOf(l, year);
      return Promise.all(years.map(function (y) {
        var dir = BASE + y + "/";
        if (!merged[y]) {
          var start = year || newest(l).indexOf(y) >= 0 ? Promise.resolve() : ready;
          merged[y] = start.then(function () { return p.mergeIndex(dir, optionsFor(l, dir)); })
            .then(function () { settled[y] = true; });
        }
        return merged[y];
      })).then(function () { return p; });
    });
  }

  // Whether every shard of `some` is one of `all`'s.
  function within(some, all) {
    return some.length > 0 && some.every(function (s) { return all.indexOf(s) >= 0; });
  }

  // Whether every year shard a search over all years needs is merged already.
  function whole(l) {
    return (l.shards || []).every(function (y) { return settled[y]; });
  }

  // The second Pagefind instance: the main shard and the newest shard only, so that a
  // search over all years can answer from them before the older years' metadata is in
  // (docs/performance.md, "The newest years first"). Its files are the main instance's,
  // fetched once from the HTTP cache. Null where there are no older years, where the
  // host forbids caching (each instance would then download the wasm and the main
  // shard again), or where Pagefind cannot make a second instance.
  var recentOne = null;
  var recentIn = null; // the second instance, once its shards are merged
  function recent() {
    if (!recentOne) {
      recentOne = list.then(function (l) {
        if (!newest(l).length) { return null; }
        fetchNewest(l);
        return instanceOf(l, newest(l));
      }).then(function (r) { recentIn = r; return r; });
    }
    return recentOne;
  }

  // Instances besides the main one, each of the main shard and the year shards named,
  // made once: the newest shard's (above), and the newest year's for a search in that
  // year while the older years load (the main instance searches only once every shard
  // it has been given is merged). Null where a second instance cannot be had.
  var instances = {};
  function instanceOf(l, names) {
    var key = names.join(" ");
    if (!instances[key]) {
      instances[key] = program().then(function (p) {
        if (!names.length || !storable || typeof p.createInstance !== "function") { return null; }
        var options = optionsFor(l, BASE);
        options.basePath = BASE;
        var r = p.createInstance(options);
        return Promise.all(names.map(function (y) {
          return r.mergeIndex(dirOf(y), optionsFor(l, dirOf(y)));
        })).then(function () { return r; });
      });
    }
    return instances[key];
  }

  // Whether Pagefind's WebAssembly cannot be had: the main shard's, fetched ahead,
  // answered with an error or not at all. Pagefind would then wait for ever (its
  // mergeIndex never settles), so the search says it is not working instead. Unknown,
  // and never settled, where nothing is fetched ahead (a host that forbids caching).
  var broken = mainIn.then(function () {
    return list.then(function (l) {
      var w = wasmOf(l);
      if (!storable || !w || !fetched[w]) { return new Promise(function () {}); }
      return fetched[w].then(function (r) { return !r || !r.ok; });
    });
  });
  ahead(broken);

  // Loading ahead is only a head start: if it fails, the search itself says so.
  function ahead(promise) { promise.catch(function () {}); }

  // Whether a search is for a kind of page that has no year (a committee, a councillor):
  // quire.json lists those kinds, which only the main shard holds, so a search for one
  // loads no year shard and its first answer is the whole answer.
  function yearless(l, filters) {
    return !filters.year && !!filters.kind && (l.yearless || []).indexOf(filters.kind) >= 0;
  }

  // What a search with `filters` loads: Pagefind with the year shards it needs, and for
  // a search over all years, the newest years' instance too. `then` is given each.
  function loading(filters, then) {
    ahead(list.catch(function () { return {}; }).then(function (l) {
      if (yearless(l, filters)) { ahead(program().then(then)); return; }
      if (!filters.year) { ahead(recent().then(then)); }
      ahead(shards(filters.year).then(then));
    }));
  }

  // The year shards start loading when the search box or a filter is first used.
  function prepare() {
    loading(filtersInForm(), function () {});
  }

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
      wanted = { words: words, filters: filters };
      ahead(list.then(chunksAhead));
      loading(filters, function (p) { return p && p.preload(words, { filters: filters }); });
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
    var words = q || null;
    var filters = chosen;
    var current = function () { return mine === searches; };
    broken.then(function (b) { if (b) { failedIf(mine)(); } }, function () {});
    list.catch(function () { return {}; }).then(function (l) {
      // A search in the newest year while the older years are still being merged is an
      // instance of that year's shards (the second instance, if the year has one shard),
      // once the second instance is ready: the first searches only once every merge is
      // done.
      var year = filters.year;
      if (yearless(l, filters)) {
        return program().then(function (p) { return p.search(words, { filters: filters }); })
          .then(function (search) { if (current()) { return show(results(search)); } });
      }
      var from = year && recentIn && within(newest(l), shardsOf(l, year)) && !whole(l)
        ? instanceOf(l, shardsOf(l, year)).then(function (r) { return r || shards(year); })
        : shards(year);
      var all = from.then(function (p) { return p.search(words, { filters: filters }); });
      if (filters.year || !newest(l).length || whole(l)) {
        return all.then(function (search) { if (current()) { return show(results(search)); } });
      }
      return firstNewest(l, words, filters, current, all);
    }).catch(function () {
      if (current()) { stale().then(function (newer) {
        if (newer) { window.location.reload(); } else { failedIf(mine)(); }
      }, failedIf(mine)); }
    });
  }

  function results(search) { return (search && search.results) || []; }

  // A search over all years with older years still loading: the newest years' results
  // are shown first, and every year's when they are ready (`all`), in their place or,
  // once the reader has moved into the first results, behind a button.
  function firstNewest(l, words, filters, current, all) {
    var years = listed(newest(l).map(labelOf(l)));
    var first = -1; // how many results the first answer showed, once it has
    // Whether every year's search has ended, found or failed: then the first results
    // are not needed, and must not replace its answer or the failure.
    var over = false;
    var end = function () { over = true; };
    all.then(end, end);
    // The answer from every year does not wait for the first one: the second instance
    // may fail, or never be ready, on its own.
    ahead(recent().then(function (r) {
      if (!r) { return null; }
      return r.search(words, { filters: filters }).then(function (search) {
        // Every year may have come in meanwhile: then the first results are not needed.
        if (!current() || over || whole(l)) { return null; }
        var found = results(search);
        first = found.length;
        return show(found, "From " + years + ": " + counted(found.length) + " so far. Still searching the other years\u2026");
      });
    }));
    return all.then(function (search) {
      if (!current()) { return null; }
      var found = results(search);
      if (first >= 0 && inResults()) {
        // The older years found nothing more: the list is every year's already.
        if (found.length === first) { say(describe(found.length)); return null; }
        return offer(found, years);
      }
      return show(found);
    });
  }

  // Every year's results, ready while the reader is among the newest years': they stay
  // where they are, and a button above them shows every year's.
  function offer(found, years) {
    var mine = searches;
    say(describe(found.length) + " The list below is from " + years + " only.");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button--secondary search-results__all";
    button.textContent = "Show results from all years";
    out.insertBefore(button, out.firstChild);
    button.addEventListener("click", function () {
      var shown = show(found);
      if (shown) {
        shown.then(function (a) { if (a) { a.focus(); } }, failedIf(mine));
      } else {
        input.focus();
      }
    });
  }

  // Whether the search failed because the quire.json this page read is older than the
  // index (a copy cached before the site was built again, naming entries that are gone):
  // then the page is loaded again, once, with the fresh copy this fetch leaves in the
  // cache.
  var checked = false;
  function stale() {
    if (!tagged || checked) { return Promise.resolve(false); }
    checked = true;
    return Promise.all([list, fetch(BASE + "quire.json", { cache: "no-cache" }).then(function (r) {
      if (!r.ok) { throw new Error("quire.json: " + r.status); }
      return r.json();
    })]).then(function (both) {
      return JSON.stringify(both[0].entries) !== JSON.stringify(both[1].entries);
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
