// SkillKeepr: small progressive enhancements. Every page works without it.
(function () {
  "use strict";

  // Double-clicking a table row with data-href opens it (the row also
  // holds a normal link for keyboards and screen readers).
  document.addEventListener("dblclick", function (ev) {
    var t = ev.target;
    if (!t.closest || t.closest("a, button, input, select, textarea, label, dialog")) return;
    var row = t.closest("tr[data-href]");
    if (row) {
      window.location.href = row.getAttribute("data-href");
    }
  });

  // The red Assign button opens the recruiter chooser in a dialog; without
  // JavaScript (or on any failure) it is a plain link to the chooser page.
  document.addEventListener("click", function (ev) {
    var a = ev.target.closest ? ev.target.closest("a.btn-assign[href]") : null;
    if (!a || !window.fetch || !window.DOMParser || typeof HTMLDialogElement === "undefined") return;
    if (ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.button !== 0) return;
    ev.preventDefault();
    var href = a.href;
    fetch(href, { credentials: "same-origin" })
      .then(function (r) { if (!r.ok) throw new Error("status " + r.status); return r.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var form = doc.querySelector("form[action$='/assign']");
        var h1 = doc.querySelector("main h1");
        if (!form) { window.location.href = href; return; }
        var dlg = document.getElementById("assign-dialog");
        if (!dlg) {
          dlg = document.createElement("dialog");
          dlg.id = "assign-dialog";
          dlg.className = "dialog";
          dlg.setAttribute("aria-labelledby", "assign-dialog-title");
          document.querySelector("main").appendChild(dlg);
        }
        var title = document.createElement("h2");
        title.id = "assign-dialog-title";
        title.textContent = h1 ? h1.textContent : "Assign";
        var close = document.createElement("button");
        close.type = "button";
        close.className = "btn btn-link dialog-close";
        close.textContent = "Close";
        close.addEventListener("click", function () { dlg.close(); a.focus(); });
        dlg.replaceChildren(title, document.importNode(form, true), close);
        dlg.showModal();
        var first = dlg.querySelector("input[type=checkbox]");
        if (first) first.focus();
      })
      .catch(function () { window.location.href = href; });
  });

  // A running import of candidates refreshes its status panel every two
  // seconds from the page itself, and reloads the page when it has
  // finished. Without JavaScript, reloading the page shows the progress.
  (function pollImport() {
    var panel = document.getElementById("import-status");
    if (!panel || panel.getAttribute("data-import-state") !== "running" || !window.fetch || !window.DOMParser) return;
    window.setTimeout(function () {
      fetch(window.location.href, { credentials: "same-origin" })
        .then(function (r) { if (!r.ok) throw new Error("status " + r.status); return r.text(); })
        .then(function (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          var fresh = doc.getElementById("import-status");
          if (!fresh) return;
          if (fresh.getAttribute("data-import-state") !== "running") { window.location.reload(); return; }
          panel.replaceWith(document.importNode(fresh, true));
          pollImport();
        })
        .catch(function () { window.setTimeout(pollImport, 10000); });
    }, 2000);
  })();

  // A language-model suggestion being prepared: the suggestions box is
  // refreshed from the page every three seconds until none is waiting.
  // Without JavaScript, reloading the page shows it.
  (function pollAssist() {
    var box = document.getElementById("assist");
    if (!box || !box.querySelector("[data-assist-waiting]") || !window.fetch || !window.DOMParser) return;
    window.setTimeout(function () {
      fetch(window.location.href, { credentials: "same-origin" })
        .then(function (r) { if (!r.ok) throw new Error("status " + r.status); return r.text(); })
        .then(function (html) {
          var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("assist");
          if (!fresh) return;
          box.replaceWith(document.importNode(fresh, true));
          pollAssist();
        })
        .catch(function () { window.setTimeout(pollAssist, 15000); });
    }, 3000);
  })();
})();
