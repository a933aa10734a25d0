// SkillKeepr scheduling pages: show times in the visitor's own time zone.
// Without JavaScript the page shows UTC and the zone can be chosen by hand.
(function () {
  "use strict";
  var form = document.getElementById("tz-form");
  if (!form || !window.Intl || !Intl.DateTimeFormat) return;
  var params = new URLSearchParams(window.location.search);
  if (params.has("tz")) return; // chosen already (or by this script)
  var tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!tz) return;
  params.set("tz", tz);
  window.location.replace(window.location.pathname + "?" + params.toString());
})();
