// A Copy button for read-only fields; without JavaScript the field can still be selected.
(function () {
  "use strict";
  var source = document.querySelector("[data-copy-source]");
  var button = document.querySelector("[data-copy-button]");
  var status = document.querySelector("[data-copy-status]");
  if (!source || !button || !navigator.clipboard) return;
  button.hidden = false;
  source.addEventListener("focus", function () { source.select(); });
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(source.value).then(function () {
      status.textContent = "Copied. Paste it into a message to them.";
    }, function () {
      source.select();
      status.textContent = "Select the link and copy it.";
    });
  });
})();
