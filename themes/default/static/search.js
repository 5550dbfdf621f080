/* Roundtable search: reads the static index that `site build` writes under
   search-index/ (format: docs/search.md). No dependencies, no external requests;
   works from any static host and under a sub-path. */
(function () {
  "use strict";

  var form = document.querySelector("[data-search]");
  if (!form || !window.fetch || !window.Map || !window.Set) return;

  var base = form.getAttribute("data-index");
  var input = form.querySelector("input[type=search]");
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox][data-filter]"));
  var sides = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox][data-side]"));
  var minGroup = Number(form.getAttribute("data-min-group")) || 0;
  var sortSelect = form.querySelector("select[data-sort]");
  var status = document.querySelector("[data-search-status]");
  var list = document.querySelector("[data-search-results]");
  var more = document.querySelector("[data-search-more]");
  var nojs = document.querySelector("[data-search-nojs]");
  var filterBox = form.querySelector("[data-search-filters]");
  var filterCount = form.querySelector("[data-search-filter-count]");

  var PAGE = 10;          // results shown at a time
  var DEBOUNCE_MS = 150;  // wait after the last keystroke
  var MAX_CHUNKS = 4;     // word-index chunks fetched per query word (prefix matches)

  form.hidden = false;
  if (nojs) nojs.hidden = true;

  // ---- Loading -----------------------------------------------------------------

  var entry = null;       // Promise of entry.json
  var cache = new Map();  // path -> Promise of parsed JSON

  function loadEntry() {
    if (!entry) {
      entry = fetch(base + "entry.json", { cache: "no-cache" }).then(function (r) {
        if (!r.ok) throw new Error(r.status + " " + r.statusText);
        return r.json();
      });
      entry.catch(function () { entry = null; });
    }
    return entry;
  }

  function load(e, path) {
    var p = cache.get(path);
    if (!p) {
      p = fetch(base + path + "?v=" + e.build).then(function (r) {
        if (!r.ok) throw new Error(r.status + " " + path);
        return r.json();
      });
      p.catch(function () { cache.delete(path); });
      cache.set(path, p);
    }
    return p;
  }

  // ---- Words: the same rules as src/search/text.rs --------------------------------

  var FOLD = { "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th",
    "ı": "i", "ĳ": "ij", "ŀ": "l", "ſ": "s", "ħ": "h", "ŧ": "t", "ŋ": "n" };
  var SPLIT = /[^\p{Alphabetic}\p{N}]+/u;
  var LATIN = /[\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u1E00-\u1EFF]/g;

  function fold(s) {
    return s.toLowerCase().replace(LATIN, function (c) {
      return FOLD[c] !== undefined ? FOLD[c] : c.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
    });
  }

  function words(text, e) {
    var out = [];
    fold(text).split(SPLIT).forEach(function (w) {
      var n = Array.from(w).length;
      if (n >= 2 && n <= e.max_word && e.stop_words.indexOf(w) < 0 && out.indexOf(w) < 0) out.push(w);
    });
    return out;
  }

  // ---- Matching ----------------------------------------------------------------

  // Index of the chunk that holds `word` (the last chunk starting at or before it).
  function chunkOf(e, word) {
    var lo = 0, hi = e.chunks.length - 1, at = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (e.chunks[mid] <= word) { at = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return at;
  }

  // Map doc -> score for one query word: exact matches and words it starts.
  function matchWord(e, word) {
    var first = chunkOf(e, word), last = first;
    while (last + 1 < e.chunks.length && last + 1 - first < MAX_CHUNKS && e.chunks[last + 1].indexOf(word) === 0) last++;
    var paths = [];
    for (var k = first; k <= last; k++) paths.push("words/" + k + ".json");
    return Promise.all(paths.map(function (p) { return load(e, p); })).then(function (chunks) {
      var scores = new Map();
      chunks.forEach(function (chunk) {
        chunk.words.forEach(function (item) {
          var w = item[0];
          if (w.indexOf(word) !== 0) return;
          var postings = item[1];
          var idf = Math.log(1 + e.count / postings.length);
          var factor = w === word ? 1 : 0.4 + 0.4 * word.length / w.length;
          var doc = 0;
          for (var i = 0; i < postings.length; i++) {
            var n = postings[i];
            doc += Math.floor(n / 10);
            var weight = n % 10;
            var s = factor * idf * weight / (weight + 1.5);
            var old = scores.get(doc);
            if (old === undefined || s > old) scores.set(doc, s);
          }
        });
      });
      return scores;
    });
  }

  function filterDocs(e, name, slug) {
    return load(e, "filters/" + name + "/" + slug + ".json").then(function (gaps) {
      var set = new Set(), doc = 0;
      for (var i = 0; i < gaps.length; i++) { doc += gaps[i]; set.add(doc); }
      return set;
    });
  }

  // The facet table (facets.json.gz, docs/search.md): every doc's values of every
  // filter, for filtering by several values and counting each choice. Null where
  // the browser cannot inflate gzip; then the filter lists are used, without counts.
  var facetTable = null;

  function loadFacets(e) {
    if (!window.DecompressionStream || !window.TextDecoder) return Promise.resolve(null);
    if (!facetTable) {
      facetTable = fetch(base + "facets.json.gz?v=" + e.build).then(function (r) {
        if (!r.ok) throw new Error(r.status + " facets");
        return r.arrayBuffer();
      }).then(function (buf) {
        var bytes = new Uint8Array(buf);
        // A host that sends it with Content-Encoding: gzip has inflated it already.
        if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return new TextDecoder().decode(bytes);
        var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
        return new Response(stream).text();
      }).then(function (text) { return parseFacets(JSON.parse(text)); });
      facetTable.catch(function () { facetTable = null; });
    }
    return facetTable.catch(function () { return null; });
  }

  var DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  // {name: {values: [slug], code: Map slug -> code, start: Int32Array, codes: Uint16Array}}
  function parseFacets(table) {
    var out = {};
    table.facets.forEach(function (f) {
      var n = table.count, start = new Int32Array(n + 1), codes = [], doc = 0, s = f.docs;
      for (var i = 0; i < s.length;) {
        if (s.charCodeAt(i) === 32) { start[++doc] = codes.length; i++; continue; }
        var c = 0;
        for (var k = 0; k < f.width; k++) c = c * 64 + DIGITS.indexOf(s.charAt(i + k));
        codes.push(c);
        i += f.width;
      }
      while (doc < n) start[++doc] = codes.length;
      var code = new Map();
      f.values.forEach(function (v, k) { code.set(v, k); });
      out[f.name] = { values: f.values, code: code, start: start, codes: Uint16Array.from(codes) };
    });
    return out;
  }

  // ---- State -------------------------------------------------------------------

  // The names of the filters, in page order.
  var filterNames = [];
  boxes.forEach(function (b) {
    var name = b.getAttribute("data-filter");
    if (filterNames.indexOf(name) < 0) filterNames.push(name);
  });

  function boxesOf(name) {
    return boxes.filter(function (b) { return b.getAttribute("data-filter") === name; });
  }

  function sideBoxes(side) {
    var group = side.closest(".search__side");
    return boxes.filter(function (b) { return group && group.contains(b); });
  }

  function nameOf(box) {
    var n = box.parentNode.querySelector(".search__choice-name");
    return (n ? n.textContent : box.value).trim();
  }

  // q.filters: [{name, slugs, label}] for each filter with values ticked.
  function currentQuery() {
    var q = { text: input.value, filters: [], sort: sortSelect ? sortSelect.value : "" };
    filterNames.forEach(function (name) {
      var on = boxesOf(name).filter(function (b) { return b.checked; });
      if (!on.length) return;
      var labels = on.map(nameOf);
      // A whole side of the verdicts reads as that side.
      sides.forEach(function (side) {
        var group = sideBoxes(side);
        if (name === "verdict" && wholeSide(side)) {
          labels = labels.filter(function (l) { return !group.some(function (b) { return nameOf(b) === l; }); });
          labels.push(nameOf(side));
        }
      });
      q.filters.push({ name: name, slugs: on.map(function (b) { return b.value; }), label: labels.join(" or ") });
    });
    return q;
  }

  function syncUrl(q) {
    if (!window.history || !history.replaceState) return;
    var params = new URLSearchParams();
    if (q.text.trim()) params.set("q", q.text.trim());
    q.filters.forEach(function (f) { f.slugs.forEach(function (s) { params.append(f.name, s); }); });
    if (q.sort) params.set("sort", q.sort);
    var s = params.toString();
    history.replaceState(null, "", location.pathname + (s ? "?" + s : "") + location.hash);
  }

  function restoreFromUrl() {
    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    boxes.forEach(function (b) {
      b.checked = params.getAll(b.getAttribute("data-filter")).indexOf(b.value) >= 0;
      if (b.checked) b.disabled = false;
    });
    if (sortSelect) sortSelect.value = params.get("sort") === "newest" ? "newest" : "";
  }

  // True when every verdict of a side that can be ticked is (a verdict that gives
  // nothing is disabled and left out).
  function wholeSide(side) {
    var group = sideBoxes(side);
    var open = group.filter(function (b) { return b.checked || !b.disabled; });
    return open.length > 0 && open.every(function (b) { return b.checked; });
  }

  // A side's box: ticked when all its verdicts are, mixed when some are.
  function syncSides() {
    sides.forEach(function (side) {
      var on = sideBoxes(side).some(function (b) { return b.checked; });
      side.checked = on && wholeSide(side);
      side.indeterminate = on && !side.checked;
    });
  }

  // ---- Counts --------------------------------------------------------------------

  // A count as published: under the profile's min_group = k, a count below k
  // (but not 0) is "fewer than k", as on every page of the site.
  function published(n) {
    return n > 0 && n < minGroup ? "fewer than " + minGroup : n.toLocaleString();
  }

  function counted(n, one, many) {
    return n > 0 && n < minGroup ? "fewer than " + minGroup + " " + many : n.toLocaleString() + " " + (n === 1 ? one : many);
  }

  // The counts the page was built with (every interview), shown when nothing is
  // searched.
  var builtCounts = boxes.concat(sides).map(function (b) {
    var c = b.parentNode.querySelector("[data-count]");
    return { box: b, count: c, text: c ? c.textContent : "", disabled: b.disabled };
  });

  function resetCounts() {
    builtCounts.forEach(function (c) {
      if (c.count) c.count.textContent = c.text;
      c.box.disabled = c.disabled && !c.box.checked;
      c.box.parentNode.classList.toggle("is-empty", c.box.disabled);
    });
    syncSides();
  }

  // counts: {filter: Int32Array by code}, for each choice the results it would
  // have among those the other filters and the words leave.
  function showCounts(facets, counts) {
    boxes.forEach(function (b) {
      var name = b.getAttribute("data-filter"), f = facets[name], code = f && f.code.get(b.value);
      if (code === undefined) return;
      setCount(b, counts[name][code]);
    });
    syncSides();
    sides.forEach(function (side) {
      var f = facets.verdict, n = 0;
      if (!f) return;
      sideBoxes(side).forEach(function (b) {
        var code = f.code.get(b.value);
        if (code !== undefined) n += counts.verdict[code];
      });
      setCount(side, n);
    });
  }

  function setCount(box, n) {
    var c = box.parentNode.querySelector("[data-count]");
    if (c) c.textContent = "(" + published(n) + ")";
    // A choice that would give nothing is disabled, unless it is ticked (so that
    // it can be unticked).
    var empty = n === 0 && !box.checked && !box.indeterminate;
    box.disabled = empty;
    box.parentNode.classList.toggle("is-empty", empty);
  }

  // ---- Searching ---------------------------------------------------------------

  var seq = 0;        // the latest search; older ones drop their results
  var results = [];   // doc ids in order
  var shown = 0;
  var terms = [];

  function run() {
    var mine = ++seq;
    var q = currentQuery();
    syncUrl(q);
    syncSides();
    var set = 0;
    q.filters.forEach(function (f) { set += f.slugs.length; });
    if (filterCount) filterCount.textContent = set ? " (" + set + " set)" : "";
    loadEntry().then(function (e) {
      if (mine !== seq) return;
      var ws = words(q.text, e);
      if (!ws.length && !q.filters.length) {
        terms = [];
        resetCounts();
        show(mine, e, [], q, ws);
        return;
      }
      list.setAttribute("aria-busy", "true");
      var jobs = ws.map(function (w) { return matchWord(e, w); });
      return Promise.all([Promise.all(jobs), loadFacets(e)]).then(function (done) {
        if (done[1]) return done;
        // No facet table: the lists of the values ticked, a set per filter.
        var sets = q.filters.map(function (f) {
          return Promise.all(f.slugs.map(function (s) { return filterDocs(e, f.name, s); })).then(function (parts) {
            var union = new Set();
            parts.forEach(function (p) { p.forEach(function (d) { union.add(d); }); });
            return union;
          });
        });
        return Promise.all(sets).then(function (s) { return [done[0], null, s]; });
      }).then(function (done) {
        if (mine !== seq) return;
        var scored = match(e, q, done[0], done[1], done[2]);
        // Doc ids run newest first, so "newest" is ascending id.
        if (q.sort === "newest" || !ws.length) {
          scored.sort(function (a, b) { return a[0] - b[0]; });
        } else {
          scored.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
        }
        terms = ws;
        show(mine, e, scored.map(function (x) { return x[0]; }), q, ws);
      });
    }).catch(function (err) {
      if (mine !== seq) return;
      list.removeAttribute("aria-busy");
      list.textContent = "";
      more.hidden = true;
      setStatus("Search is unavailable: the index could not be loaded (" + err.message + ").", "error");
    });
  }

  // The results, [doc, score]: docs that hold every query word and, for each
  // filter set, one of its values ticked. With the facet table, also counts each
  // choice over the docs that every other filter (and the words) leaves.
  function match(e, q, perWord, facets, sets) {
    var scored = [];
    var candidates;  // doc -> score
    if (perWord.length) {
      perWord.sort(function (a, b) { return a.size - b.size; });
      candidates = new Map();
      perWord[0].forEach(function (s, doc) {
        var total = s;
        for (var i = 1; i < perWord.length; i++) {
          var t = perWord[i].get(doc);
          if (t === undefined) return;
          total += t;
        }
        candidates.set(doc, total);
      });
    }
    if (!facets) {
      var each = function (s, doc) {
        for (var j = 0; j < sets.length; j++) if (!sets[j].has(doc)) return;
        scored.push([doc, s]);
      };
      if (candidates) candidates.forEach(each);
      else if (sets.length) sets[0].forEach(function (doc) { each(0, doc); });
      return scored;
    }
    // Per filter set: its facet and a mask of the codes ticked.
    var active = q.filters.map(function (f) {
      var facet = facets[f.name], mask = new Uint8Array(facet ? facet.values.length : 0);
      f.slugs.forEach(function (s) { var c = facet && facet.code.get(s); if (c !== undefined) mask[c] = 1; });
      return { facet: facet, mask: mask, name: f.name };
    });
    var counts = {};
    Object.keys(facets).forEach(function (name) { counts[name] = new Int32Array(facets[name].values.length); });
    var names = Object.keys(facets);
    function tally(name, doc) {
      var f = facets[name], c = counts[name];
      for (var k = f.start[doc]; k < f.start[doc + 1]; k++) c[f.codes[k]]++;
    }
    function visit(score, doc) {
      var failed = -1;
      for (var j = 0; j < active.length; j++) {
        var a = active[j], ok = false;
        if (a.facet) {
          for (var k = a.facet.start[doc]; k < a.facet.start[doc + 1]; k++) if (a.mask[a.facet.codes[k]]) { ok = true; break; }
        }
        if (!ok) {
          if (failed >= 0) return;  // fails two filters: counts for none
          failed = j;
        }
      }
      if (failed >= 0) { tally(active[failed].name, doc); return; }
      for (var n = 0; n < names.length; n++) tally(names[n], doc);
      scored.push([doc, score]);
    }
    if (candidates) candidates.forEach(visit);
    else for (var d = 0; d < e.count; d++) visit(0, d);
    showCounts(facets, counts);
    return scored;
  }

  function show(mine, e, ids, q, ws) {
    results = ids;
    shown = 0;
    list.textContent = "";
    list.removeAttribute("aria-busy");
    if (!ws.length && !q.filters.length) {
      more.hidden = true;
      setStatus(q.text.trim()
        ? "Keep typing: single letters and common words such as \u201cthe\u201d are not searched."
        : "Type a word or choose a filter to search " + counted(e.count, "interview", "interviews") + ".", "idle");
      return;
    }
    var n = ids.length;
    var quoted = "\u201c" + q.text.trim() + "\u201d";
    var by = q.filters.map(function (f) { return f.label; }).join(", ");
    var msg, many = n > 0 && n < minGroup ? "Fewer than " + minGroup + " interviews" : null;
    if (ws.length) {
      msg = n ? (many || counted(n, "interview", "interviews")) + (n === 1 && !many ? " matches " : " match ") : "No interview matches ";
      msg += quoted;
      if (by) msg += " with " + by;
    } else {
      msg = (n ? many || counted(n, "interview", "interviews") : "No interview") + " with " + by;
    }
    msg += n ? "." : ". Try fewer or shorter words, or clear a filter.";
    setStatus(msg, n ? "done" : "none");
    page(mine, e);
  }

  function setStatus(text, state) {
    status.textContent = text;
    status.setAttribute("data-state", state);
  }

  function page(mine, e) {
    var slice = results.slice(shown, shown + PAGE);
    shown += slice.length;
    more.hidden = shown >= results.length;
    var ws = terms;
    var items = slice.map(function (id) {
      var li = document.createElement("li");
      li.className = "search-result is-loading";
      list.appendChild(li);
      var per = e.docs_per_file;
      var doc = load(e, "docs/" + Math.floor(id / per) + ".json");
      // The passages only when there are words to find in them; a passage file
      // that fails to load leaves the summary as the snippet.
      var text = ws.length ? load(e, "text/" + id + ".json").catch(function () { return null; }) : null;
      return Promise.all([doc, text]).then(function (done) {
        if (mine !== seq) return;
        var d = expand(e, done[0][id % per]);
        li.className = "search-result";
        li.appendChild(card(d, bestPassage(done[1])));
      }, function () {
        li.className = "search-result is-missing";
        li.textContent = "This result could not be loaded.";
      });
    });
    return Promise.all(items);
  }

  // ---- Passages ------------------------------------------------------------------

  var SNIPPET = 240;  // characters of a passage shown around its matches

  // The query words that `text` holds: [{start, end, term}] in order.
  function hitsIn(text) {
    var out = [], m;
    var re = new RegExp(WORD.source, "gu");
    while ((m = re.exec(text))) {
      var t = termOf(m[0]);
      if (t >= 0) out.push({ start: m.index, end: m.index + m[0].length, term: t });
    }
    return out;
  }

  function distinct(hits, from, to) {
    var seen = [];
    for (var i = from; i < to; i++) if (seen.indexOf(hits[i].term) < 0) seen.push(hits[i].term);
    return seen.length;
  }

  // The passage of a text file (docs/search.md) that holds the most query words
  // (then the most matches; the first on a tie), or null when none holds any.
  function bestPassage(file) {
    if (!file || !terms.length) return null;
    var best = null;
    file.p.forEach(function (row) {
      var hits = hitsIn(row[3]);
      if (!hits.length) return;
      var score = distinct(hits, 0, hits.length) * 10000 + Math.min(hits.length, 9999);
      if (!best || score > best.score) best = { score: score, row: row, hits: hits };
    });
    return best && window_(best);
  }

  // A passage cut to about SNIPPET characters around the window that holds the
  // most distinct query words, at word boundaries, with an ellipsis where cut.
  function window_(best) {
    var text = best.row[3], hits = best.hits;
    var from = 0, to = text.length;
    if (text.length > SNIPPET + 40) {
      var at = 0, most = 0;
      for (var i = 0; i < hits.length; i++) {
        var j = i;
        while (j < hits.length && hits[j].end - hits[i].start <= SNIPPET - 60) j++;
        var n = distinct(hits, i, j);
        if (n > most) { most = n; at = i; }
      }
      from = Math.max(0, hits[at].start - 60);
      if (from > 0) {
        var space = text.indexOf(" ", from);
        from = space >= 0 && space < hits[at].start ? space + 1 : hits[at].start;
      }
      to = Math.min(text.length, from + SNIPPET);
      if (to < text.length) {
        var back = text.lastIndexOf(" ", to);
        if (back > hits[at].end) to = back;
      }
    }
    return {
      kind: best.row[0], anchor: best.row[1], who: best.row[2], text: text,
      from: from, to: to
    };
  }

  // Where a passage is on its page, as its link says it.
  function sourceLabel(p) {
    switch (p.kind) {
      case "turn": return p.who + ", turn " + p.anchor.replace(/^turn-/, "");
      case "consensus": return "Panel consensus";
      case "hire": return p.who + ", reason to hire";
      case "concern": return p.who + ", concern";
      case "intro": return "Introduction";
      default: return p.who;
    }
  }

  // ---- Rendering ---------------------------------------------------------------

  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  // A doc row of the index ([slug, title, verdict, date, role, level, company,
  // principles, summary], names by index into the entry's tables) as an object.
  function expand(e, row) {
    var v = e.verdicts[row[2]] || ["", ""];
    var ymd = row[3].split("-");
    return {
      url: e.interview_url + row[0] + "/",
      title: row[1],
      verdict: v[0],
      verdict_label: v[1],
      date_iso: row[3],
      date: Number(ymd[2]) + " " + MONTHS[Number(ymd[1]) - 1] + " " + ymd[0],
      role: e.roles[row[4]],
      level: row[5] === null ? null : e.levels[row[5]],
      company: row[6],
      principles: row[7].map(function (p) { return e.principles[p]; }),
      summary: row[8]
    };
  }

  function el(tag, cls, text) {
    var n = document.createElement(tag);
    if (cls) n.className = cls;
    if (text !== undefined) n.textContent = text;
    return n;
  }

  function card(doc, passage) {
    var art = el("article", "card search-result__card");
    var top = el("div", "card__top");
    var badge = el("span", "verdict v-" + doc.verdict);
    badge.appendChild(el("span", "visually-hidden", "Verdict: "));
    badge.appendChild(document.createTextNode(doc.verdict_label));
    top.appendChild(badge);
    var time = el("time", "card__date", doc.date);
    time.setAttribute("datetime", doc.date_iso);
    top.appendChild(time);
    art.appendChild(top);

    var h = el("h3", "card__title");
    var a = el("a", null);
    // With words, the result links to the page with them marked (site.js), at the
    // passage shown when there is one.
    var hl = terms.length ? "?hl=" + encodeURIComponent(terms.join(" ")) : "";
    var at = passage && passage.anchor ? "#" + passage.anchor : "";
    a.href = doc.url + hl + at;
    highlight(a, doc.title, 0, null);
    h.appendChild(a);
    art.appendChild(h);

    var meta = [doc.role, doc.level, doc.company].filter(Boolean);
    art.appendChild(el("p", "card__meta", meta.join(" \u00b7 ")));

    if (passage) {
      var box = el("div", "search-result__passage");
      var src = el("a", "search-result__source", sourceLabel(passage));
      src.href = doc.url + hl + at;
      box.appendChild(src);
      var quote = el("p", "search-result__snippet");
      if (passage.from > 0) quote.appendChild(document.createTextNode("\u2026"));
      highlight(quote, passage.text, passage.from, passage.to);
      if (passage.to < passage.text.length) quote.appendChild(document.createTextNode("\u2026"));
      box.appendChild(quote);
      art.appendChild(box);
    } else if (doc.summary) {
      var snip = el("p", "search-result__snippet search-result__summary");
      highlight(snip, doc.summary, 0, null);
      art.appendChild(snip);
    }

    if (doc.principles.length) {
      var ul = el("ul", "chips");
      ul.setAttribute("aria-label", "Principles");
      doc.principles.forEach(function (p) {
        var li = el("li");
        var c = el("a", "chip", p[0]);
        c.href = p[1];
        li.appendChild(c);
        ul.appendChild(li);
      });
      art.appendChild(ul);
    }
    return art;
  }

  var WORD = /[\p{Alphabetic}\p{N}]+/gu;

  // The index of the first query word that `w` is or starts with, or -1.
  function termOf(w) {
    var f = fold(w);
    for (var i = 0; i < terms.length; i++) if (f.indexOf(terms[i]) === 0) return i;
    return -1;
  }

  function matches(w) {
    return termOf(w) >= 0;
  }

  // Appends `text` to `node`, words that match the query in <mark>.
  function highlight(node, text, from, to) {
    text = to === null ? text.slice(from) : text.slice(from, to);
    var at = 0, m;
    WORD.lastIndex = 0;
    while (terms.length && (m = WORD.exec(text))) {
      if (!matches(m[0])) continue;
      if (m.index > at) node.appendChild(document.createTextNode(text.slice(at, m.index)));
      node.appendChild(el("mark", null, m[0]));
      at = m.index + m[0].length;
    }
    if (at < text.length) node.appendChild(document.createTextNode(text.slice(at)));
  }

  // ---- Events ------------------------------------------------------------------

  var timer = 0;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE_MS);
  });
  boxes.concat(sortSelect ? [sortSelect] : []).forEach(function (s) {
    s.addEventListener("change", run);
  });
  // A side's box ticks or unticks all its verdicts (those that can give results).
  sides.forEach(function (side) {
    side.addEventListener("change", function () {
      sideBoxes(side).forEach(function (b) {
        if (!side.checked || !b.disabled) b.checked = side.checked;
      });
      run();
    });
  });
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    clearTimeout(timer);
    run();
  });
  form.addEventListener("reset", function () {
    setTimeout(function () { run(); input.focus(); }, 0);
  });
  more.addEventListener("click", function () {
    var before = shown;
    loadEntry().then(function (e) {
      return page(seq, e);
    }).then(function () {
      var next = list.children[before];
      var link = next && next.querySelector("a");
      if (link) link.focus();
    });
  });

  restoreFromUrl();
  // On a phone the filters start folded, so that results show above the fold.
  if (filterBox && window.matchMedia && matchMedia("(max-width: 40rem)").matches &&
      !boxes.some(function (b) { return b.checked; })) {
    filterBox.open = false;
  }
  run();
})();
