/* /embed/: the view lives in the URL, links leave the iframe, the height
 * goes to the host page. Loaded before timeline.js, which calls these hooks.
 *
 * Parameters (query string or fragment, the fragment winning key by key):
 * lanes, tags (drop other events), kinds (the legend starts with only
 * these), from and to (the time range shown), event (selected and centred),
 * theme (light|dark). The reader's legend clicks and zooms are written back
 * into the fragment: in an iframe sandboxed without allow-same-origin the
 * document's origin is opaque, and the fragment is what it may change.
 */
(function () {
  "use strict";

  var HEIGHT_MESSAGE = "policy-timeline:height";
  var KEYS = ["lanes", "kinds", "tags", "from", "to", "event", "theme"];
  var CENTRED_SPAN_YEARS = 6;
  var DAY_MS = 86400000;

  function parse(text) {
    var out = {};
    new URLSearchParams(text.replace(/^[?#]/, "")).forEach(function (value, key) {
      if (KEYS.indexOf(key) >= 0) out[key] = value;
    });
    return out;
  }

  var fromQuery = parse(location.search);
  var state = Object.assign({}, fromQuery, parse(location.hash));

  document.documentElement.setAttribute("data-theme", state.theme === "dark" ? "dark" : "light");

  function writeUrl() {
    // A key the query string sets stays in the fragment even when cleared,
    // or reloading would bring the query's value back.
    var parts = [];
    KEYS.forEach(function (key) {
      if (state[key] || key in fromQuery) {
        parts.push(key + "=" + encodeURIComponent(state[key] || "").replace(/%2C/g, ","));
      }
    });
    var hash = "#" + parts.join("&");
    if (hash === location.hash || (hash === "#" && !location.hash)) return;
    try {
      history.replaceState(history.state, "", hash);
    } catch (refused) {
      location.replace(hash);
    }
  }

  function postHeight() {
    if (window.parent === window) return;
    var style = getComputedStyle(document.body);
    var height = Math.ceil(document.body.getBoundingClientRect().height +
      parseFloat(style.marginTop) + parseFloat(style.marginBottom));
    // The host matches the sender by event.source; "*" because a sandboxed
    // page cannot know (or be known by) its host's origin.
    window.parent.postMessage({ type: HEIGHT_MESSAGE, height: height }, "*");
  }

  function listItems() {
    return Array.prototype.slice.call(document.querySelectorAll(".pt-twin-list li"));
  }

  // The list under the chart shows what the chart shows.
  function filterList(gd, view) {
    var pt = window.policyTimeline;
    var visibleKinds = {};
    gd.data.forEach(function (t) {
      if (t.visible !== "legendonly") visibleKinds[t.legendgroup] = true;
    });
    var range = gd.layout.xaxis.autorange ? null : gd.layout.xaxis.range;
    var count = 0;
    listItems().forEach(function (li) {
      var d = li.dataset;
      var cd = [];
      cd[pt.CD_LANE] = d.lane;
      cd[pt.CD_TAGS] = d.tags;
      cd[pt.CD_FIRST] = d.first;
      cd[pt.CD_LAST] = d.last;
      var shown = pt.matches(cd, view) && visibleKinds[d.kind] &&
        (!range || (d.last >= String(range[0]).slice(0, 10) &&
                    d.first <= String(range[1]).slice(0, 10)));
      li.hidden = !shown;
      if (shown) count++;
    });
    var summary = document.querySelector(".pt-twin summary");
    if (summary) {
      summary.textContent = "The " + count + (count === 1 ? " event" : " events") +
        " in this view, as a list";
    }
  }

  function selectedPoint(figure) {
    if (!state.event) return null;
    var item = listItems().filter(function (li) { return li.dataset.id === state.event; })[0];
    if (!item) return null;
    item.classList.add("pt-selected");
    item.setAttribute("aria-current", "true");
    var href = item.querySelector("a").href;
    var root = new URL(document.querySelector(".pt-timeline").dataset.root, location.href);
    var CD_PATH = window.policyTimeline.CD_PATH;
    for (var t = 0; t < figure.data.length; t++) {
      var trace = figure.data[t];
      for (var i = 0; i < trace.customdata.length; i++) {
        if (new URL(trace.customdata[i][CD_PATH], root).href === href) return { trace: trace, i: i };
      }
    }
    return null;
  }

  function centre(layout, point) {
    var trace = point.trace, i = point.i;
    var start = Date.parse(trace.base ? trace.base[i] : trace.x[i]);
    var mid = trace.base ? start + trace.x[i] / 2 : start;
    var span = CENTRED_SPAN_YEARS * 365.25 * DAY_MS;
    if (layout.xaxis.range) {
      span = Date.parse(layout.xaxis.range[1]) - Date.parse(layout.xaxis.range[0]);
    }
    layout.xaxis.range = [new Date(mid - span / 2).toISOString().slice(0, 10),
                          new Date(mid + span / 2).toISOString().slice(0, 10)];
    layout.annotations = (layout.annotations || []).concat([{
      x: new Date(mid).toISOString().slice(0, 10), y: trace.y[i],
      text: trace.hovertext[i].split("<br>")[0],
      showarrow: true, arrowhead: 2, ax: 0, ay: -36, bgcolor: "rgba(255,255,255,0.85)",
      font: { color: "#1f2328" }
    }]);
  }

  window.policyTimelineHooks = {
    isDark: function () { return state.theme === "dark"; },

    view: function (el, view) {
      var pt = window.policyTimeline;
      return { lanes: pt.list(state.lanes), kinds: [], tags: pt.list(state.tags),
               from: null, to: null };
    },

    figure: function (el, figure) {
      var pt = window.policyTimeline;
      var kinds = pt.list(state.kinds);
      figure.data.forEach(function (trace) {
        if (kinds.length && kinds.indexOf(trace.legendgroup) < 0) trace.visible = "legendonly";
      });
      if (state.from || state.to) {
        var bounds = figure.data.reduce(function (acc, trace) {
          trace.customdata.forEach(function (cd) {
            var first = cd[pt.CD_FIRST], last = cd[pt.CD_LAST];
            acc[0] = !acc[0] || first < acc[0] ? first : acc[0];
            acc[1] = !acc[1] || last > acc[1] ? last : acc[1];
          });
          return acc;
        }, [null, null]);
        figure.layout.xaxis.range = [pt.firstDay(state.from) || bounds[0],
                                     pt.lastDay(state.to) || bounds[1]];
      }
      var point = selectedPoint(figure);
      if (point) centre(figure.layout, point);
      return figure;
    },

    drawn: function (el, gd, view) {
      filterList(gd, view);
      gd.on("plotly_restyle", function () {
        var all = true, kinds = [];
        gd.data.forEach(function (t) {
          if (t.visible === "legendonly") all = false;
          else if (kinds.indexOf(t.legendgroup) < 0) kinds.push(t.legendgroup);
        });
        state.kinds = all ? "" : kinds.join(",");
        writeUrl();
        filterList(gd, view);
      });
      gd.on("plotly_relayout", function (change) {
        // Only the reader's zoom and pan, not the resizes of a responsive plot.
        var zoomed = Object.keys(change).some(function (key) {
          return /^xaxis\.(range|autorange)/.test(key);
        });
        if (!zoomed) return;
        var axis = gd.layout.xaxis;
        state.from = axis.autorange ? "" : String(axis.range[0]).slice(0, 10);
        state.to = axis.autorange ? "" : String(axis.range[1]).slice(0, 10);
        writeUrl();
        filterList(gd, view);
      });
      postHeight();
    },

    openEvent: function (url) {
      // A new top-level tab: allowed by allow-popups, and unsandboxed by
      // allow-popups-to-escape-sandbox.
      window.open(url, "_blank", "noopener");
    }
  };

  window.addEventListener("load", postHeight);
  if (window.ResizeObserver) new ResizeObserver(postHeight).observe(document.body);
  else window.addEventListener("resize", postHeight);
})();
