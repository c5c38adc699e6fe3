// Choosing a suggested feeling in the composer: the suggestion is a submit button that, without
// JavaScript, posts the form and gets the page back with the word added (nothing saved). Here
// it adds the word to the feeling part in place and lets the preview catch up. Nothing is
// added without a tap.
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest('button[name="add_feeling"]');
  var field = document.getElementById("id_feeling");
  if (!button || !field) return;
  event.preventDefault();
  var word = button.value;
  var have = field.value.split(",").map(function (w) { return w.trim().toLowerCase(); });
  if (have.indexOf(word.toLowerCase()) === -1) {
    var start = field.value.replace(/[\s,]+$/, "");
    var next = start ? start + ", " + word : word;
    if (next.length <= (field.maxLength > 0 ? field.maxLength : 400)) field.value = next;
  }
  button.classList.add("chosen");
  field.dispatchEvent(new Event("change", { bubbles: true }));
});
