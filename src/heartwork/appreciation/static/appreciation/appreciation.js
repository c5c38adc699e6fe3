// "Edit it first" after a hint: put the cursor at the end of the note, ready to add to it.
// Without JavaScript the link still jumps to the note's box.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-edit-note]");
    if (!link) return;
    var box = document.getElementById("id_text");
    if (!box) return;
    event.preventDefault();
    box.focus();
    box.setSelectionRange(box.value.length, box.value.length);
  });
})();
