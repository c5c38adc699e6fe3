// Live, gently (heartwork.core.live): when the poll says something changed, fetch this
// page again and swap its main content in place. If the person is writing (a field
// differs from what the page was loaded with, or has the focus), nothing is swapped:
// a quiet note says something new arrived, and it shows after they save or reload.
(function () {
  "use strict";
  function writing(main) {
    var fields = main.querySelectorAll("textarea, input, select");
    for (var i = 0; i < fields.length; i++) {
      var f = fields[i];
      if (f.type === "hidden" || f.type === "submit") continue;
      if (f === document.activeElement && f.tagName !== "SELECT") return true;
      if ((f.type === "checkbox" || f.type === "radio") ? f.checked !== f.defaultChecked
          : f.tagName === "SELECT" ? false : f.value !== f.defaultValue) return true;
    }
    return false;
  }
  function say(text) {
    var status = document.getElementById("live-status");
    if (status) status.textContent = text;
  }
  document.addEventListener("htmx:afterRequest", function (event) {
    var poll = event.detail.elt;
    if (!poll || !poll.hasAttribute || !poll.hasAttribute("data-live")) return;
    if (!event.detail.xhr || event.detail.xhr.status !== 200) return;
    var main = document.getElementById("main");
    if (!main) return;
    if (writing(main)) {
      if (!document.getElementById("live-note")) {
        var note = document.createElement("p");
        note.id = "live-note";
        note.className = "message live-note";
        note.textContent = "Something new arrived. It will show once you've saved what you're writing.";
        main.insertBefore(note, main.firstChild);
      }
      poll.remove(); // stop asking until the page is fresh again
      return;
    }
    htmx.ajax("GET", window.location.href, { target: "#main", select: "#main", swap: "outerHTML" })
      .then(function () { say("Updated with something new."); });
  });
})();
