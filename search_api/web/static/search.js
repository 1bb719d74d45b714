// The search page, enhanced: a changed sort or date submits the form; a long facet's filter
// box (hidden without scripts) narrows its values as you type. Everything works without it.
(function () {
  "use strict";
  var form = document.querySelector("form.search");
  if (form) {
    var sort = form.querySelector("#sort");
    if (sort) {
      sort.addEventListener("change", function () { form.submit(); });
    }
  }
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
