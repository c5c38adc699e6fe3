// Quick exit ("Leave this site now", or Escape three times): blank the page at once, end
// the session on the server, forget what this site keeps in the browser, and replace this
// tab's entry with a neutral site, so Back and every heartwork address lead to the login
// page. What no web page can do (the browser's own history list) is said on /help/safety/.
//
// The link's href is the server's leave address (GET: log out, then the neutral site), so
// it works without JavaScript; data-quick-exit holds the neutral site itself.
(function () {
  "use strict";
  var PREFIX = "heartwork";
  // htmx's own copy of pages for Back (off in base.html, but never left behind).
  var ALSO = ["htmx-history-cache"];

  function forget(store) {
    try {
      for (var i = store.length - 1; i >= 0; i--) {
        var key = store.key(i);
        if (key && (key.indexOf(PREFIX) === 0 || ALSO.indexOf(key) !== -1)) store.removeItem(key);
      }
    } catch (error) { /* storage may be switched off: nothing to forget */ }
  }

  function endSession(leaveUrl) {
    // Sent on its own, so the page can go at once: keepalive lets it finish after we leave.
    // No CSRF token on purpose: see heartwork.help.views.leave.
    try {
      fetch(leaveUrl, { method: "POST", keepalive: true, credentials: "same-origin", cache: "no-store" })
        .catch(function () { /* offline: the service worker ends it when the device is back */ });
      return;
    } catch (error) { /* no fetch: try a beacon */ }
    try { navigator.sendBeacon(leaveUrl); } catch (error) { /* nothing more a page can do */ }
  }

  function clearWorker() {
    if (!("serviceWorker" in navigator)) return;
    var worker = navigator.serviceWorker.controller;
    // The worker clears the caches itself (it outlives this page) and, if the session
    // could not be ended just now, ends it before it lets any heartwork page load again.
    // (Only without one does the page clear them: it would race the worker's marker.)
    if (worker) { worker.postMessage({ type: "heartwork:quick-exit" }); return; }
    if (window.caches) {
      caches.keys().then(function (names) {
        names.forEach(function (name) { if (name.indexOf(PREFIX) === 0) caches.delete(name); });
      }).catch(function () {});
    }
  }

  // Other tabs of heartwork in this browser leave too.
  var others = null;
  try { others = new BroadcastChannel("heartwork-quick-exit"); } catch (error) { /* older browsers */ }

  function leave(link, told) {
    if (window.heartworkDrafts) window.heartworkDrafts.clearAll(); // drafts.js: typed text kept here
    document.documentElement.classList.add("exiting");
    document.title = "";
    var neutral = link.getAttribute("data-quick-exit");
    if (!neutral) { window.location.replace(link.href); return; }
    forget(window.localStorage);
    forget(window.sessionStorage);
    if (!told) {
      endSession(link.href);
      clearWorker();
      if (others) { try { others.postMessage("leave"); } catch (error) { /* keep going */ } }
    }
    window.location.replace(neutral);
  }

  if (others) {
    others.onmessage = function (event) {
      var link = document.querySelector("[data-quick-exit]");
      if (event.data === "leave" && link) leave(link, true);
    };
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-quick-exit]");
    if (!link) return;
    event.preventDefault();
    leave(link, false);
  });

  var presses = [];
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var now = Date.now();
    presses = presses.filter(function (t) { return now - t < 1200; });
    presses.push(now);
    if (presses.length >= 3) {
      var link = document.querySelector("[data-quick-exit]");
      if (link) leave(link, false);
    }
  });

  // A private page brought back from the browser's back-forward cache would show what it
  // showed before, even after the session ended. Ask the server again instead: after a
  // quick exit, that answer is the login page.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted && document.body && document.body.hasAttribute("data-private")) {
      document.documentElement.classList.add("exiting");
      window.location.reload();
    }
  });
})();
