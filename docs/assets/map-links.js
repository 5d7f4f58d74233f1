/* Ingé 43 — the links on the maps (communes, territories) under Material's instant navigation.
 *
 * Each commune of a map is an SVG <a xlink:href> (keyboard-reachable, one per commune). Material
 * handles every click on the page by reading the clicked link's `href` as a string: an SVG link's
 * `href` is an object, `new URL()` throws on it and Material's navigation stops for good (every
 * later click froze). Here a click on a map link is handled before Material sees it (window,
 * capture phase) and replayed on a plain HTML link to the same address, which Material loads
 * the usual way (instant navigation, or a normal page load). */
(function () {
  if (window.i43MapLinks) return; // instant navigation may run this file again
  window.i43MapLinks = true;
  var XLINK = "http://www.w3.org/1999/xlink";
  window.addEventListener(
    "click",
    function (event) {
      var link = event.target instanceof Element ? event.target.closest("svg a") : null;
      if (!link) return;
      var href = link.getAttributeNS(XLINK, "href") || link.getAttribute("href");
      if (!href) return;
      event.stopPropagation(); // never reaches Material's handler
      /* New tab or window (Ctrl, Shift, Cmd, middle button): the browser follows the link itself. */
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey || event.button !== 0) return;
      event.preventDefault();
      var plain = document.createElement("a");
      plain.href = new URL(href, document.baseURI).href;
      plain.hidden = true;
      document.body.appendChild(plain);
      plain.click();
      plain.remove();
    },
    true
  );
})();
