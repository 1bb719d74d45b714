// The search page, enhanced: a long facet's filter box (hidden without scripts) narrows its
// values as you type. Everything works without it. A changed order is applied by the form's
// button, never on input (WCAG 3.2.2: choosing with the arrow keys must not reload the page).
(function () {
  "use strict";
  document.querySelectorAll("section.facet").forEach(function (facet) {
    var box = facet.querySelector("[data-facet-filter]");
    if (!box) { return; }
    box.parentElement.hidden = false;
    box.addEventListener("input", function () {
      var wanted = box.value.trim().toLowerCase();
      facet.querySelectorAll(".facet-values li").forEach(function (item) {
        var label = item.querySelector(".label");
        var text = label ? label.textContent.toLowerCase() : "";
        item.hidden = wanted !== "" && text.indexOf(wanted) === -1;
      });
    });
  });
})();
