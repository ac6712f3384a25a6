/* The header's search (overrides/partials/search.html), with Pagefind's index. Nothing of the
   index is fetched until the reader focuses the field or arrives with ?q=; then Pagefind
   fetches only the fragments a query needs. Results are links under the form, in the tab
   order after the filters; Escape closes them. Without this script the form leads to the
   taxonomy's overview. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-cp-search]");
  if (!form || !window.URL || !window.Promise) return;
  var input = form.querySelector("input[type=search]");
  var panel = form.querySelector("[data-cp-search-panel]");
  var list = panel.querySelector("ol");
  var status = panel.querySelector("[role=status]");
  var boxes = Array.prototype.slice.call(panel.querySelectorAll("input[type=checkbox]"));
  var bundle = new URL(form.getAttribute("data-cp-search"), document.baseURI);
  var loading = null;
  var latest = 0;
  var timer = 0;
  input.setAttribute("aria-controls", panel.id);

  function load() {
    if (!loading) {
      loading = import(new URL("pagefind.js", bundle).href).then(function (pagefind) {
        // Results' addresses from the folder the site is served from, sub-path and all.
        return pagefind.options({ baseUrl: new URL("..", bundle).pathname }).then(function () {
          return pagefind;
        });
      });
    }
    return loading;
  }

  function chosen() {
    var filters = {};
    boxes.forEach(function (box) {
      if (!box.checked) return;
      // A page has one kind, so kinds widen (any); terms narrow (all), as the lists' filters do.
      var name = box.name;
      filters[name] = filters[name] || (name === "kind" ? { any: [] } : { all: [] });
      (filters[name].any || filters[name].all).push(box.value);
    });
    return filters;
  }

  // Pagefind's excerpt is text with <mark> around the words found: only those are kept.
  function excerpt(html) {
    var out = document.createElement("p");
    var parsed = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html").body.firstChild;
    Array.prototype.forEach.call(parsed.childNodes, function (node) {
      var copy = node.nodeName === "MARK" ? document.createElement("mark") : document.createTextNode("");
      copy.textContent = node.textContent;
      out.appendChild(copy);
    });
    return out;
  }

  function titleOf(page) {
    return (page.meta && page.meta.title) || page.url;
  }

  function show(pages, total) {
    list.textContent = "";
    pages.forEach(function (page) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = page.url;
      link.textContent = titleOf(page);
      item.appendChild(link);
      item.appendChild(excerpt(page.excerpt || ""));
      list.appendChild(item);
    });
    var words = status.getAttribute(total === 1 ? "data-cp-one" : "data-cp-many") || "{n}";
    status.textContent = words.replace("{n}", String(total));
    panel.hidden = false;
  }

  function run() {
    var query = input.value.trim();
    var id = ++latest;
    if (!query) {
      panel.hidden = true;
      return Promise.resolve();
    }
    return load().then(function (pagefind) {
      return pagefind.search(query, { filters: chosen() });
    }).then(function (search) {
      var first = search.results.slice(0, 10).map(function (result) { return result.data(); });
      return Promise.all(first).then(function (pages) {
        // A page named what was asked for comes first: a term's page for its term (Pagefind
        // ranks a short page that says the word often, such as its Easy Read page, above it).
        var asked = query.toLowerCase();
        var named = pages.filter(function (page) { return titleOf(page).toLowerCase() === asked; });
        pages = named.concat(pages.filter(function (page) { return named.indexOf(page) < 0; }));
        if (id === latest) show(pages, search.results.length);
      });
    });
  }

  input.addEventListener("focus", load, { once: true });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 200);
  });
  boxes.forEach(function (box) { box.addEventListener("change", run); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    run();
  });
  form.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !panel.hidden) {
      panel.hidden = true;
      input.focus();
    }
  });
  var asked = new URLSearchParams(location.search).get("q");
  if (asked) {
    input.value = asked;
    run();
  }
})();
