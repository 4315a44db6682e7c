/* /embed/: what the standalone page does differently from a timeline on the
 * site. Loaded before timeline.js, which calls these hooks.
 *
 * - The view lives in the fragment: in an iframe sandboxed without
 *   allow-same-origin the document's origin is opaque, and the fragment is
 *   what it may change. The query string is read too (timeline.js reads both,
 *   the fragment winning key by key); a key the query sets stays in the
 *   fragment even when cleared, or a reload would bring the query's value back.
 * - theme (light|dark) picks the colour scheme; without it the page follows the
 *   reader's (prefers-color-scheme), as it changes. filters (open|folded|hidden)
 *   says how the filters show. templates/embed.html reads both before the first
 *   paint (data-theme, data-filters on <html>); both stay in the address.
 * - Events open in a new tab, and the page posts its height to its host.
 */
(function () {
  "use strict";

  var params = function (text) {
    return new URLSearchParams(String(text || "").replace(/^[?#]/, ""));
  };
  var query = params(location.search);
  var hash = params(location.hash);
  // The embed's own keys, not the view's, and their values: kept in the address.
  var OWN = { theme: /^(light|dark)$/, filters: /^(open|folded|hidden)$/ };
  var own = {};
  Object.keys(OWN).forEach(function (key) {
    var value = hash.get(key) || query.get(key) || "";
    if (OWN[key].test(value)) own[key] = value;
  });
  var root = document.documentElement;
  var scheme = !own.theme && window.matchMedia && matchMedia("(prefers-color-scheme: dark)");

  function isDark() {
    return root.getAttribute("data-theme") === "dark";
  }

  // The reader's scheme changes (the system's dark mode at dusk): the page follows,
  // and a chart already drawn is drawn again in the new colours.
  if (scheme && scheme.addEventListener) {
    scheme.addEventListener("change", function () {
      root.setAttribute("data-theme", scheme.matches ? "dark" : "light");
      var ns = window.policyTimeline;
      var views = ns && ns.views ? ns.views() : [];
      views.forEach(function (view) { if (view.data) view.draw(false); });
    });
  }

  function heightMessage() {
    var view = document.querySelector(".pt-view");
    return view && view.getAttribute("data-height-message");
  }

  function postHeight() {
    var type = heightMessage();
    if (window.parent === window || !type) return;
    var style = getComputedStyle(document.body);
    var height = Math.ceil(document.body.getBoundingClientRect().height +
      parseFloat(style.marginTop) + parseFloat(style.marginBottom));
    // The host matches the sender by event.source; "*" because a sandboxed
    // page cannot know (or be known by) its host's origin.
    window.parent.postMessage({ type: type, height: height }, "*");
  }

  window.policyTimelineHooks = {
    isDark: isDark,

    writeUrl: function (serialized) {
      var now = params(serialized);
      query.forEach(function (value, key) {
        if (!OWN[key] && !now.has(key)) now.set(key, "");
      });
      Object.keys(own).forEach(function (key) { now.set(key, own[key]); });
      var hash = "#" + now.toString().replace(/%2C/g, ",");
      if (hash === location.hash || (hash === "#" && !location.hash)) return;
      try {
        history.replaceState(history.state, "", hash);
      } catch (refused) {
        location.replace(hash);
      }
    },

    openEvent: function (url) {
      // A new top-level tab: allowed by allow-popups, and unsandboxed by
      // allow-popups-to-escape-sandbox.
      window.open(url, "_blank", "noopener");
    },

    drawn: postHeight
  };

  window.addEventListener("load", postHeight);
  if (window.ResizeObserver) new ResizeObserver(postHeight).observe(document.body);
  else window.addEventListener("resize", postHeight);
})();
