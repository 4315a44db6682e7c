/* Loading what a timeline or a chart draws with: plotly.js and the data, each
 * once per page however many views ask; plotly.js's CSS kept across instant
 * navigation; and the hooks a host page (the embed) gives the timeline.
 * The second of the timeline's scripts (ARCHITECTURE.md, "The scripts").
 */
(function (scope) {
  "use strict";

  var ns = scope.policyTimeline = scope.policyTimeline || {};

  // What a host page changes: the embed (/embed/) sets window.policyTimelineHooks
  // before the timeline's scripts run (embed.js).
  function hooks() {
    return window.policyTimelineHooks || {};
  }

  var scripts = Object.create(null);

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

  // plotly.js, with the locale el names (ARCHITECTURE.md, "Words from the catalogue").
  // Either may run first: plotly.js registers a locale queued in window.PlotlyLocales.
  function loadPlotly(el) {
    var d = el.dataset, wait = [loadScript(new URL(d.plotly, location.href).href, "Plotly")];
    if (d.plotlyLocaleSrc) {
      wait.push(loadScript(new URL(d.plotlyLocaleSrc, location.href).href)
        .catch(function (error) { console.error("Policy Timeline:", error); }));
    }
    return Promise.all(wait).then(function (loaded) { return loaded[0]; });
  }

  function plotlyConfig(el, config) {
    var locale = el.dataset.plotlyLocale;
    return locale ? Object.assign({ locale: locale }, config) : config;
  }

  var datasets = Object.create(null);

  function loadData(url) {
    if (!datasets[url]) {
      datasets[url] = /\.js$/.test(url) ? loadDataScript(url) : fetchJson(url);
      datasets[url].catch(function () { delete datasets[url]; });
    }
    return datasets[url];
  }

  function fetchJson(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ": HTTP " + response.status);
      return response.json();
    });
  }

  // The embed's data comes as a script calling policyTimelineFigure(data):
  // a sandboxed iframe has an opaque origin, and fetch() would be cross-origin.
  function loadDataScript(url) {
    return new Promise(function (resolve, reject) {
      window.policyTimelineFigure = resolve;
      var script = document.createElement("script");
      script.src = url;
      script.onerror = function () { reject(new Error("could not load " + url)); };
      document.head.appendChild(script);
    });
  }

  // plotly.js puts its CSS (pointer events, hover) into one <style> in <head>,
  // once, when it loads. Instant navigation drops every <head> element the
  // next page does not have, and without that CSS the chart stops reacting to
  // the mouse: keep a copy and put it back.
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

  ns.load = {
    hooks: hooks, loadScript: loadScript, loadPlotly: loadPlotly, plotlyConfig: plotlyConfig,
    loadData: loadData, keepPlotlyCss: keepPlotlyCss
  };
})(window);
