// casefile: a cited fact in place (focus, hover or tap a mark; Escape hides).
(function () {
  "use strict";
  var tip = null, owner = null, timer = null, touched = false, armed = null;

  function add(cls, text) {
    var p = document.createElement("p");
    p.className = cls;
    p.textContent = text;
    tip.appendChild(p);
  }

  // The note as plain text: a tooltip holds no links.
  function fill(note) {
    tip.replaceChildren();
    var list = note.closest(".citations");
    var s = note.querySelector("p > a"), who = note.querySelector(".attribution");
    if (s) { add("statement", s.textContent); }
    if (who) { add("source", who.textContent); }
    note.querySelectorAll("blockquote").forEach(function (q) {
      var text = q.querySelector("p"), link = q.querySelector("footer a");
      if (text) { add("quote", text.textContent); }
      if (link && list) {
        var from = list.querySelector('.quoted-from a[href="' + link.getAttribute("href").split("#")[0] + '"]');
        if (from) { add("source", "— " + from.textContent); }
      }
    });
    if (touched && list && list.dataset.hint) { add("hint", list.dataset.hint); }
  }

  function hide() {
    clearTimeout(timer);
    if (tip) { tip.hidden = true; }
    if (owner) { owner.setAttribute("aria-expanded", "false"); }
    owner = armed = null;
  }

  function show(mark) {
    var note = document.getElementById(mark.getAttribute("aria-describedby") || "");
    if (!note) { return; }
    clearTimeout(timer);
    if (!tip) {
      tip = document.createElement("div");
      tip.className = "cite-popover";
      tip.id = "cite-popover";
      tip.setAttribute("role", "tooltip");
      tip.addEventListener("mouseenter", function () { clearTimeout(timer); });
      tip.addEventListener("mouseleave", function () { timer = setTimeout(hide, 300); });
      document.body.appendChild(tip);
    }
    if (owner && owner !== mark) { owner.setAttribute("aria-expanded", "false"); }
    fill(note);
    tip.hidden = false;
    owner = mark;
    mark.setAttribute("aria-expanded", "true");
    var doc = document.documentElement, r = mark.getBoundingClientRect();
    var width = Math.min(384, doc.clientWidth - 16);
    tip.style.width = width + "px";
    tip.style.left = (Math.max(8, Math.min(r.left, doc.clientWidth - width - 8)) + window.scrollX) + "px";
    var h = tip.offsetHeight;
    var top = r.bottom + 8 + h > window.innerHeight && r.top > h + 8 ? r.top - h - 8 : r.bottom + 8;
    tip.style.top = (top + window.scrollY) + "px";
  }

  function markOf(e) {
    return e.target.closest ? e.target.closest(".cite-ref") : null;
  }

  document.addEventListener("focusin", function (e) {
    var mark = markOf(e);
    if (mark) { if (!touched) { show(mark); } } else if (tip && !tip.contains(e.target)) { hide(); }
  });
  document.addEventListener("focusout", function (e) {
    if (markOf(e) && owner === markOf(e) && !touched) { timer = setTimeout(hide, 150); }
  });
  document.addEventListener("pointerdown", function (e) {
    touched = e.pointerType === "touch" || e.pointerType === "pen";
  }, true);
  document.addEventListener("click", function (e) {
    var mark = markOf(e);
    if (mark && touched && armed !== mark) {
      e.preventDefault(); // The first tap shows the fact; the second follows the link.
      show(mark);
      armed = mark;
    } else if (!mark && tip && !tip.contains(e.target)) {
      hide();
    }
  });
  document.addEventListener("mouseover", function (e) {
    var mark = markOf(e);
    if (mark && !touched) { show(mark); }
  });
  document.addEventListener("mouseout", function (e) {
    var mark = markOf(e);
    if (mark && owner === mark && document.activeElement !== mark) { timer = setTimeout(hide, 300); }
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && tip && !tip.hidden) {
      var back = owner;
      hide();
      if (back) { back.focus({ preventScroll: true }); }
    }
  });
  window.addEventListener("resize", hide);
})();
