// The feelings wheel: a round picker (core → family → word) drawn over a form's own
// inputs (checkboxes for the check-in's several words, radios for the evening check-in's
// one), which stay the truth of what is chosen (and the list that works without
// JavaScript). Touch, mouse and keyboard (Tab, arrows, Enter or Space; the
// centre goes back) and a screen reader (buttons and checkboxes with names) all work.
// Chosen words show as chips that remove with one tap; a page re-shown after an error
// keeps them, because the checkboxes do.
(function () {
  "use strict";
  var NS = "http://www.w3.org/2000/svg";
  // Colours come from base.css and dark.css (.f-<core>), so the wheel reads in light and dark.
  var SIZE = 320, C = SIZE / 2, R_IN = 58, R_OUT = 156;

  function text(el) {
    if (!el) return "";
    var copy = el.cloneNode(true);
    copy.querySelectorAll("small, input").forEach(function (n) { n.remove(); });
    return copy.textContent.replace(/\s+/g, " ").replace(/, in general$/, "").trim();
  }

  function model(fieldset) {
    return Array.prototype.map.call(fieldset.querySelectorAll(":scope > details.core"), function (d) {
      var input = d.querySelector(":scope > label.word input");
      return {
        input: input, label: text(d.querySelector(":scope > summary")),
        colour: "f-" + input.value,
        families: Array.prototype.map.call(d.querySelectorAll(":scope > details.middle"), function (m) {
          var inputs = m.querySelectorAll(".words input");
          return {
            input: inputs[0], label: text(m.querySelector(":scope > summary")),
            words: Array.prototype.slice.call(inputs, 1).map(function (i) {
              return { input: i, label: text(i.closest("label").querySelector("span")) };
            })
          };
        })
      };
    });
  }

  function el(name, attrs) {
    var node = document.createElementNS(NS, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  function arc(a0, a1) {
    function pt(r, a) { return (C + r * Math.sin(a)).toFixed(2) + " " + (C - r * Math.cos(a)).toFixed(2); }
    var large = a1 - a0 > Math.PI ? 1 : 0;
    return "M" + pt(R_IN, a0) + "L" + pt(R_OUT, a0) + "A" + R_OUT + " " + R_OUT + " 0 " + large +
      " 1 " + pt(R_OUT, a1) + "L" + pt(R_IN, a1) + "A" + R_IN + " " + R_IN + " 0 " + large + " 0 " +
      pt(R_IN, a0) + "Z";
  }

  function Wheel(fieldset) {
    this.fieldset = fieldset;
    this.cores = model(fieldset);
    this.path = [];
    var box = document.createElement("div");
    box.className = "wheel-picker";
    this.where = document.createElement("p");
    this.where.className = "wheel-where";
    this.where.setAttribute("aria-live", "polite");
    this.svg = el("svg", { viewBox: "0 0 " + SIZE + " " + SIZE, role: "group", "class": "wheel-svg",
      "aria-label": "Feelings wheel" });
    this.chips = document.createElement("ul");
    this.chips.className = "chips";
    this.single = !!fieldset.querySelector("input[type=radio]");
    this.chips.setAttribute("aria-label", this.single ? "Chosen feeling" : "Chosen feelings");
    var toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "link-button wheel-toggle";
    toggle.textContent = "Show the feelings as a list";
    var self = this;
    toggle.addEventListener("click", function () {
      var listing = fieldset.classList.toggle("as-list");
      toggle.textContent = listing ? "Show the wheel" : "Show the feelings as a list";
      self.svg.style.display = listing ? "none" : "";
    });
    box.append(this.where, this.svg, this.chips, toggle);
    // Inside the fieldset, after its legend and any error, so both read before the wheel.
    fieldset.insertBefore(box, fieldset.querySelector(":scope > details"));
    fieldset.classList.add("has-wheel");
    fieldset.addEventListener("change", function () { self.drawChips(); self.draw(); });
    this.draw();
    this.drawChips();
  }

  Wheel.prototype.items = function () {
    var core = this.path[0], family = this.path[1];
    if (!core) return this.cores.map(function (c) { return { label: c.label, colour: c.colour, open: c }; });
    if (!family) {
      return [{ label: core.label + ", in general", colour: core.colour, input: core.input }].concat(
        core.families.map(function (f) { return { label: f.label, colour: core.colour, open: f }; }));
    }
    return [{ label: family.label, colour: core.colour, input: family.input }].concat(
      family.words.map(function (w) { return { label: w.label, colour: core.colour, input: w.input }; }));
  };

  Wheel.prototype.draw = function (focusIndex) {
    var self = this, svg = this.svg, items = this.items(), step = 2 * Math.PI / items.length;
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    items.forEach(function (item, i) {
      var chosen = item.input && item.input.checked;
      var kind = item.open ? " opens" : i === 0 ? " general" : "";
      var g = el("g", { "class": "sector " + item.colour + kind + (chosen ? " chosen" : ""), tabindex: i === (focusIndex || 0) ? "0" : "-1",
        role: item.input ? (item.input.type === "radio" ? "radio" : "checkbox") : "button",
        "aria-label": item.label });
      if (item.input) g.setAttribute("aria-checked", chosen ? "true" : "false");
      g.append(el("path", { d: arc(i * step + 0.01, (i + 1) * step - 0.01) }));
      var mid = (i + 0.5) * step, r = (R_IN + R_OUT) / 2;
      var label = el("text", { x: (C + r * Math.sin(mid)).toFixed(1), y: (C - r * Math.cos(mid)).toFixed(1),
        "text-anchor": "middle", "dominant-baseline": "middle", "aria-hidden": "true",
        "class": "sector-label" + (chosen ? " on" : item.open ? " strong" : "") });
      label.textContent = (chosen ? "✓ " : "") + item.label.replace(/, in general$/, "");
      g.append(label);
      g.addEventListener("click", function () { self.activate(item, i); });
      g.addEventListener("keydown", function (event) { self.key(event, item, i, items.length); });
      svg.append(g);
    });
    var core = this.path[0], family = this.path[1];
    var centre = el("g", { "class": "centre", tabindex: "0", role: "button",
      "aria-label": core ? "Back to " + (family ? core.label : "all feelings") : "Feelings: choose a part of the wheel" });
    centre.append(el("circle", { cx: C, cy: C, r: R_IN - 4 }));
    var t = el("text", { x: C, y: C, "text-anchor": "middle", "dominant-baseline": "middle", "aria-hidden": "true",
      "class": "centre-label" });
    t.textContent = core ? "← " + (family ? family.label : core.label) : "Feelings";
    centre.append(t);
    centre.addEventListener("click", function () { self.back(); });
    centre.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); self.back(); }
    });
    svg.append(centre);
    this.where.textContent = family ? core.label + " › " + family.label + (this.single ? ": tap the word that fits best." : ": tap the words that fit.")
      : core ? core.label + ": choose the closest family of feelings."
      : "Start with the feeling closest to how you are.";
  };

  Wheel.prototype.focus = function (i) {
    var sectors = this.svg.querySelectorAll(".sector");
    if (sectors[i]) { sectors.forEach(function (s) { s.setAttribute("tabindex", "-1"); });
      sectors[i].setAttribute("tabindex", "0"); sectors[i].focus(); }
  };

  Wheel.prototype.activate = function (item, i) {
    if (item.open) { this.path.push(item.open); this.draw(0); this.focus(0); return; }
    item.input.checked = !item.input.checked;
    item.input.dispatchEvent(new Event("change", { bubbles: true }));
    this.focus(i);
  };

  Wheel.prototype.back = function () {
    if (!this.path.length) return;
    this.path.pop(); this.draw(0); this.focus(0);
  };

  Wheel.prototype.key = function (event, item, i, n) {
    if (event.key === "Enter" || event.key === " ") { event.preventDefault(); this.activate(item, i); }
    else if (event.key === "ArrowRight" || event.key === "ArrowDown") { event.preventDefault(); this.focus((i + 1) % n); }
    else if (event.key === "ArrowLeft" || event.key === "ArrowUp") { event.preventDefault(); this.focus((i + n - 1) % n); }
    else if (event.key === "Backspace") { event.preventDefault(); this.back(); }
  };

  Wheel.prototype.drawChips = function () {
    var chips = this.chips;
    chips.textContent = "";
    this.fieldset.querySelectorAll("input:checked").forEach(function (input) {
      var li = document.createElement("li"), b = document.createElement("button");
      var word = text(input.closest("label").querySelector("span") || input.closest("label"));
      b.type = "button"; b.className = "chip";
      b.textContent = word + " ";
      var x = document.createElement("span"); x.setAttribute("aria-hidden", "true"); x.textContent = "×";
      b.append(x);
      b.setAttribute("aria-label", "Remove " + word);
      b.addEventListener("click", function () {
        input.checked = false;
        input.dispatchEvent(new Event("change", { bubbles: true }));
      });
      li.append(b); chips.append(li);
    });
    if (!chips.children.length) {
      var none = document.createElement("li"); none.className = "help"; none.textContent = "Nothing chosen yet.";
      chips.append(none);
    }
  };

  document.querySelectorAll("fieldset.wheel").forEach(function (fieldset) { new Wheel(fieldset); });
})();
