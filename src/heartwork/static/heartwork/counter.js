// A quiet count under every field with a length limit (a textarea or text input with
// maxlength). It appears once the text is near the limit, says how many characters are
// left, and is read out politely by screen readers. Without JavaScript nothing changes:
// the browser stops at the limit, and the server says so plainly if more arrives.
(function () {
  "use strict";
  var NEAR = 0.8; // shown from 80% of the limit
  var SHORTEST = 40; // a short field (a name, a code) needs no count
  var COUNTED = "textarea[maxlength], input[maxlength]:not([type]), input[maxlength][type=text]";

  function limitOf(field) {
    var limit = parseInt(field.getAttribute("maxlength"), 10);
    return limit >= SHORTEST ? limit : 0;
  }

  function noteFor(field) {
    var id = (field.id || field.name) + "_count";
    var note = document.getElementById(id);
    if (note) return note;
    note = document.createElement("p");
    note.id = id;
    note.className = "help char-count";
    note.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", note);
    var described = field.getAttribute("aria-describedby");
    field.setAttribute("aria-describedby", described ? described + " " + id : id);
    return note;
  }

  function update(field) {
    var limit = limitOf(field);
    if (!limit || field.readOnly) return;
    var note = noteFor(field);
    var used = field.value.length;
    var left = limit - used;
    var text = "";
    if (used >= limit * NEAR) {
      if (left > 1) text = left + " characters left";
      else if (left === 1) text = "1 character left";
      else text = "That's the limit: " + limit + " characters.";
    }
    if (note.textContent !== text) note.textContent = text;
    note.classList.toggle("at-limit", left <= 0);
  }

  function all() {
    Array.prototype.forEach.call(document.querySelectorAll(COUNTED), update);
  }

  document.addEventListener("input", function (event) {
    var field = event.target;
    if (field && field.matches && field.matches(COUNTED)) update(field);
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", all);
  else all();
  document.addEventListener("htmx:afterSwap", all); // parts of a page swapped in later
})();
