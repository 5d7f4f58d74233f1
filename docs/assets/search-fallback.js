/*
 * Ingé 43 — the site search never ends on a bare « Aucun document trouvé ».
 *
 * When Material's search answers with no result, the fallback of overrides/main.html
 * (template #i43-search-fallback: Ingé 43 and its phone, the finder, the domains) is shown
 * under the search field, and hidden again as soon as there are results.
 */
(function () {
  "use strict";

  function setup() {
    var template = document.getElementById("i43-search-fallback");
    var meta = document.querySelector(".md-search-result__meta");
    var input = document.querySelector("input.md-search__input");
    if (!template || !meta || !input || meta.dataset.i43Fallback) return;
    meta.dataset.i43Fallback = "1";
    /* In the page only while shown: Material's arrow keys walk through every link of the results. */
    var box = template.content.firstElementChild.cloneNode(true);
    var none = "Aucun document trouvé";
    try {
      none = JSON.parse(document.getElementById("__config").textContent).translations["search.result.none"] || none;
    } catch (e) { /* keep the French default */ }

    /* Material writes « Aucun document trouvé » in the meta line exactly when nothing matched. */
    function update() {
      var show = input.value.trim() !== "" && meta.textContent.trim() === none;
      if (show && !box.parentNode) meta.parentNode.insertBefore(box, meta.nextSibling);
      else if (!show && box.parentNode) box.parentNode.removeChild(box);
    }
    new MutationObserver(update).observe(meta, { childList: true, characterData: true, subtree: true });
    input.addEventListener("input", update);
    update();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
