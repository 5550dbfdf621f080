// Every page: `/` focuses the search box (the header's, or the search page's own),
// and a page opened from a search result (`?hl=words#turn-3`) marks those words
// in the passage it lands on (or the whole page when there is no anchor).
(function () {
  "use strict";

  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    var box = document.getElementById("search-q") || document.querySelector("[data-search-shortcut]");
    if (!box) return;
    e.preventDefault();
    box.focus();
    box.select();
  });

  // On a phone the nav row scrolls inside itself: bring the current section into
  // view (only the row moves, never the page).
  var nav = document.querySelector(".site-nav");
  var current = nav && nav.querySelector("[aria-current], .is-current-section");
  if (current && nav.scrollWidth > nav.clientWidth) {
    var r = current.getBoundingClientRect(), n = nav.getBoundingClientRect();
    if (r.right > n.right) nav.scrollLeft += r.right - n.right + 16;
  }

  var hl = new URLSearchParams(location.search).get("hl");
  if (!hl) return;
  // The same folding as the index: lower case, Latin letters without accents.
  function fold(s) {
    return s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  var words = fold(hl).split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length > 1; });
  if (!words.length) return;
  var target = (location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)))) ||
    document.querySelector("main");
  if (!target) return;
  // A heading's anchor (#consensus, #signal-<panelist>, a section's) stands for the
  // card or section it heads: mark the words there, not in the heading alone.
  if (/^H[1-6]$/.test(target.tagName) && target.closest) target = target.closest("article, section") || target;
  var escaped = words.map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
  // A word matches as itself or as the start of a longer word, like the search.
  var re = new RegExp("(^|[^\\p{L}\\p{N}])(" + escaped.join("|") + ")", "u");
  var walker = document.createTreeWalker(target, NodeFilter.SHOW_TEXT, null);
  var nodes = [];
  for (var n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
  var first = null;
  nodes.forEach(function (node) {
    var text = node.nodeValue;
    var folded = fold(text);
    // Folding may change lengths (ß → ss): mark only where it did not.
    if (folded.length !== text.length) return;
    var frag = null, at = 0, m, rest = folded, offset = 0;
    while ((m = re.exec(rest))) {
      var start = offset + m.index + m[1].length, end = start + m[2].length;
      frag = frag || document.createDocumentFragment();
      frag.appendChild(document.createTextNode(text.slice(at, start)));
      var mark = document.createElement("mark");
      mark.className = "search-hit";
      mark.textContent = text.slice(start, end);
      frag.appendChild(mark);
      first = first || mark;
      at = end;
      offset = end;
      rest = folded.slice(end);
    }
    if (!frag) return;
    frag.appendChild(document.createTextNode(text.slice(at)));
    node.parentNode.replaceChild(frag, node);
  });
  if (target.classList) target.classList.add("is-search-target");
  // Marking rewrites text nodes; bring the passage (or the first mark) into view
  // again so that the landing ends where the link pointed.
  if (location.hash && target !== document.querySelector("main")) target.scrollIntoView({ block: "start" });
  else if (first) first.scrollIntoView({ block: "center" });
})();
