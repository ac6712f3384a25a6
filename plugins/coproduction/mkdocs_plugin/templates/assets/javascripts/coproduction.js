/* Filters a list in place: the pages (or posts) that carry every term ticked.
   The lists and the links that narrow them work without this script; it only adds the
   filter (hidden until now) and keeps what is ticked in the address (?also=barriers:power). */
(function () {
  "use strict";
  var form = document.querySelector("[data-cp-filter]");
  if (!form || !window.URLSearchParams || !history.replaceState) return;
  var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-cp-terms]"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("[data-cp-group]"));
  var status = form.querySelector("[data-cp-status]");

  function ticked() {
    return boxes.filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
  }

  function apply() {
    var wanted = ticked();
    var shown = 0;
    items.forEach(function (item) {
      var terms = (item.getAttribute("data-cp-terms") || "").split(" ");
      var keep = wanted.every(function (term) { return terms.indexOf(term) >= 0; });
      item.hidden = !keep;
      if (keep) shown += 1;
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector("[data-cp-terms]:not([hidden])");
    });
    if (status) {  // the words come from the page, in the site's language
      var words = status.getAttribute(shown === 1 ? "data-cp-one" : "data-cp-many") || "{n}";
      status.textContent = wanted.length ? words.replace("{n}", shown) : "";
    }
    var params = new URLSearchParams(location.search);
    if (wanted.length) params.set("also", wanted.join(","));
    else params.delete("also");
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  var start = (new URLSearchParams(location.search).get("also") || "").split(",");
  boxes.forEach(function (box) {
    box.checked = start.indexOf(box.value) >= 0;
    box.addEventListener("change", apply);
  });
  form.hidden = false;
  apply();
})();
