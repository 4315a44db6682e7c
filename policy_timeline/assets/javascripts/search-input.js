/* The site search for text entered whole: mkdocs-material runs a query when a key
 * goes up in the search box, but an input method (Chinese, Japanese, a phone's
 * keyboard), dictation or a paste from the menu enters its text with an input
 * event only, and the search would wait for the next key. Such text is told to
 * the theme as a key that went up, once it is in the box: at the end of a
 * composition, or on an input event outside one. The theme runs a query only
 * when the text changed, so a key pressed as well runs none twice.
 *
 * Listens on the document, so it still works after instant navigation.
 */
(function () {
  "use strict";

  var QUERY = "[data-md-component=search-query]";

  function searchNow(event) {
    var box = event.target;
    if (!(box instanceof HTMLInputElement) || !box.matches(QUERY)) return;
    if (event.type === "input" && event.isComposing) return;
    box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
  }

  document.addEventListener("input", searchNow, true);
  document.addEventListener("compositionend", searchNow, true);
})();
