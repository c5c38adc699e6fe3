// Choosing a suggested feeling: the suggestion is a <label> for its checkbox on the wheel,
// so the browser ticks (or unticks) it; this only opens the wheel there so the person sees
// what they chose, and marks the suggestion. Nothing is chosen without a tap.
document.addEventListener("click", function (event) {
  var label = event.target.closest && event.target.closest("label.suggestion");
  if (!label) return;
  var box = document.getElementById(label.htmlFor);
  if (!box) return;
  for (var node = box.parentElement; node; node = node.parentElement) {
    if (node.tagName === "DETAILS") node.open = true;
  }
  setTimeout(function () { label.classList.toggle("chosen", box.checked); }, 0);
});
