// casefile: show a cited fact in place. Focusing or hovering a citation mark
// shows the fact's statement, quote and source beside it; Escape or moving
// away hides it. Without JavaScript the marks are plain links to the facts,
// and the list of sources at the end of the page holds the same text.
(function () {
  "use strict";
  var tip = null;
  var owner = null;
  var hideTimer = null;

  function note(mark) {
    return document.getElementById("cite-note-" + mark.getAttribute("data-fact"));
  }

  function hide() {
    if (tip) { tip.hidden = true; }
    if (owner) { owner.removeAttribute("aria-expanded"); }
    owner = null;
  }

  function show(mark) {
    var source = note(mark);
    if (!source) { return; }
    clearTimeout(hideTimer);
    if (!tip) {
      tip = document.createElement("div");
      tip.className = "cite-popover";
      tip.id = "cite-popover";
      tip.setAttribute("role", "tooltip");
      tip.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
      tip.addEventListener("mouseleave", function () { hideTimer = setTimeout(hide, 300); });
      document.body.appendChild(tip);
    }
    tip.replaceChildren();
    Array.prototype.forEach.call(source.childNodes, function (n) { tip.appendChild(n.cloneNode(true)); });
    Array.prototype.forEach.call(tip.querySelectorAll("[id]"), function (n) { n.removeAttribute("id"); });
    tip.hidden = false;
    owner = mark;
    mark.setAttribute("aria-expanded", "true");
    var r = mark.getBoundingClientRect();
    var width = Math.min(360, document.documentElement.clientWidth - 16);
    var left = Math.max(8, Math.min(r.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8));
    tip.style.width = width + "px";
    tip.style.left = left + "px";
    tip.style.top = (r.bottom + window.scrollY + 6) + "px";
  }

  document.addEventListener("focusin", function (e) {
    var mark = e.target.closest && e.target.closest(".cite-ref");
    if (mark) { show(mark); } else if (tip && !tip.contains(e.target)) { hide(); }
  });
  document.addEventListener("mouseover", function (e) {
    var mark = e.target.closest && e.target.closest(".cite-ref");
    if (mark) { show(mark); }
  });
  document.addEventListener("mouseout", function (e) {
    var mark = e.target.closest && e.target.closest(".cite-ref");
    if (mark && owner === mark) { hideTimer = setTimeout(hide, 300); }
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && tip && !tip.hidden) {
      var back = owner;
      hide();
      if (back) { back.focus(); }
    }
  });
})();
