// The no-phone timer: counts up from the seconds the server sent (data-elapsed), so a
// device with a wrong clock still shows the right time. htmx swaps in a fresh element
// every ten seconds; each new one starts from the server's fresh count.
(function () {
  "use strict";
  document.documentElement.classList.add("together-js");

  function two(n) { return n < 10 ? "0" + n : String(n); }

  function clock(seconds) {
    var h = Math.floor(seconds / 3600);
    var m = Math.floor((seconds % 3600) / 60);
    var s = seconds % 60;
    return h ? h + ":" + two(m) + ":" + two(s) : m + ":" + two(s);
  }

  function tick() {
    var now = Date.now();
    document.querySelectorAll("[data-elapsed]").forEach(function (el) {
      if (!el.togetherBase) {
        var elapsed = parseInt(el.getAttribute("data-elapsed"), 10);
        el.togetherBase = now - (isNaN(elapsed) ? 0 : elapsed) * 1000;
      }
      el.textContent = clock(Math.max(0, Math.floor((now - el.togetherBase) / 1000)));
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", tick);
  } else {
    tick();
  }
  document.addEventListener("htmx:afterSwap", tick);
  window.setInterval(tick, 1000);
})();
