// Roundtable live reload: injected by `site serve --watch` only.
//
// Every page carries the id of the build it shows (data-build on this script).
// Each (re)connect of the event stream starts with the server's current id: a
// page that differs reloads, so a reload sent while the page was reconnecting
// (a burst of saves, `git pull`, a restarted server) is never lost.
(function () {
  "use strict";
  var me = document.currentScript;
  var shown = me ? me.getAttribute("data-build") : null;
  var source = new EventSource("/__roundtable/events");
  var DISMISSED = "roundtable-dismissed-warnings";

  function el(tag, className, text, css) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = text;
    if (css) e.style.cssText = css;
    return e;
  }
  function remove(id) {
    var old = document.getElementById(id);
    if (old) old.remove();
  }
  function dismissButton(onClick) {
    var b = el("button", "rt-dismiss", "Dismiss",
      "float:right;font:inherit;background:#333;color:#fff;border:1px solid #888;border-radius:4px;padding:.2rem .6rem;cursor:pointer");
    b.type = "button";
    b.setAttribute("aria-label", "Dismiss");
    b.addEventListener("click", onClick);
    return b;
  }
  function item(e) {
    var li = el("li", null, null, "margin-bottom:1rem");
    li.appendChild(el("strong", "rt-file", e.file + (e.line ? ":" + e.line + (e.column ? ":" + e.column : "") : "")));
    li.appendChild(el("div", "rt-message", e.message));
    if (e.hint) li.appendChild(el("div", "rt-hint", "hint: " + e.hint, "color:#b9f6ca"));
    if (e.excerpt && e.excerpt.length) {
      var pre = el("pre", "rt-excerpt", null, "margin:.4rem 0 0;padding:.4rem .6rem;background:rgba(255,255,255,.08);overflow:auto");
      e.excerpt.forEach(function (l) {
        var mark = l.line === e.line ? "> " : "  ";
        var row = el("span", l.line === e.line ? "rt-line rt-at" : "rt-line", mark + String(l.line).padStart(4) + " | " + l.text + "\n");
        if (l.line === e.line) row.style.color = "#ffd180";
        pre.appendChild(row);
      });
      li.appendChild(pre);
    }
    return li;
  }
  function list(report, what) {
    var ol = el("ol");
    report.items.forEach(function (e) { ol.appendChild(item(e)); });
    if (report.total > report.items.length) {
      ol.appendChild(el("li", null, "… and " + (report.total - report.items.length) + " more " + what + ": see the terminal"));
    }
    return ol;
  }
  function showErrors(report) {
    remove("roundtable-overlay");
    var box = el("div", null, null,
      "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,24,.92);color:#fff;font:14px/1.5 ui-monospace,monospace;padding:2rem");
    box.id = "roundtable-overlay";
    box.setAttribute("role", "alertdialog");
    box.setAttribute("aria-label", "Build errors");
    box.appendChild(dismissButton(function () { box.remove(); }));
    box.appendChild(el("h2", null, "Build failed: still showing the last good build", "color:#ff8a80;margin:0 0 1rem"));
    box.appendChild(list(report, "errors"));
    document.body.appendChild(box);
  }
  function showWarnings(data) {
    remove("roundtable-warnings");
    // Dismissed once, the same warnings stay dismissed across reloads.
    try { if (sessionStorage.getItem(DISMISSED) === data) return; } catch (_) {}
    var report = JSON.parse(data);
    var box = el("div", null, null,
      "position:fixed;right:1rem;bottom:1rem;z-index:2147483646;max-width:min(42rem,calc(100vw - 2rem));max-height:50vh;overflow:auto;background:rgba(40,34,10,.95);color:#fff;font:13px/1.5 ui-monospace,monospace;padding:1rem;border-radius:6px;box-shadow:0 2px 12px rgba(0,0,0,.4)");
    box.id = "roundtable-warnings";
    box.setAttribute("role", "status");
    box.setAttribute("aria-label", "Build warnings");
    box.appendChild(dismissButton(function () {
      try { sessionStorage.setItem(DISMISSED, data); } catch (_) {}
      box.remove();
    }));
    box.appendChild(el("h2", null, report.total + (report.total === 1 ? " warning" : " warnings"), "color:#ffd180;margin:0 0 .5rem;font-size:1rem"));
    box.appendChild(list(report, "warnings"));
    document.body.appendChild(box);
  }
  // The overlay the server put in the page (errors at load time) can be dismissed too.
  var served = document.getElementById("roundtable-overlay");
  if (served) {
    var button = served.querySelector(".rt-dismiss");
    if (button) button.addEventListener("click", function () { served.remove(); });
  }

  source.addEventListener("hello", function (e) {
    var now = JSON.parse(e.data).build;
    if (shown !== null && now !== shown) location.reload();
  });
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("css", function (e) {
    document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
      var url = new URL(link.href);
      url.searchParams.set("v", Date.now().toString());
      link.href = url.toString();
    });
    // The page now shows this build: a reconnect must not reload it.
    shown = JSON.parse(e.data).build;
  });
  source.addEventListener("errors", function (e) {
    var report = JSON.parse(e.data);
    if (report.items.length) showErrors(report); else remove("roundtable-overlay");
  });
  source.addEventListener("warnings", function (e) { showWarnings(e.data); });
})();
