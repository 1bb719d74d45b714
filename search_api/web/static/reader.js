// Reader keys: j/n next page, k/p previous page, "." next hit, "," previous hit.
// Without this script the page anchors and the "vorige/volgende pagina" links do the same.
(function () {
  "use strict";
  var pages = Array.prototype.slice.call(document.querySelectorAll("section.page"));
  var marks = Array.prototype.slice.call(document.querySelectorAll(".page-text mark"));
  var help = document.getElementById("reader-keys");
  if (!pages.length) { return; }
  if (help) { help.hidden = false; }
  var hit = -1;

  function currentPage() {
    var active = document.activeElement;
    var own = active && active.closest ? active.closest("section.page") : null;
    if (own) { return pages.indexOf(own); }
    var byHash = location.hash ? document.getElementById(location.hash.slice(1)) : null;
    var index = pages.indexOf(byHash);
    if (index >= 0) {
      var box = byHash.getBoundingClientRect();
      if (box.bottom > 0 && box.top < window.innerHeight) { return index; }
    }
    for (var i = 0; i < pages.length; i++) {
      if (pages[i].getBoundingClientRect().bottom > 40) { return i; }
    }
    return pages.length - 1;
  }

  function show(element, id) {
    element.focus();
    element.scrollIntoView({ block: id ? "start" : "center" });
    if (id && history.replaceState) { history.replaceState(null, "", "#" + id); }
  }

  function goPage(step) {
    if (hit >= 0) { marks[hit].classList.remove("current"); hit = -1; }  // hits count from here
    var current = currentPage();
    var wanted = current + step;
    if (wanted < 0 || wanted >= pages.length) {
      // past the stretch shown: the page's own link opens the next (or previous) stretch
      var edge = pages[current].querySelector(".page-nav a[rel=" + (step > 0 ? "next" : "prev") + "]");
      if (edge && edge.getAttribute("href").charAt(0) !== "#") { location.href = edge.href; return; }
    }
    var index = Math.min(pages.length - 1, Math.max(0, wanted));
    show(pages[index], pages[index].id);
  }

  function goHit(step) {
    if (!marks.length) { return; }
    if (hit < 0) {
      // start from the page in view
      var page = pages[currentPage()];
      hit = step > 0 ? -1 : marks.length;
      for (var i = 0; i < marks.length; i++) {
        if (page.contains(marks[i]) || page.compareDocumentPosition(marks[i]) & 4) {
          hit = step > 0 ? i - 1 : i;
          break;
        }
      }
    } else {
      marks[hit].classList.remove("current");
    }
    hit = (hit + step + marks.length) % marks.length;
    var mark = marks[hit];
    mark.classList.add("current");
    mark.setAttribute("tabindex", "-1");
    show(mark, null);
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var target = event.target;
    var tag = target && target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable)) { return; }
    var actions = { j: 1, n: 1, k: -1, p: -1 };
    if (event.key in actions) {
      event.preventDefault();
      goPage(actions[event.key]);
    } else if (event.key === "." || event.key === ",") {
      event.preventDefault();
      goHit(event.key === "." ? 1 : -1);
    }
  });
})();
