// SkillKeepr: small progressive enhancements. Every page works without it.
(function () {
  "use strict";
  // Double-clicking a table row with data-href opens it (the row also
  // holds a normal link for keyboards and screen readers).
  document.addEventListener("dblclick", function (ev) {
    var t = ev.target;
    if (t.closest && t.closest("a, button, input, select, textarea, label")) return;
    var row = t.closest ? t.closest("tr[data-href]") : null;
    if (row) {
      window.location.href = row.getAttribute("data-href");
    }
  });
})();
