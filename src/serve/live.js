// Roundtable live reload: injected by `site serve --watch` only.
(function () {
  "use strict";
  var source = new EventSource("/__roundtable/events");
  var connectedOnce = false;
  function clearOverlay() {
    var old = document.getElementById("roundtable-overlay");
    if (old) old.remove();
  }
  function showErrors(errors) {
    clearOverlay();
    var box = document.createElement("div");
    box.id = "roundtable-overlay";
    box.setAttribute("role", "alertdialog");
    box.setAttribute("aria-label", "Build errors");
    box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,24,.92);color:#fff;font:14px/1.5 ui-monospace,monospace;padding:2rem";
    var h = document.createElement("h2");
    h.style.cssText = "color:#ff8a80;margin:0 0 1rem";
    h.textContent = "Build failed: still showing the last good build";
    box.appendChild(h);
    var list = document.createElement("ol");
    errors.forEach(function (e) {
      var li = document.createElement("li");
      li.style.marginBottom = "1rem";
      var f = document.createElement("strong");
      f.className = "rt-file";
      f.textContent = e.file + (e.line ? ":" + e.line + (e.column ? ":" + e.column : "") : "");
      var m = document.createElement("div");
      m.className = "rt-message";
      m.textContent = e.message;
      li.appendChild(f);
      li.appendChild(m);
      if (e.hint) {
        var hint = document.createElement("div");
        hint.className = "rt-hint";
        hint.style.color = "#b9f6ca";
        hint.textContent = "hint: " + e.hint;
        li.appendChild(hint);
      }
      list.appendChild(li);
    });
    box.appendChild(list);
    document.body.appendChild(box);
  }
  source.addEventListener("hello", function () {
    // A reconnect after the server restarted: the page may be stale.
    if (connectedOnce) location.reload();
    connectedOnce = true;
  });
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("css", function () {
    document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
      var url = new URL(link.href);
      url.searchParams.set("v", Date.now().toString());
      link.href = url.toString();
    });
  });
  source.addEventListener("errors", function (e) { showErrors(JSON.parse(e.data)); });
})();
