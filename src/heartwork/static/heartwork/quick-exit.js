// Quick exit: blank the page at once, then replace this tab's entry with a neutral site
// so pressing Back does not return here. Three presses of Escape do the same.
(function () {
  "use strict";
  function leave(url) {
    document.documentElement.classList.add("exiting");
    document.title = "";
    window.location.replace(url);
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-quick-exit]");
    if (!link) return;
    event.preventDefault();
    leave(link.href);
  });
  var presses = [];
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var now = Date.now();
    presses = presses.filter(function (t) { return now - t < 1200; });
    presses.push(now);
    if (presses.length >= 3) {
      var link = document.querySelector("[data-quick-exit]");
      if (link) leave(link.href);
    }
  });
})();
