// SkillKeepr: the Recruiter Assist panel, loaded when its <details> is
// opened (candidate page, Interview Shortlist screen). Without JavaScript
// the panel holds a plain link to the Recruiter Assist page.
(function () {
  "use strict";
  document.addEventListener("toggle", function (ev) {
    var d = ev.target;
    if (!d.matches || !d.matches("details[data-assist-url]") || !d.open || d.getAttribute("data-loaded")) return;
    if (!window.fetch || !window.DOMParser) return;
    d.setAttribute("data-loaded", "loading");
    var slot = d.querySelector(".assist-slot");
    fetch(d.getAttribute("data-assist-url"), { credentials: "same-origin" })
      .then(function (r) { if (!r.ok) throw new Error("status " + r.status); return r.text(); })
      .then(function (html) {
        var panel = new DOMParser().parseFromString(html, "text/html").querySelector("#assist-panel");
        if (!panel || !slot) throw new Error("no panel");
        slot.replaceChildren(document.importNode(panel, true));
        d.setAttribute("data-loaded", "yes");
      })
      .catch(function () { d.removeAttribute("data-loaded"); });
  }, true);
})();
