// casefile serve: reload the page when a build succeeds; show errors when it fails.
// Served only by `casefile serve`, never part of a built site.
(function () {
  "use strict";
  var version = null;
  var box = null;
  function show(text) {
    if (!box) {
      box = document.createElement("div");
      box.setAttribute("role", "alert");
      box.id = "casefile-build-error";
      box.className = "casefile-build-error";
      box.style.cssText = "position:fixed;inset:0;overflow:auto;z-index:99999;background:#1b1b1b;color:#ffb4b4;padding:1.5rem;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = "casefile: the last change broke the build. Still showing the last good version.\n\n" + text;
  }
  function hide() {
    if (box) { box.remove(); box = null; }
  }
  function poll() {
    fetch("/__casefile/poll?since=" + (version === null ? -1 : version), { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (version !== null && s.version !== version && !s.error) {
          location.reload();
          return;
        }
        version = s.version;
        if (s.error) { show(s.error); } else { hide(); }
        poll();
      })
      .catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
