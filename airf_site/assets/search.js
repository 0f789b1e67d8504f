// Site search: a dialog opened from the header, on Pagefind's JavaScript API (self-hosted in
// pagefind/, written by the build). Pagefind's files load when the reader first reaches for the
// button, then only the index chunks and result fragments a query needs. French labels;
// keyboard: "/" opens, Échap closes, ↓/↑ move between results. No third-party request.
(function () {
  "use strict";
  // Elided articles and pronouns are removed from the query as they were from the index
  // (airf_site/site/search.py): "l'efficacité" → "efficacité", "jusqu’à" → "à".
  var ELISION = /(^|[^\p{L}\p{N}_])(?:jusqu|lorsqu|puisqu|qu|[cdjlmnst])['’‘ʼ](?=\p{L})/giu;
  var PAGE = 6;
  var SHORT_WAIT = 350;  // ms of pause before searching a one- or two-letter last word
  var FILTERS = [["type", "Type"], ["priorite", "Priorité"], ["projet", "Projet"]];
  var pagefind = null, loading = null, dialog = null, input = null, list = null, status = null, more = null;
  var results = [], shown = 0, generation = 0;

  function processTerm(term) {
    return term.replace(ELISION, "$1").replace(/\s+/g, " ").trim();
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  // Pagefind's excerpt is text with <mark> around the matches: keep exactly that, nothing else.
  function excerpt(html) {
    var tpl = document.createElement("template");
    tpl.innerHTML = html;
    var out = el("p", { "class": "airf-search__excerpt" });
    tpl.content.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") out.appendChild(el("mark", {}, node.textContent));
      else out.appendChild(document.createTextNode(node.textContent));
    });
    return out;
  }

  function load(button) {
    if (!loading) {
      var bundle = new URL(button.getAttribute("data-airf-search"), location.href);
      var root = new URL("../", bundle).pathname;
      loading = import(bundle.href + "pagefind.js").then(function (module) {
        pagefind = module;
        // No web worker: one file less (41 KB) on slow connections; searches are small.
        return pagefind.options({ baseUrl: root, excerptLength: 18, noWorker: true });
      }).then(function () { return pagefind.init(); }).catch(function (error) {
        loading = null;  // a connection lost on the way: the next opening or search tries again
        throw error;
      });
    }
    return loading;
  }

  // The filter files (one per filter, a list of pages per value) load only when the reader
  // reaches the filters: the first search does without them.
  var filtersLoading = null;
  function loadFilters() {
    if (!filtersLoading) {
      filtersLoading = load(document.querySelector(".airf-search-open")).then(function () {
        return pagefind.filters();
      }).then(fillFilters);
    }
    return filtersLoading;
  }

  function fillFilters(available) {
    FILTERS.forEach(function (f) {
      var select = dialog.querySelector("select[data-filter=" + f[0] + "]");
      var values = Object.keys(available[f[0]] || {}).sort(function (a, b) { return a.localeCompare(b, "fr"); });
      values.forEach(function (v) { select.appendChild(el("option", { value: v }, v)); });
      if (!values.length) select.parentNode.hidden = true;
    });
  }

  function build(button) {
    dialog = el("dialog", { "class": "airf-search", "aria-label": "Rechercher sur le site" });
    var form = el("form", { role: "search", "class": "airf-search__form" });
    var label = el("label", { "for": "airf-search-input", "class": "airf-search__hidden" }, "Rechercher sur le site");
    input = el("input", { id: "airf-search-input", type: "search", placeholder: "Rechercher (ex. : biodiversité)",
      autocomplete: "off", spellcheck: "false", "aria-describedby": "airf-search-status", enterkeyhint: "search" });
    var close = el("button", { type: "button", "class": "airf-search__close" }, "Fermer");
    var bar = el("div", { "class": "airf-search__bar" });
    bar.append(label, input, close);
    var options = el("div", { "class": "airf-search__options" });
    FILTERS.forEach(function (f) {
      var wrap = el("label");
      var select = el("select", { "data-filter": f[0] });
      select.appendChild(el("option", { value: "" }, "Tous"));
      wrap.append(f[1] + " ", select);
      options.appendChild(wrap);
    });
    var sortLabel = el("label");
    var sort = el("select", { "data-sort": "" });
    sort.append(el("option", { value: "" }, "pertinence"), el("option", { value: "desc" }, "plus récents d’abord"));
    sortLabel.append("Trier par ", sort);
    options.appendChild(sortLabel);
    status = el("p", { id: "airf-search-status", "class": "airf-search__status", role: "status", "aria-live": "polite" });
    list = el("ol", { "class": "airf-search__results" });
    more = el("button", { type: "button", "class": "airf-search__more", hidden: "" }, "Plus de résultats");
    form.append(bar, options);
    dialog.append(form, status, list, more);
    document.body.appendChild(dialog);

    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var first = list.querySelector("a");
      if (first) first.click();
    });
    input.addEventListener("input", search);
    options.addEventListener("change", search);
    options.addEventListener("focusin", loadFilters);
    options.addEventListener("pointerdown", loadFilters);
    close.addEventListener("click", function () { dialog.close(); });
    more.addEventListener("click", function () { showMore(true); });
    dialog.addEventListener("click", function (e) { if (e.target === dialog) dialog.close(); });
    dialog.addEventListener("keydown", function (e) {
      if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
      var links = Array.prototype.slice.call(list.querySelectorAll("a"));
      if (!links.length || e.target.tagName === "SELECT") return;
      var at = links.indexOf(document.activeElement);
      var next = e.key === "ArrowDown" ? at + 1 : at - 1;
      e.preventDefault();
      if (next < 0) input.focus(); else links[Math.min(next, links.length - 1)].focus();
    });
  }

  function search() {
    var term = processTerm(input.value);
    var mine = ++generation;
    if (!term) { list.textContent = ""; status.textContent = ""; more.hidden = true; return; }
    status.textContent = "Recherche…";
    // A last word of one or two letters is most likely unfinished ("côte d", "s") and prefixes
    // a great many words: it waits for a pause in the typing before Pagefind is asked, since
    // Pagefind downloads the index chunks of a term as soon as it is given (debouncedSearch
    // preloads before its own delay).
    var words = term.split(" ");
    var pause = Array.from(words[words.length - 1]).length < 3 ? SHORT_WAIT : 0;
    load(document.querySelector(".airf-search-open")).then(function () {
      return new Promise(function (resolve) { setTimeout(resolve, pause); });
    }).then(function () {
      if (mine !== generation) return null;  // a newer keystroke took over
      var filters = {};
      dialog.querySelectorAll("select[data-filter]").forEach(function (s) { if (s.value) filters[s.getAttribute("data-filter")] = s.value; });
      var order = dialog.querySelector("select[data-sort]").value;
      var opts = { filters: filters };
      if (order) opts.sort = { date: order };
      // 40 ms: merges a paste or key repeat, not a reader's keystrokes (150 ms or more apart),
      // so it only adds latency above that; measured by bench/bench_search.py.
      return pagefind.debouncedSearch(term, opts, 40);
    }).then(function (found) {
      if (found === null || mine !== generation) return;  // a newer keystroke took over
      results = found.results;
      shown = 0;
      list.textContent = "";
      var n = results.length, shownTerm = input.value.trim();
      return showMore(false, mine).then(function () {
        if (mine !== generation) return;
        // Announced once the results are on screen (role="status": read by screen readers).
        status.textContent = n === 0 ? "Aucun résultat pour « " + shownTerm + " »."
          : (n === 1 ? "1 résultat" : n + " résultats") + " pour « " + shownTerm + " ».";
      });
    }).catch(function () {
      status.textContent = "La recherche n’a pas pu se charger. Vérifiez votre connexion puis réessayez.";
    });
  }

  function showMore(focusFirst, mine) {
    var batch = results.slice(shown, shown + PAGE);
    shown += batch.length;
    more.hidden = shown >= results.length;
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (items) {
      if (mine !== undefined && mine !== generation) return;
      var firstNew = null;
      items.forEach(function (item) {
        var li = el("li", { "class": "airf-search__result" });
        var link = el("a", { href: item.url }, item.meta.title || item.url);
        var meta = [item.meta.type, item.meta.date].filter(Boolean).join(" · ");
        li.append(el("h3", {}), el("p", { "class": "airf-search__meta" }, meta), excerpt(item.excerpt));
        li.firstChild.appendChild(link);
        list.appendChild(li);
        if (!firstNew) firstNew = link;
      });
      if (focusFirst && firstNew) firstNew.focus();
    });
  }

  function open(button) {
    if (!dialog) build(button);
    if (!dialog.open) dialog.showModal();
    input.focus();
    input.select();
    load(button).catch(function () {
      status.textContent = "La recherche n’a pas pu se charger. Vérifiez votre connexion puis réessayez.";
    });
  }

  function init() {
    var button = document.querySelector(".airf-search-open");
    if (!button || button.getAttribute("data-airf-ready")) return;
    button.setAttribute("data-airf-ready", "1");
    button.hidden = false;
    button.addEventListener("click", function () { open(button); });
    // Pagefind's files start loading as the reader reaches for the button (a mouse over it, a
    // finger or pen down): the few hundred milliseconds before the click are not lost on a
    // slow connection. Not on keyboard focus, which passes over the button on the way elsewhere.
    function warm(e) {
      if (e.type === "pointerdown" || e.pointerType === "mouse") load(button).catch(function () {});
    }
    button.addEventListener("pointerenter", warm);
    button.addEventListener("pointerdown", warm);
  }

  document.addEventListener("keydown", function (e) {
    var t = e.target;
    var typing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
    var button = document.querySelector(".airf-search-open");
    if (e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey && button) {
      e.preventDefault();
      open(button);
    }
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
