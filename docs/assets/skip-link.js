/* « Aller au contenu » (Material's skip link) for keyboard users.
 *
 * Material's instant navigation catches every link click on the page, the skip link too: it
 * fetches the same page again, swaps it in, and the keyboard focus falls back to <body>, so the
 * next Tab starts again from the top. Here the skip link is handled before Material sees it
 * (window, capture phase): the page stays, and the focus goes to the content's first heading. */
(function () {
  if (window.i43SkipLink) return; // instant navigation may run this file again
  window.i43SkipLink = true;
  window.addEventListener(
    "click",
    function (event) {
      var link = event.target instanceof Element ? event.target.closest("a.md-skip") : null;
      var target = link && link.hash ? document.getElementById(decodeURIComponent(link.hash.slice(1))) : null;
      if (!target) return;
      event.preventDefault();
      event.stopPropagation();
      if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      target.focus();
    },
    true
  );
})();
