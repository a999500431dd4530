// Letter bar: under every field marked data-letters="HINT-ID", buttons that type the Ê Đê,
// Jarai and M'nông letters phone keyboards lack, at the cursor. The letters come from the
// hint (the same text people copy without JavaScript); capitals through a toggle.
(function () {
  "use strict";
  function bar(field) {
    var hint = document.getElementById(field.getAttribute("data-letters"));
    var list = hint && hint.querySelector(".letters-list");
    if (!list || field.getAttribute("data-letters-ready")) return;
    field.setAttribute("data-letters-ready", "1");
    var group = document.createElement("div");
    group.className = "letter-bar";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", hint.getAttribute("data-label") || "");
    var caps = false, keys = [];
    list.textContent.trim().split(/\s+/).forEach(function (letter) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "letter";
      b.lang = list.lang;
      b.textContent = letter;
      keys.push(b);
      group.appendChild(b);
    });
    var shift = document.createElement("button");
    shift.type = "button";
    shift.className = "letter-caps";
    shift.textContent = hint.getAttribute("data-caps") || "A";
    shift.setAttribute("aria-pressed", "false");
    group.appendChild(shift);
    // Tapping a letter must not take focus from the field (the phone keyboard stays open).
    group.addEventListener("mousedown", function (e) { e.preventDefault(); });
    group.addEventListener("click", function (e) {
      var b = e.target.closest("button");
      if (!b) return;
      if (b === shift) {
        caps = !caps;
        shift.setAttribute("aria-pressed", String(caps));
        keys.forEach(function (k) {
          k.textContent = caps ? k.textContent.toUpperCase() : k.textContent.toLowerCase();
        });
        return;
      }
      var start = field.selectionStart, end = field.selectionEnd;
      if (start == null) start = end = field.value.length;
      field.setRangeText(b.textContent, start, end, "end");
      field.dispatchEvent(new Event("input", { bubbles: true }));
      field.focus();
    });
    hint.hidden = true;
    hint.parentNode.insertBefore(group, hint.nextSibling);
  }
  function all() {
    document.querySelectorAll("[data-letters]").forEach(bar);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", all);
  else all();
})();
