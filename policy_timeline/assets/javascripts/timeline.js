/* Policy Timeline in the browser: brings every timeline view (.pt-view) to life,
 * and draws the analysis charts (.pt-chart). The last of the timeline's
 * scripts (ARCHITECTURE.md, "The scripts"); the others, in the order a page
 * loads them:
 *  - timeline-view.js     the view and its address; which events it shows (pure)
 *  - timeline-figure.js   the Plotly figure of a view, from the build's layout (pure)
 *  - timeline-load.js     loading plotly.js and the data; the host page's hooks
 *  - timeline-chart.js    one view in the page: its state, data, chart, list and address
 *  - timeline-zoom.js     its x range: zoom, pan, reset
 *  - timeline-card.js     its selection: the card, the keyboard
 *  - timeline-toolbar.js  its controls and buttons, and the downloads
 *
 * The embed (/embed/) sets window.policyTimelineHooks before these run:
 * its URL lives in the fragment, links open in a new tab, it posts its height.
 */
(function (scope) {
  "use strict";

  var ns = scope.policyTimeline;
  var V = ns.view, F = ns.figure, L = ns.load, Timeline = ns.Timeline;
  var loadData = L.loadData, loadScript = L.loadScript, keepPlotlyCss = L.keepPlotlyCss;
  var loadPlotly = L.loadPlotly, plotlyConfig = L.plotlyConfig;

  var views = [], charts = [];

  // --- the analysis charts ----------------------------------------------------------------

  function drawChart(el) {
    el.setAttribute("data-state", "loading");
    return Promise.all([
      loadPlotly(el),
      loadData(new URL(el.dataset.figure, location.href).href)
    ]).then(function (loaded) {
      var Plotly = loaded[0];
      keepPlotlyCss();
      var figure = JSON.parse(JSON.stringify(loaded[1].charts[el.dataset.chart]));
      var dark = document.body.getAttribute("data-md-color-scheme") === "slate";
      figure.layout.font = Object.assign({}, figure.layout.font,
                                         { color: dark ? "#e2e4e9" : "#1f2328" });
      figure.layout.xaxis = Object.assign({}, figure.layout.xaxis,
                                          { gridcolor: dark ? "#3b3f4a" : "#dde1e6" });
      el.textContent = "";
      var gd = document.createElement("div");
      gd.className = "pt-plot";
      el.appendChild(gd);
      return Plotly.newPlot(gd, figure.data, figure.layout, plotlyConfig(el, {
        responsive: true, displaylogo: false,
        modeBarButtonsToRemove: ["select2d", "lasso2d", "toImage"]
      })).then(function () {
        gd.on("plotly_click", function (event) {
          var point = event.points && event.points[0];
          var path = point && point.customdata && point.customdata[0];
          if (typeof path === "string") {
            var a = document.createElement("a");
            a.href = new URL(path, new URL(el.dataset.root, location.href)).href;
            a.hidden = true;
            document.body.appendChild(a);
            a.click();
            a.remove();
          }
        });
        charts.push(gd);
        el.setAttribute("data-state", "drawn");
      });
    }).catch(function (error) {
      el.setAttribute("data-state", "failed");
      console.error("Policy Timeline:", error);
    });
  }

  function purgeDetached() {
    views = views.filter(function (view) {
      if (document.body.contains(view.root)) return true;
      if (view.resizes) view.resizes.disconnect();
      window.removeEventListener("scroll", view.onScroll);
      window.removeEventListener("resize", view.onResize);
      if (view.gd && window.Plotly) window.Plotly.purge(view.gd);
      return false;
    });
    charts = charts.filter(function (gd) {
      if (document.body.contains(gd)) return true;
      if (window.Plotly) window.Plotly.purge(gd);
      return false;
    });
  }

  function start() {
    keepPlotlyCss();
    purgeDetached();
    var roots = document.querySelectorAll(".pt-view:not([data-bound])");
    Array.prototype.forEach.call(roots, function (root, n) {
      root.setAttribute("data-bound", "");
      // The first view of a page follows the URL; others keep their own state.
      views.push(new Timeline(root, n === 0 && !document.querySelector(".pt-view[data-primary]")));
      if (n === 0) root.setAttribute("data-primary", "");
    });
    var containers = document.querySelectorAll(
      ".pt-chart:not([data-state=drawn]):not([data-state=loading])");
    Array.prototype.forEach.call(containers, drawChart);
    var builders = document.querySelectorAll(".pt-builder");
    if (builders.length) {
      loadScript(new URL(builders[0].dataset.script, location.href).href, "policyTimelineBuilder")
        .then(function (startBuilder) { Array.prototype.forEach.call(builders, startBuilder); })
        .catch(function (error) { console.error("Policy Timeline:", error); });
    }
  }

  function followColourScheme() {
    new MutationObserver(function () {
      views.forEach(function (view) { if (view.data) view.draw(false); });
    }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  }

  // The page's views (the browser tests read them), and the names this object
  // had before the timeline's script was split, beside its modules.
  Object.assign(ns, {
    cleanView: V.cleanView, serialize: V.serialize, parseParams: V.parseParams,
    dateBound: V.dateBound, labelText: F.labelText, bands: F.bands, figureFor: F.figureFor,
    levelFor: F.levelFor, tickYears: F.tickYears, views: function () { return views.slice(); }
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    // This script comes after the content, so the page's views can start now;
    // document$ emits after DOMContentLoaded, then on every instant navigation.
    start();
    window.document$.subscribe(start);
    followColourScheme();
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})(window);
