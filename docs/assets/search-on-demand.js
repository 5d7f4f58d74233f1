/* Ingé 43: Material's search, wrapped and loaded on demand. Loaded by overrides/main.html right
   after Material's configuration (`__config`) and before Material's script, on every page: kept in
   this file, cached once, rather than inline in each page (4,000 commune pages at region scale).

   First: Material's search worker is wrapped by ours (accents, plurals, acronyms: see
   docs/assets/javascripts/workers/inge43-search.js). */
(function () {
  var el = document.getElementById("__config");
  var config = JSON.parse(el.textContent);
  var file = config.search.split("/").pop();
  config.search = config.search.replace(/[^/]*$/, "inge43-search.js?worker=" + encodeURIComponent(file));
  el.textContent = JSON.stringify(config);
})();
/* The search index (about 460 KB, 100 KB compressed) is fetched the first time the visitor
   uses the search box (focus, hence first keystroke, shortcut or the header's search button),
   not on every first visit: Material requests it as the page loads, and the request is held
   until then. The French stemmer comes with it (Material's worker loads it with the index).
   Typed before it arrives: Material shows « Initialisation de la recherche » and runs the
   query once the index is ready. A page opened from a search result (?h=) loads it at once. */
(function () {
  var held = /[?&](?:h|q)=/.test(location.search) ? null : [];
  var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.i43SearchIndex = held !== null && /\/search\/search_index\.json$/.test(new URL(String(url), location.href).pathname);
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var xhr = this, args = arguments;
    if (xhr.i43SearchIndex && held !== null) {
      held.push(function () { send.apply(xhr, args); });
      return;
    }
    return send.apply(xhr, args);
  };
  function release() {
    if (held === null) return;
    var queue = held;
    held = null;
    queue.forEach(function (go) { go(); });
  }
  document.addEventListener("focusin", function (event) {
    if (event.target instanceof Element && event.target.matches("input.md-search__input")) release();
  }, true);
})();
