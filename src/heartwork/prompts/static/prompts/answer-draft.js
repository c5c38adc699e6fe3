// The answer being written to today's prompt is kept on this device as it is typed
// (localStorage, "heartwork-draft:<bond>:<round>"), so a reload, a lost connection or a
// change of prompt never loses it:
// - back on the page, an unsaved draft is put back in the box, with a quiet note;
// - when the prompt changed (both agreed to another), the draft for the earlier prompt
//   moves to the new one's box, saying so, with a way to clear it;
// - once the page shows the draft saved as the answer, it is removed.
// Logging out and the quick exit clear every draft (heartwork/drafts.js).
(function () {
  "use strict";
  var PREFIX = "heartwork-draft:";
  function storage() {
    try { return window.localStorage; } catch (e) { return null; }
  }
  function read(key) {
    var store = storage();
    if (!store || !key) return null;
    try {
      var draft = JSON.parse(store.getItem(key));
      return draft && typeof draft.text === "string" ? draft : null;
    } catch (e) {
      return null;
    }
  }
  function write(key, text) {
    var store = storage();
    if (!store) return;
    try {
      store.setItem(key, JSON.stringify({ text: text, at: Date.now() }));
    } catch (e) { /* full or refused: the box still holds the words */ }
  }
  function forget(key) {
    var store = storage();
    if (store) store.removeItem(key);
  }
  // The server trims and may turn line breaks into <br>: compare without white space.
  function same(a, b) {
    return (a || "").replace(/\s+/g, "") === (b || "").replace(/\s+/g, "");
  }
  function say(field, text, clearable) {
    var old = document.getElementById("draft-note");
    if (old) old.remove();
    var note = document.createElement("p");
    note.id = "draft-note";
    note.className = "help draft-note";
    note.setAttribute("role", "status");
    var words = document.createElement("span");
    words.textContent = text;
    note.appendChild(words);
    if (clearable) {
      var clear = document.createElement("button");
      clear.type = "button";
      clear.className = "link-button";
      clear.textContent = "Clear it";
      clear.addEventListener("click", function () {
        field.value = "";
        forget(field.getAttribute("data-draft-key"));
        note.remove();
        field.focus();
      });
      note.appendChild(clear);
    }
    field.insertAdjacentElement("afterend", note);
  }
  // The newest draft of this bond written for another prompt (one that changed).
  function earlier(bond, key) {
    var store = storage();
    if (!store || !bond) return null;
    var found = null;
    for (var i = 0; i < store.length; i++) {
      var other = store.key(i);
      if (!other || other === key || other.indexOf(PREFIX + bond + ":") !== 0) continue;
      var draft = read(other);
      if (draft && draft.text.trim() && (!found || draft.at > found.draft.at)) {
        found = { key: other, draft: draft };
      }
    }
    return found;
  }
  function setUp() {
    // My answer shown as saved: its draft has done its work.
    var saved = document.querySelectorAll("[data-draft-saved]");
    for (var i = 0; i < saved.length; i++) {
      var savedKey = saved[i].getAttribute("data-draft-saved");
      var shown = saved[i].querySelector("blockquote");
      var kept = read(savedKey);
      if (kept && shown && same(kept.text, shown.innerText)) forget(savedKey);
    }
    var field = document.querySelector("textarea[data-draft-key]");
    if (!field) return;
    var key = field.getAttribute("data-draft-key");
    var draft = read(key);
    if (draft) {
      if (same(draft.text, field.defaultValue)) {
        forget(key); // saved: the box already shows it
      } else if (!same(draft.text, field.value)) {
        field.value = draft.text;
        say(field, "We kept what you were writing on this device. It isn't saved yet.", true);
      }
      return;
    }
    if (field.defaultValue.trim()) return; // already answered: nothing to bring over
    var moved = earlier(field.getAttribute("data-draft-bond"), key);
    if (!moved) return;
    field.value = moved.draft.text;
    write(key, moved.draft.text);
    forget(moved.key);
    say(
      field,
      "You'd started writing this for the earlier prompt, so it's here: keep it, change it, or clear it.",
      true
    );
  }
  document.addEventListener("input", function (event) {
    var field = event.target;
    if (!field || !field.matches || !field.matches("textarea[data-draft-key]")) return;
    var key = field.getAttribute("data-draft-key");
    if (field.value.trim()) write(key, field.value);
    else forget(key);
  });
  setUp();
  // The live update (heartwork/live.js) may swap the page in place: set up the new one.
  document.addEventListener("htmx:afterSettle", setUp);
})();
