// SkillKeepr: suggestions while typing an @mention in the comment box.
// Without it, people type "@Full Name" or "@email" themselves (the page
// lists who can be mentioned); the server resolves mentions either way.
(function () {
  "use strict";
  var box = document.getElementById("comment-body");
  var people = Array.prototype.map.call(document.querySelectorAll(".mentionable li[data-name]"), function (li) {
    return { name: li.getAttribute("data-name"), email: li.getAttribute("data-email") || "" };
  });
  if (!box || people.length === 0) return;

  var list = document.createElement("ul");
  list.id = "mention-suggestions";
  list.className = "mention-suggestions";
  list.setAttribute("aria-label", "People you can mention");
  list.hidden = true;
  box.insertAdjacentElement("afterend", list);

  // The "@…" being typed just before the caret, or null.
  function current() {
    var before = box.value.slice(0, box.selectionStart);
    var m = /(^|[\s(\[{,;:!?"'])@([^@\s]*(?: [^@\s]*)?)$/.exec(before);
    if (!m) return null;
    return { query: m[2].toLowerCase(), start: before.length - m[2].length - 1 };
  }

  function matches(p, q) {
    if (q === "") return true;
    var name = p.name.toLowerCase();
    return name.indexOf(q) === 0 || name.indexOf(" " + q) >= 0 || p.email.toLowerCase().indexOf(q) === 0;
  }

  function hide() { list.hidden = true; list.replaceChildren(); }

  function insert(p, at) {
    var end = box.selectionStart;
    var text = "@" + p.name + " ";
    box.value = box.value.slice(0, at.start) + text + box.value.slice(end);
    var caret = at.start + text.length;
    box.focus();
    box.setSelectionRange(caret, caret);
    hide();
  }

  function update() {
    var at = current();
    if (!at) { hide(); return; }
    var found = people.filter(function (p) { return matches(p, at.query); }).slice(0, 6);
    if (found.length === 0) { hide(); return; }
    list.replaceChildren.apply(list, found.map(function (p) {
      var li = document.createElement("li");
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = p.name;
      var mail = document.createElement("span");
      mail.className = "muted";
      mail.textContent = " " + p.email;
      b.appendChild(mail);
      b.addEventListener("click", function () { insert(p, at); });
      li.appendChild(b);
      return li;
    }));
    list.hidden = false;
  }

  box.addEventListener("input", update);
  box.addEventListener("keydown", function (ev) {
    if (list.hidden) return;
    if (ev.key === "Escape") { hide(); ev.preventDefault(); }
    if (ev.key === "ArrowDown") { var first = list.querySelector("button"); if (first) { first.focus(); ev.preventDefault(); } }
  });
  list.addEventListener("keydown", function (ev) {
    var buttons = Array.prototype.slice.call(list.querySelectorAll("button"));
    var i = buttons.indexOf(document.activeElement);
    if (ev.key === "ArrowDown" && i < buttons.length - 1) { buttons[i + 1].focus(); ev.preventDefault(); }
    if (ev.key === "ArrowUp") { (i > 0 ? buttons[i - 1] : box).focus(); ev.preventDefault(); }
    if (ev.key === "Escape") { hide(); box.focus(); ev.preventDefault(); }
  });
})();
