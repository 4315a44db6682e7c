/* Policy Timeline loader: draws every .pt-timeline (and analysis .pt-chart)
 * on the page from the figure JSON generated at build time.
 *
 * plotly.js is injected only when a page has a timeline. On the site, the
 * loader follows mkdocs-material's instant navigation (document$): it draws
 * the timelines of each page view and purges those of the page it left.
 * The standalone embed (/embed/) has no material; embed.js sets
 * window.policyTimelineHooks before this file runs to take over the view
 * (URL state, popups, height messages).
 */
(function () {
  "use strict";

  // customdata columns, as macros/figure.py writes them.
  var CD_PATH = 0, CD_LANE = 1, CD_TAGS = 2, CD_FIRST = 3, CD_LAST = 4;
  // The legend entries' traces (no points), as macros/figure.py marks them.
  var LEGEND_META = "legend";
  var THEMES = {
    light: { font: "#1f2328", grid: "#dde1e6", hover: "#ffffff" },
    dark: { font: "#e2e4e9", grid: "#3b3f4a", hover: "#2e303e" }
  };

  var figures = {};
  var drawn = [];

  function hooks() {
    return window.policyTimelineHooks || {};
  }

  var scripts = {};

  function loadScript(src, global) {
    if (window[global]) return Promise.resolve(window[global]);
    if (!scripts[src]) {
      scripts[src] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = src;
        script.onload = function () { resolve(window[global]); };
        script.onerror = function () {
          delete scripts[src];
          reject(new Error("could not load " + src));
        };
        document.head.appendChild(script);
      });
    }
    return scripts[src];
  }

  function loadFigure(url) {
    if (!figures[url]) {
      figures[url] = /\.js$/.test(url) ? loadFigureScript(url) : fetchFigure(url);
      figures[url].catch(function () { delete figures[url]; });
    }
    return figures[url];
  }

  function fetchFigure(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ": HTTP " + response.status);
      return response.json();
    });
  }

  // The embed's figure comes as a script calling policyTimelineFigure(data):
  // a sandboxed iframe has an opaque origin, and fetch() would be cross-origin.
  function loadFigureScript(url) {
    return new Promise(function (resolve, reject) {
      window.policyTimelineFigure = resolve;
      var script = document.createElement("script");
      script.src = url;
      script.onerror = function () { reject(new Error("could not load " + url)); };
      document.head.appendChild(script);
    });
  }

  function list(value) {
    return (value || "").split(",").map(function (s) { return s.trim(); })
      .filter(function (s) { return s; });
  }

  // "2009" -> 2009-01-01 / 2009-12-31; "2017-07" -> 2017-07-01 / 2017-07-31.
  function firstDay(text) {
    if (!text) return null;
    var parts = String(text).split("-");
    return parts[0] + "-" + (parts[1] || "01") + "-" + (parts[2] || "01");
  }

  function lastDay(text) {
    if (!text) return null;
    var parts = String(text).split("-");
    if (parts[2]) return text;
    var month = parts[1] ? Number(parts[1]) : 12;
    var days = new Date(Date.UTC(Number(parts[0]), month, 0)).getUTCDate();
    return parts[0] + "-" + String(month).padStart(2, "0") + "-" + String(days).padStart(2, "0");
  }

  function nextDay(day) {
    var d = new Date(day + "T00:00:00Z");
    d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString().slice(0, 10);
  }

  function viewFromData(el) {
    var d = el.dataset;
    return {
      lanes: list(d.lanes), kinds: list(d.kinds), tags: list(d.tags),
      from: d.from || null, to: d.to || null
    };
  }

  function matches(cd, view) {
    var start = firstDay(view.from), end = lastDay(view.to);
    if (view.lanes.length && view.lanes.indexOf(cd[CD_LANE]) < 0) return false;
    if (view.tags.length) {
      var tags = cd[CD_TAGS].split(" ");
      if (!view.tags.some(function (t) { return tags.indexOf(t) >= 0; })) return false;
    }
    if (start && cd[CD_LAST] < start) return false;
    if (end && cd[CD_FIRST] > end) return false;
    return true;
  }

  /* The figure of a view: mirrors apply_filter in macros/figure.py. Points
   * that do not match go; the lanes left move together, in their order. */
  function filterFigure(figure, view) {
    var laneMeta = figure.layout.meta.lanes;
    var shown = laneMeta.filter(function (m) {
      return !view.lanes.length || view.lanes.indexOf(m.id) >= 0;
    });
    var oldRow = {}, newRow = {};
    laneMeta.forEach(function (m, i) { oldRow[m.id] = i; });
    shown.forEach(function (m, i) { newRow[m.id] = i; });
    var data = [], legend = [];
    figure.data.forEach(function (trace) {
      if (view.kinds.length && view.kinds.indexOf(trace.legendgroup) < 0) return;
      if (trace.meta === LEGEND_META) { legend.push(trace); return; }
      var kept = [];
      trace.customdata.forEach(function (cd, i) { if (matches(cd, view)) kept.push(i); });
      if (kept.length) data.push(takePoints(trace, kept, oldRow, newRow));
    });
    // A kind keeps its legend entry while any of its events is shown.
    var shownKinds = {};
    data.forEach(function (t) { shownKinds[t.legendgroup] = true; });
    legend.forEach(function (t) { if (shownKinds[t.legendgroup]) data.push(t); });
    var layout = JSON.parse(JSON.stringify(figure.layout));
    var n = shown.length;
    layout.height = layout.meta.baseHeight + layout.meta.rowHeight * n;
    layout.yaxis.tickvals = shown.map(function (m, i) { return i; });
    layout.yaxis.ticktext = shown.map(function (m) { return m.tick; });
    layout.yaxis.range = [n - 0.5, -0.5];
    layout.meta.lanes = shown;
    if (view.from && view.to) layout.xaxis.range = [firstDay(view.from), nextDay(lastDay(view.to))];
    return { data: data, layout: layout };
  }

  function takePoints(trace, kept, oldRow, newRow) {
    function pick(values) {
      return Array.isArray(values) ? kept.map(function (i) { return values[i]; }) : values;
    }
    var out = {};
    Object.keys(trace).forEach(function (key) {
      if (key !== "marker" && key !== "y") out[key] = pick(trace[key]);
    });
    out.y = kept.map(function (i) {
      var lane = trace.customdata[i][CD_LANE];
      return trace.y[i] - oldRow[lane] + newRow[lane];
    });
    out.marker = {};
    Object.keys(trace.marker).forEach(function (key) {
      var value = trace.marker[key];
      // marker.line.width and marker.pattern.shape are per-point arrays one level down.
      if (value && typeof value === "object" && !Array.isArray(value)) {
        out.marker[key] = {};
        Object.keys(value).forEach(function (k) { out.marker[key][k] = pick(value[k]); });
      } else {
        out.marker[key] = pick(value);
      }
    });
    return out;
  }

  function isDark() {
    if (hooks().isDark) return hooks().isDark();
    return document.body.getAttribute("data-md-color-scheme") === "slate";
  }

  function themeLayout(dark) {
    var theme = dark ? THEMES.dark : THEMES.light;
    return {
      "font.color": theme.font,
      "xaxis.gridcolor": theme.grid,
      "hoverlabel.bgcolor": theme.hover,
      "hoverlabel.font.color": theme.font
    };
  }

  function applyTheme(layout, dark) {
    var patch = themeLayout(dark);
    Object.keys(patch).forEach(function (path) {
      var keys = path.split("."), obj = layout;
      keys.slice(0, -1).forEach(function (k) { obj = obj[k] = obj[k] || {}; });
      obj[keys[keys.length - 1]] = patch[path];
    });
  }

  function openEvent(el, path) {
    var url = new URL(path, new URL(el.dataset.root, location.href)).href;
    if (hooks().openEvent) return hooks().openEvent(url);
    // A real anchor, so mkdocs-material's instant navigation handles it
    // like any other link (and the browser does when there is none).
    var a = document.createElement("a");
    a.href = url;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  function draw(el) {
    el.setAttribute("data-state", "loading");
    return Promise.all([
      loadScript(new URL(el.dataset.plotly, location.href).href, "Plotly"),
      loadFigure(new URL(el.dataset.figure, location.href).href)
    ]).then(function (loaded) {
      var Plotly = loaded[0];
      keepPlotlyCss();
      var isChart = el.classList.contains("pt-chart");
      var view = viewFromData(el);
      var figure;
      if (isChart) {
        // An analysis chart: one of the file's charts, drawn as built.
        figure = JSON.parse(JSON.stringify(loaded[1].charts[el.dataset.chart]));
      } else {
        if (hooks().view) view = hooks().view(el, view);
        figure = filterFigure(loaded[1], view);
        if (hooks().figure) figure = hooks().figure(el, figure, view);
      }
      applyTheme(figure.layout, isDark());
      el.textContent = "";
      var gd = document.createElement("div");
      gd.className = "pt-plot";
      el.appendChild(gd);
      return Plotly.newPlot(gd, figure.data, figure.layout, {
        responsive: true, displaylogo: false,
        modeBarButtonsToRemove: ["select2d", "lasso2d", "toImage"]
      }).then(function () {
        gd.on("plotly_click", function (event) {
          var point = event.points && event.points[0];
          if (point && point.customdata) openEvent(el, point.customdata[CD_PATH]);
        });
        drawn.push(gd);
        // With the chart drawn, the twin list folds away; it stays one click
        // (and one screen-reader command) away.
        var twin = el.parentNode && el.parentNode.querySelector(".pt-twin");
        if (twin) twin.removeAttribute("open");
        if (hooks().drawn && !isChart) hooks().drawn(el, gd, view);
        el.setAttribute("data-state", "drawn");
        return gd;
      });
    }).catch(function (error) {
      el.setAttribute("data-state", "failed");
      console.error("Policy Timeline:", error);
    });
  }

  // plotly.js puts its CSS (pointer events, hover, modebar) into one <style>
  // in <head>, once, when it loads. Instant navigation drops every <head>
  // element the next page does not have, and without that CSS the chart
  // stops reacting to the mouse: keep a copy and put it back.
  var PLOTLY_STYLE_ID = "plotly.js-style-global";
  var plotlyCss = null;

  function keepPlotlyCss() {
    var style = document.getElementById(PLOTLY_STYLE_ID);
    if (style && style.sheet) {
      plotlyCss = Array.prototype.map.call(style.sheet.cssRules, function (rule) {
        return rule.cssText;
      }).join("\n");
    } else if (!style && plotlyCss !== null) {
      style = document.createElement("style");
      style.id = PLOTLY_STYLE_ID;
      style.textContent = plotlyCss;
      document.head.appendChild(style);
    }
  }

  function purgeDetached() {
    drawn = drawn.filter(function (gd) {
      if (document.body.contains(gd)) return true;
      if (window.Plotly) window.Plotly.purge(gd);
      return false;
    });
  }

  function drawPlots() {
    keepPlotlyCss();
    purgeDetached();
    // Not those loading already: drawPlots may run before document$ emits.
    var containers = document.querySelectorAll(
      ".pt-timeline:not([data-state=drawn]):not([data-state=loading])," +
      ".pt-chart:not([data-state=drawn]):not([data-state=loading])");
    Array.prototype.forEach.call(containers, draw);
  }

  function drawAll() {
    drawPlots();
    var builders = document.querySelectorAll(".pt-builder");
    if (builders.length) {
      loadScript(new URL(builders[0].dataset.script, location.href).href, "policyTimelineBuilder")
        .then(function (start) { Array.prototype.forEach.call(builders, start); })
        .catch(function (error) { console.error("Policy Timeline:", error); });
    }
  }

  function followColourScheme() {
    new MutationObserver(function () {
      var patch = themeLayout(isDark());
      drawn.forEach(function (gd) { window.Plotly.relayout(gd, patch); });
    }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  }

  window.policyTimeline = {
    filterFigure: filterFigure, firstDay: firstDay, lastDay: lastDay, list: list,
    matches: matches, themeLayout: themeLayout,
    CD_PATH: CD_PATH, CD_LANE: CD_LANE, CD_TAGS: CD_TAGS, CD_FIRST: CD_FIRST, CD_LAST: CD_LAST
  };

  if (window.document$ && typeof window.document$.subscribe === "function") {
    // This script comes after the content, so the page's plots can start
    // now; document$ first emits only after DOMContentLoaded, and then on
    // every instant navigation.
    drawPlots();
    window.document$.subscribe(drawAll);
    followColourScheme();
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
