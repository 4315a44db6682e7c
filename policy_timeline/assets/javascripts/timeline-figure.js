/* The timeline drawn as a Plotly figure: from the layout the build computed
 * (timeline.json: every level's rows, labels and clusters, the first view's
 * axis), the figure of one view at one level. Nothing here places, stacks or
 * cuts: a view picks the events it shows and the rows they use. Mirrors plotly_figure.plotly_figure, which draws the same view
 * in Python; the SVG every page paints first comes from the same layout.
 *
 * Pure: no DOM, no Plotly (the figure is data). Needs timeline-view.js.
 */
(function (scope) {
  "use strict";

  var ns = scope.policyTimeline = scope.policyTimeline || {};
  var V = ns.view || (typeof require === "function" ? require("./timeline-view.js") : null);
  var DAY_MS = V.DAY_MS, dayMs = V.dayMs, isoDay = V.isoDay;

  // Day ordinals (Python's date.toordinal) to milliseconds since 1970.
  var ORDINAL_1970 = 719163;

  function ordinalMs(ordinal) {
    return (ordinal - ORDINAL_1970) * DAY_MS;
  }

  function plotlyText(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  // What a label shows of a title given `chars` characters (layout.label_text):
  // characters, not UTF-16 units, as Python counts them.
  function labelText(title, chars) {
    var all = Array.from(title);
    if (chars >= all.length) return title;
    return chars > 0 ? all.slice(0, chars).join("") + "\u2026" : "";
  }

  // Where a label is drawn (the layout's `side` per event and level, layout.Level.side):
  // right of a point or inside a period's bar from its start; left of a point or
  // before a bar's start; after a bar's end.
  var RIGHT = 0, LEFT = 1, AFTER = 2;

  // Where Plotly anchors a label and its textposition, for the side the build gave it:
  // mirrors figure_data.label_anchor (the shared vectors hold the two together).
  function labelAnchor(period, x, last, side) {
    var position = side === LEFT ? "middle left" : "middle right";
    if (period && side === AFTER) return [isoDay(dayMs(last) + DAY_MS), position];
    return [x, position];
  }

  // --- the layout, as the build computed it ------------------------------------------

  function levelFor(data, scale) {
    var k = 0;
    for (var i = 0; i < data.levels.length; i++) if (data.levels[i].scale <= scale) k = i;
    return k;
  }

  // Lane bands of a view: the rows its visible events use (each event's row is the
  // build's), empty ones closed up. Mirrors layout.rows_shown; the shared vectors
  // (tests/js/vectors/layout.json) hold the two together.
  function bands(data, level, visible, lanes) {
    var g = data.geometry;
    var used = data.lanes.map(function () { return Object.create(null); });
    for (var i = 0; i < visible.length; i++) {
      if (visible[i] && level.row[i] >= 0) used[data.events.lane[i]][level.row[i]] = true;
    }
    level.clusters.forEach(function (c) {
      if (c[4].some(function (m) { return visible[m]; })) used[c[0]][level.laneRows[c[0]] - 1] = true;
    });
    var out = [];
    var y = g.marginTopPx;
    lanes.forEach(function (lane) {
      var top = y;
      y += g.laneHeadPx;
      var rows = Object.keys(used[lane]).map(Number).sort(function (a, b) { return a - b; });
      var rowY = Object.create(null);
      rows.forEach(function (row) { rowY[row] = y + g.rowPx / 2; y += g.rowPx; });
      if (!rows.length) y += g.rowPx;
      y += g.laneGapPx;
      out.push({ lane: lane, top: top, rowY: rowY, bottom: y });
    });
    return { bands: out, height: y };
  }

  // --- the axis ---------------------------------------------------------------------

  // The years an axis over [first, after) labels at each step, finest first, each
  // with the least plot width at which its labels never touch: mirrors
  // layout.tick_choices. The build sends them for the first view (data.range.ticks);
  // only a range the view's address sets (from, to) needs them worked out here.
  function tickChoices(g, first, after) {
    var years = Math.max(1, (dayMs(after) - dayMs(first)) / DAY_MS / 365.25);
    var firstYear = Number(first.slice(0, 4)), lastYear = Number(after.slice(0, 4));
    return g.tickSteps.map(function (step) {
      var labelled = [];
      for (var year = firstYear - firstYear % step; year <= lastYear; year += step) {
        var iso = String(year).padStart(4, "0") + "-01-01";
        if (iso > first && iso < after) labelled.push(year);
      }
      return [g.tickLabelPx * years / step, labelled];
    });
  }

  // Of `choices`, the years a plot `plotPx` wide labels: the finest step it has
  // room for, else the coarsest (layout.ticks_at).
  function ticksAt(choices, plotPx) {
    for (var i = 0; i < choices.length; i++) {
      if (plotPx >= choices[i][0]) return choices[i][1].slice();
    }
    return choices[choices.length - 1][1].slice();
  }

  // The years labelled on the axis over [first, after): layout.tick_years.
  function tickYears(g, first, after, plotPx) {
    return ticksAt(tickChoices(g, first, after), plotPx);
  }

  // The years labelled on the axis of a view over `range`: the build's for its
  // first view, else worked out for the view's own range.
  function axisTicks(data, range, plotPx) {
    var d = data.range["default"];
    var choices = range[0] === d[0] && range[1] === d[1] && data.range.ticks
      ? data.range.ticks : tickChoices(data.geometry, range[0], range[1]);
    return ticksAt(choices, plotPx);
  }

  function rgba(hex, alpha) {
    var n = parseInt(hex.slice(1), 16);
    return "rgba(" + (n >> 16) + "," + ((n >> 8) & 255) + "," + (n & 255) + "," + alpha + ")";
  }

  // The "+N" badges' trace in a figure (after bars, bar labels and points).
  var BADGE_TRACE = 3;

  // The Plotly figure of a view: mirrors plotly_figure.plotly_figure.
  function figureFor(data, opts) {
    var g = data.geometry, ev = data.events, theme = opts.theme;
    var level = data.levels[opts.level];
    var geo = bands(data, level, opts.visible, opts.lanes);
    var rowY = Object.create(null);
    geo.bands.forEach(function (b) { rowY[b.lane] = b.rowY; });
    var colours = data.lanes.map(function (l) { return theme.dark ? l.colourDark : l.colour; });
    var points = [], periods = [];
    for (var i = 0; i < ev.id.length; i++) {
      if (opts.visible[i] && level.row[i] >= 0 && rowY[ev.lane[i]]) {
        (ev.period[i] ? periods : points).push(i);
      }
    }
    function y(i) { return rowY[ev.lane[i]][level.row[i]]; }
    function colour(i) { return colours[ev.lane[i]]; }
    function label(i) { return plotlyText(labelText(ev.title[i], level.label[i])); }
    var sides = level.side || [];
    function anchor(i) {
      return labelAnchor(ev.period[i], ev.period[i] ? ev.first[i] : ev.x[i], ev.last[i], sides[i] || RIGHT);
    }
    var barTrace = {
      type: "bar", orientation: "h", name: "periods", showlegend: false,
      base: periods.map(function (i) { return ev.first[i]; }),
      x: periods.map(function (i) { return dayMs(ev.last[i]) + DAY_MS - dayMs(ev.first[i]); }),
      y: periods.map(y), width: g.barPx, customdata: periods,
      hovertext: periods.map(function (i) { return ev.hover[i]; }), hoverinfo: "text",
      marker: {
        color: periods.map(function (i) { return rgba(colour(i), ev.target[i] ? 0 : g.barFillAlpha); }),
        line: { color: periods.map(colour), width: 1 }
      }
    };
    var barLabels = {
      type: "scatter", mode: "markers+text", name: "period labels", showlegend: false,
      x: periods.map(function (i) { return anchor(i)[0]; }), y: periods.map(y),
      text: periods.map(label), customdata: periods,
      textposition: periods.map(function (i) { return anchor(i)[1]; }),
      hoverinfo: "skip", marker: { size: (g.barLabelInsetPx - 1) * 0.8 * 2, opacity: 0 },
      cliponaxis: true
    };
    var pointTrace = {
      type: "scatter", mode: "markers+text", name: "events", showlegend: false,
      x: points.map(function (i) { return ev.x[i]; }), y: points.map(y),
      text: points.map(label), customdata: points,
      textposition: points.map(function (i) { return anchor(i)[1]; }),
      hovertext: points.map(function (i) { return ev.hover[i]; }), hoverinfo: "text",
      marker: {
        size: g.markerSize,
        symbol: points.map(function (i) {
          return data.kinds[ev.kind[i]].symbol + (ev.target[i] ? "-open" : "");
        }),
        color: points.map(colour),
        line: { width: points.map(function (i) { return ev.target[i] ? g.hollowLinePx : 0; }) }
      },
      cliponaxis: true
    };
    var shapes = [], annotations = [], clusters = [];
    geo.bands.forEach(function (band, n) {
      shapes.push({ type: "rect", layer: "below", xref: "paper", yref: "y", x0: 0, x1: 1,
                    y0: band.top, y1: band.bottom, line: { width: 0 },
                    fillcolor: n % 2 ? theme.bandAlt : theme.band });
      var head = band.top + g.laneHeadPx / 2;
      shapes.push({ type: "rect", xref: "paper", xsizemode: "pixel", xanchor: 0, x0: 4, x1: 14,
                    yref: "y", y0: head - 5, y1: head + 5, line: { width: 0 },
                    fillcolor: colours[band.lane] });
      annotations.push({ xref: "paper", x: 0, xanchor: "left", xshift: 18, yref: "y", y: head,
                         yanchor: "middle", showarrow: false,
                         text: "<b>" + plotlyText(data.lanes[band.lane].label) + "</b>",
                         font: { size: g.fontPx } });
    });
    // "+N" badges: a pill (figure_data.BADGE_PATH) under a text point, as the SVG draws them.
    // As Plotly annotations they took about 40% of a draw at 1,000 events, 60% at 5,000.
    var badges = { x: [], y: [], text: [], hovertext: [] };
    level.clusters.forEach(function (c) {
      var shown = c[4].filter(function (m) { return opts.visible[m]; });
      if (!shown.length || !rowY[c[0]]) return;
      var x = isoDay(ordinalMs(Math.floor(c[1]))), yc = rowY[c[0]][level.laneRows[c[0]] - 1];
      clusters.push(c);
      badges.x.push(x);
      badges.y.push(yc);
      badges.text.push("+" + shown.length);
      badges.hovertext.push(opts.say ? plotlyText(opts.say.plural("timeline.more", shown.length))
        : shown.length + (shown.length === 1 ? " more event: zoom in to see it"
          : " more events: zoom in to see them"));
      shapes.push({ type: "path", layer: "between", xref: "x", yref: "y", xsizemode: "pixel",
                    ysizemode: "pixel", xanchor: x, yanchor: yc, path: g.badgePath,
                    fillcolor: theme.badge, line: { color: theme.muted, width: 1 } });
    });
    var badgeTrace = {
      type: "scatter", mode: "markers+text", name: "clusters", showlegend: false,
      x: badges.x, y: badges.y, text: badges.text, textposition: "middle center",
      textfont: { size: 11 }, hovertext: badges.hovertext, hoverinfo: "text",
      marker: { size: g.badgePx, symbol: "square", opacity: 0 }, cliponaxis: true
    };
    var xaxis = { type: "date", range: opts.range.slice(), showgrid: true, gridcolor: theme.grid,
                  zeroline: false, showline: false, ticks: "", tickfont: { color: theme.muted } };
    if (opts.ticks) {
      xaxis.tickmode = "array";
      xaxis.tickvals = opts.ticks.map(function (t) { return String(t).padStart(4, "0") + "-01-01"; });
      xaxis.ticktext = opts.ticks.map(String);
    }
    return {
      data: [barTrace, barLabels, pointTrace, badgeTrace],
      clusters: clusters,
      height: geo.height,
      layout: {
        height: geo.height + g.axisPx,
        margin: { l: 0, r: 0, t: 0, b: g.axisPx, pad: 0 },
        font: { family: g.fontFamily, size: g.fontPx, color: theme.fg },
        hovermode: "closest", hoverdistance: 12,
        hoverlabel: { align: "left", bgcolor: theme.hover, font: { color: theme.fg } },
        barmode: "overlay", dragmode: opts.dragmode, showlegend: false,
        xaxis: xaxis,
        yaxis: { range: [geo.height, 0], fixedrange: true, visible: false },
        shapes: shapes, annotations: annotations,
        paper_bgcolor: "rgba(0,0,0,0)", plot_bgcolor: "rgba(0,0,0,0)"
      }
    };
  }

  ns.figure = {
    BADGE_TRACE: BADGE_TRACE, ordinalMs: ordinalMs, plotlyText: plotlyText,
    labelText: labelText, labelAnchor: labelAnchor, levelFor: levelFor, bands: bands, tickChoices: tickChoices,
    ticksAt: ticksAt, tickYears: tickYears, axisTicks: axisTicks, figureFor: figureFor
  };
  if (typeof module === "object" && module.exports) module.exports = ns.figure;
})(typeof window === "object" ? window : globalThis);
