// Drafts kept on this device. A page may keep what someone is typing in localStorage,
// under keys starting "heartwork-draft:" (prompts/answer-draft.js does, for an answer), so
// a reload or a lost connection never loses it. That is private writing left on the
// device, so this clears every such draft when the person logs out (a form marked
// data-clears-drafts) and offers window.heartworkDrafts.clearAll() to the quick exit.
(function () {
  "use strict";
  var PREFIX = "heartwork-draft:";
  function storage() {
    try { return window.localStorage; } catch (e) { return null; } // storage turned off
  }
  function clearAll() {
    var store = storage();
    if (!store) return;
    var doomed = [];
    for (var i = 0; i < store.length; i++) {
      var key = store.key(i);
      if (key && key.indexOf(PREFIX) === 0) doomed.push(key);
    }
    doomed.forEach(function (key) { store.removeItem(key); });
  }
  window.heartworkDrafts = { PREFIX: PREFIX, clearAll: clearAll };
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form && form.hasAttribute && form.hasAttribute("data-clears-drafts")) clearAll();
  }, true);
})();
