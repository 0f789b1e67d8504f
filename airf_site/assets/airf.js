// Fact-sheet catalogue filters (country, theme, project) and focusable table scrollers: self-hosted, no dependency.
(function () {
  function apply(root) {
    var selects = root.querySelectorAll("select[data-filter]");
    var cards = root.querySelectorAll("[data-pays]");
    var shown = 0;
    cards.forEach(function (card) {
      var ok = true;
      selects.forEach(function (select) {
        var want = select.value;
        if (!want) return;
        var have = (card.getAttribute("data-" + select.getAttribute("data-filter")) || "").split(" ");
        if (have.indexOf(want) < 0) ok = false;
      });
      card.hidden = !ok;
      if (ok) shown += 1;
    });
    var count = root.querySelector("[data-count]");
    if (count) count.textContent = shown + (shown > 1 ? " fiches" : " fiche");
  }
  // Material wraps Markdown tables in a horizontally scrolling box when the page loads; on a
  // narrow screen (320 px) the keyboard must reach it too (RGAA 7.3, WCAG 2.1.1): focusable, named.
  function scrollers() {
    document.querySelectorAll(".md-typeset__scrollwrap:not([tabindex])").forEach(function (wrap) {
      wrap.tabIndex = 0;
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", "Tableau (défilement horizontal)");
    });
  }
  function init() {
    // After Material's own subscribers have wrapped the tables of this page.
    window.setTimeout(scrollers, 0);
    document.querySelectorAll("[data-airf-filters]").forEach(function (root) {
      root.querySelectorAll("select[data-filter]").forEach(function (select) {
        select.addEventListener("change", function () { apply(root); });
      });
      apply(root);
    });
  }
  // Material's instant navigation re-renders pages: subscribe to its document$ when present.
  if (window.document$ && window.document$.subscribe) { window.document$.subscribe(init); }
  else { document.addEventListener("DOMContentLoaded", init); }
})();
