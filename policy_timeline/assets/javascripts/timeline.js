/* Policy Timeline in the browser: brings every timeline view (.pt-view) to life,
 * and draws the analysis charts (.pt-chart).
 *
 * A view arrives as finished HTML: the build-time SVG of the timeline, the
 * controls, the legend, an empty card and the list of its events. This file
 *  - reads the view from the URL (query or fragment) and writes it back into
 *    the fragment;
 *  - loads the timeline's data (timeline.json) and plotly.js only when the
 *    reader starts to interact (pointer over the chart, focus, a control) or
 *    when the browser is idle, then draws the same layout with Plotly in the
 *    SVG's place, at the same height;
 *  - filters, zooms (Ctrl/⌘ + wheel, or the wheel once the chart was clicked;
 *    pinch on touch screens; + and −), selects an event (a click, the arrow
 *    keys) and shows it in the card, with previous and next.
 * What is drawn where comes from the build (macros/layout.py): this file picks
 * the level of the layout that fits the zoom, and mirrors figure.plotly_figure
 * (figureFor) and layout.rows_shown (bands) to draw it.
 *
 * The embed (/embed/) sets window.policyTimelineHooks before this file runs:
 * its URL lives in the fragment, links open in a new tab, it posts its height.
 */
(function () {
  "use strict";

  var ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
  var KEYS = ["lanes", "kinds", "tags", "from", "to", "q", "event"];
  var DAY_MS = 86400000;
  var Q_MAX = 200;
  var MAX_ZOOM_DAYS = 20;        // the narrowest range a zoom goes to

  function hooks() {
    return window.policyTimelineHooks || {};
  }

  // --- small helpers -------------------------------------------------------------

  // Maps without a prototype: a vocabulary id such as "constructor" is a key like any other.
  function setOf(values) {
    var out = Object.create(null);
    values.forEach(function (v) { out[v] = true; });
    return out;
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

  function list(value) {
    return String(value || "").split(",").map(function (s) { return s.trim(); })
      .filter(function (s) { return s; });
  }

  function dayMs(iso) {
    return Date.parse(iso.length === 10 ? iso + "T00:00:00Z" : iso);
  }

  function isoDay(ms) {
    return new Date(ms).toISOString().slice(0, 10);
  }

  // A URL date ("2009", "2017-07", "2017-07-20") as its first or last day, or
  // null when it is not a date on the calendar within years 1 to 9999.
  function dateBound(text, last) {
    var m = DATE.exec(String(text || ""));
    if (!m) return null;
    var year = Number(m[1]);
    if (year < 1) return null;
    var month = m[2] ? Number(m[2]) : (last ? 12 : 1);
    if (month < 1 || month > 12) return null;
    var end = new Date(0);
    end.setUTCFullYear(year, month, 0);        // day 0 of the next month: this one's last
    var days = end.getUTCDate();
    var day = m[3] ? Number(m[3]) : (last ? days : 1);
    if (day < 1 || day > days) return null;
    return m[1] + "-" + String(month).padStart(2, "0") + "-" + String(day).padStart(2, "0");
  }

  // --- loading -------------------------------------------------------------------

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

  // --- the view in the URL ---------------------------------------------------------

  function parseParams(text) {
    var out = Object.create(null);
    new URLSearchParams(String(text || "").replace(/^[?#]/, "")).forEach(function (value, key) {
      if (KEYS.indexOf(key) >= 0) out[key] = value;
    });
    return out;
  }

  // Only what can be a view gets in: ids of the vocabulary, dates on the
  // calendar, a short search, an event that exists. Anything else is ignored
  // and the view falls back to its default for that key.
  function cleanView(raw, data) {
    var view = { lanes: [], kinds: [], tags: [], from: "", to: "", q: "", event: "" };
    ["lanes", "kinds", "tags"].forEach(function (key) {
      if (!(key in raw)) return;
      var known = data ? setOf(data[key].map(function (t) { return t.id; })) : null;
      view[key] = list(raw[key]).filter(function (id) {
        return ID.test(id) && (!known || known[id] === true);
      });
    });
    var from = "from" in raw ? dateBound(raw.from, false) : null;
    var to = "to" in raw ? dateBound(raw.to, true) : null;
    if (from && to && from > to) from = to = null;
    if (from) view.from = String(raw.from);
    if (to) view.to = String(raw.to);
    if (typeof raw.q === "string") view.q = raw.q.slice(0, Q_MAX);
    if (typeof raw.event === "string" && ID.test(raw.event)) view.event = raw.event;
    return view;
  }

  function serialize(view) {
    var parts = [];
    KEYS.forEach(function (key) {
      var value = Array.isArray(view[key]) ? view[key].join(",") : view[key];
      if (value) parts.push(key + "=" + encodeURIComponent(value).replace(/%2C/g, ","));
    });
    return parts.join("&");
  }

  // --- the layout, as the build computed it ------------------------------------------

  function levelFor(data, scale) {
    var k = 0;
    for (var i = 0; i < data.levels.length; i++) if (data.levels[i].scale <= scale) k = i;
    return k;
  }

  // Lane bands of a view: mirrors layout.rows_shown.
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

  // The years labelled on the axis at first: mirrors layout.tick_years.
  function tickYears(g, first, after, plotPx) {
    var years = Math.max(1, (dayMs(after) - dayMs(first)) / DAY_MS / 365.25);
    var step = g.tickSteps[g.tickSteps.length - 1];
    for (var s = 0; s < g.tickSteps.length; s++) {
      if (plotPx * g.tickSteps[s] / years >= g.tickLabelPx) { step = g.tickSteps[s]; break; }
    }
    var firstYear = Number(first.slice(0, 4)), lastYear = Number(after.slice(0, 4));
    var out = [];
    for (var year = firstYear - firstYear % step; year <= lastYear; year += step) {
      var iso = String(year).padStart(4, "0") + "-01-01";
      if (iso > first && iso < after) out.push(year);
    }
    return out;
  }

  function rgba(hex, alpha) {
    var n = parseInt(hex.slice(1), 16);
    return "rgba(" + (n >> 16) + "," + ((n >> 8) & 255) + "," + (n & 255) + "," + alpha + ")";
  }

  // The "+N" badges' trace in a figure (after bars, bar labels and points).
  var BADGE_TRACE = 3;

  // The Plotly figure of a view: mirrors figure.plotly_figure.
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
      x: periods.map(function (i) { return ev.first[i]; }), y: periods.map(y),
      text: periods.map(label), textposition: "middle right", customdata: periods,
      hoverinfo: "skip", marker: { size: (g.barLabelInsetPx - 1) * 0.8 * 2, opacity: 0 },
      cliponaxis: true
    };
    var pointTrace = {
      type: "scatter", mode: "markers+text", name: "events", showlegend: false,
      x: points.map(function (i) { return ev.x[i]; }), y: points.map(y),
      text: points.map(label), textposition: "middle right", customdata: points,
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
    // "+N" badges: a pill (figure.BADGE_PATH) under a text point, as the SVG draws them.
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
      badges.hovertext.push(shown.length + " more events: zoom in to see them");
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

  // Day ordinals (Python's date.toordinal) to milliseconds since 1970.
  var ORDINAL_1970 = 719163;

  function ordinalMs(ordinal) {
    return (ordinal - ORDINAL_1970) * DAY_MS;
  }

  // --- one timeline view ---------------------------------------------------------------

  var views = [];

  function Timeline(root, primary) {
    this.root = root;
    this.primary = primary;
    this.stage = root.querySelector(".pt-stage");
    this.form = root.querySelector(".pt-controls");
    this.data = null;
    this.gd = null;
    this.selected = -1;
    this.level = -1;
    this.range = null;          // [from, to) the chart shows, ISO days
    this.userRange = false;     // set by the reader (zoom, pan, years), not the default
    this.active = false;        // wheel zooms once the reader clicked into the chart
    this.hydrating = null;
    var d = root.dataset;
    // The view the page was built with: what Reset returns to.
    this.base = cleanView({ lanes: d.lanes || "", kinds: d.kinds || "", tags: d.tags || "",
                            from: d.from || "", to: d.to || "", q: d.q || "" }, null);
    var fromUrl = primary ? Object.assign(parseParams(location.search), parseParams(location.hash))
                          : Object.create(null);
    this.urlRaw = fromUrl;
    this.state = cleanView(Object.assign({}, this.base, fromUrl), null);
    this.fillControls();
    this.wire();
    var changed = serialize(this.state) !== serialize(this.base);
    if (changed) this.hydrate();
    else this.hydrateWhenIdle();
  }

  Timeline.prototype.themeColours = function () {
    var style = getComputedStyle(this.root);
    function v(name) { return style.getPropertyValue(name).trim(); }
    var dark = hooks().isDark ? hooks().isDark()
      : document.body.getAttribute("data-md-color-scheme") === "slate";
    return { dark: dark, fg: v("--pt-fg"), muted: v("--pt-muted"), grid: v("--pt-grid"),
             band: v("--pt-band"), bandAlt: v("--pt-band-alt"), badge: v("--pt-surface"),
             hover: v("--pt-surface"), accent: v("--pt-accent") };
  };

  // --- loading on interaction or when idle ---

  Timeline.prototype.hydrateWhenIdle = function () {
    var self = this;
    var start = function () { self.hydrate(); };
    ["pointerenter", "focusin", "touchstart"].forEach(function (type) {
      self.stage.addEventListener(type, start, { once: true, passive: true });
    });
    var whenIdle = function () {
      if (window.requestIdleCallback) window.requestIdleCallback(start, { timeout: 4000 });
      else setTimeout(start, 1500);
    };
    if (document.readyState === "complete") whenIdle();
    else window.addEventListener("load", whenIdle, { once: true });
  };

  Timeline.prototype.hydrate = function () {
    var self = this;
    if (this.hydrating) return this.hydrating;
    var d = this.root.dataset;
    this.root.setAttribute("data-state", "loading");
    this.hydrating = Promise.all([
      loadData(new URL(d.figure, location.href).href),
      loadScript(new URL(d.plotly, location.href).href, "Plotly")
    ]).then(function (loaded) {
      self.data = loaded[0];
      self.Plotly = loaded[1];
      keepPlotlyCss();
      // Ids the vocabulary does not have are dropped now that it is known.
      self.state = cleanView(Object.assign({}, self.state, {
        lanes: self.state.lanes.join(","), kinds: self.state.kinds.join(","),
        tags: self.state.tags.join(",")
      }), self.data);
      self.index = Object.create(null);
      self.data.events.id.forEach(function (id, i) { self.index[id] = i; });
      self.fillControls();
      return self.draw(true);
    }).then(function () {
      if (self.state.event && self.index[self.state.event] !== undefined) {
        self.select(self.index[self.state.event], { announce: false });
      }
      self.root.setAttribute("data-state", "interactive");
    }).catch(function (error) {
      self.root.setAttribute("data-state", "failed");
      self.hydrating = null;
      console.error("Policy Timeline:", error);
    });
    return this.hydrating;
  };

  // --- what the view shows ---

  Timeline.prototype.masks = function () {
    var ev = this.data.events, s = this.state;
    var lanes = s.lanes.length ? setOf(s.lanes) : null;
    var kinds = s.kinds.length ? setOf(s.kinds) : null;
    var tags = s.tags.length ? setOf(s.tags) : null;
    var words = s.q.toLocaleLowerCase().split(/\s+/).filter(Boolean);
    var from = s.from ? dateBound(s.from, false) : null;
    var to = s.to ? dateBound(s.to, true) : null;
    var laneIds = this.data.lanes.map(function (l) { return l.id; });
    var kindIds = this.data.kinds.map(function (k) { return k.id; });
    var tagIds = this.data.tags.map(function (t) { return t.id; });
    var visible = [], listed = [];
    for (var i = 0; i < ev.id.length; i++) {
      var show = (!lanes || lanes[laneIds[ev.lane[i]]] === true) &&
        (!kinds || kinds[kindIds[ev.kind[i]]] === true) &&
        (!tags || ev.tags[i].some(function (t) { return tags[tagIds[t]] === true; }));
      if (show && words.length) {
        var text = (ev.title[i] + " " + ev.titleZh[i] + " " + ev.summary[i]).toLocaleLowerCase();
        show = words.every(function (w) { return text.indexOf(w) >= 0; });
      }
      visible.push(show);
      listed.push(show && (!from || ev.last[i] >= from) && (!to || ev.first[i] <= to));
    }
    return { visible: visible, listed: listed };
  };

  Timeline.prototype.laneIndexes = function () {
    var s = this.state, all = this.data.lanes.map(function (_, i) { return i; });
    if (!s.lanes.length) return all;
    var chosen = setOf(s.lanes);
    return all.filter(function (i) { return chosen[this.data.lanes[i].id] === true; }, this);
  };

  Timeline.prototype.defaultRange = function () {
    var s = this.state;
    if (s.from || s.to) {
      var from = s.from ? dateBound(s.from, false) : this.data.range.full[0];
      var to = s.to ? isoDay(dayMs(dateBound(s.to, true)) + DAY_MS) : this.data.range.full[1];
      return [from, to];
    }
    return this.data.range["default"].slice();
  };

  Timeline.prototype.plotPx = function () {
    return Math.max(1, this.stage.clientWidth);
  };

  // --- drawing ---

  Timeline.prototype.draw = function (first) {
    var self = this;
    var masks = this.masks();
    this.masksNow = masks;
    if (!this.range || !this.userRange) this.range = this.defaultRange();
    var ticks = null;
    if (first) {
      // The chart takes the SVG's place with the SVG's level and ticks: nothing moves.
      var svg = Array.prototype.filter.call(this.root.querySelectorAll(".pt-svg"), function (el) {
        return getComputedStyle(el).display !== "none";
      })[0];
      var isDefault = serialize(this.state) === serialize(this.base) && !this.userRange &&
        !this.state.from && !this.state.to;
      if (svg && isDefault) {
        this.level = Number(svg.getAttribute("data-level"));
        ticks = tickYears(this.data.geometry, this.range[0], this.range[1],
                          Number(svg.getAttribute("data-plot-px")));
      }
    }
    if (ticks === null) {
      this.level = levelFor(this.data, this.plotPx() / ((dayMs(this.range[1]) - dayMs(this.range[0])) / DAY_MS));
      if (!this.userRange) {
        ticks = tickYears(this.data.geometry, this.range[0], this.range[1], this.plotPx());
      }
    }
    var fig = figureFor(this.data, {
      level: this.level, visible: masks.visible, lanes: this.laneIndexes(),
      theme: this.themeColours(), range: this.range, ticks: ticks,
      dragmode: matchMedia("(pointer: coarse)").matches ? false : "pan"
    });
    this.figure = fig;
    this.addSelection(fig);
    var Plotly = this.Plotly;
    if (!this.gd) {
      this.gd = document.createElement("div");
      this.gd.className = "pt-plot";
      this.stage.appendChild(this.gd);
    }
    this.drawing = true;
    return Plotly.react(this.gd, fig.data, fig.layout, {
      responsive: true, displayModeBar: false, scrollZoom: false, doubleClick: false,
      showTips: false
    }).then(function (gd) {
      self.drawing = false;
      if (!self.wiredPlot) self.wirePlot();
      self.afterChange();
      if (hooks().drawn) hooks().drawn(self);
      return gd;
    });
  };

  Timeline.prototype.addSelection = function (fig) {
    var i = this.selected;
    if (i < 0) return;
    var ev = this.data.events, y = this.rowY(i);
    if (y === null) return;
    var accent = this.themeColours().accent;
    if (ev.period[i]) {
      fig.layout.shapes.push({ type: "rect", xref: "x", yref: "y", x0: ev.first[i],
        x1: isoDay(dayMs(ev.last[i]) + DAY_MS), y0: y - this.data.geometry.barPx / 2 - 3,
        y1: y + this.data.geometry.barPx / 2 + 3, line: { color: accent, width: 2.5 } });
    } else {
      fig.layout.shapes.push({ type: "circle", xref: "x", yref: "y", xsizemode: "pixel",
        ysizemode: "pixel", xanchor: ev.x[i], yanchor: y, x0: -11, x1: 11, y0: -11, y1: 11,
        line: { color: accent, width: 2.5 } });
    }
  };

  // The y of event i's row in the chart (px from its top), or null where it is not drawn.
  Timeline.prototype.rowY = function (i) {
    var ev = this.data.events, level = this.data.levels[this.level];
    var geo = bands(this.data, level, this.masksNow.visible, this.laneIndexes());
    var band = geo.bands.filter(function (b) { return b.lane === ev.lane[i]; })[0];
    if (!band || level.row[i] < 0 || !this.masksNow.visible[i]) return null;
    return band.rowY[level.row[i]];
  };

  // A tall chart is taller than the screen, and the card holds the bottom of it:
  // the page scrolls so that the reader's selection is between the site's header
  // and the card, not under either. Scrolling up brings the theme's "Back to top"
  // button under the header (laid out even while hidden): the selection clears it too.
  Timeline.prototype.keepInSight = function (i) {
    if (!this.gd || !this.data) return;
    var y = this.rowY(i);
    if (y === null) return;
    var at = this.gd.getBoundingClientRect().top + y, margin = 32;
    var header = document.querySelector(".md-header");
    var top = header ? Math.max(0, header.getBoundingClientRect().bottom) : 0;
    var back = document.querySelector(".md-top");
    var backBottom = back ? back.getBoundingClientRect().bottom : 0;
    if (back && !back.hidden) top = Math.max(top, backBottom);
    var card = this.root.querySelector(".pt-card");
    var bottom = card && !card.hidden ? card.getBoundingClientRect().top : window.innerHeight;
    bottom = Math.min(bottom, window.innerHeight);
    if (at > bottom - margin) window.scrollBy(0, at - (bottom - margin));
    else if (at < top + margin) window.scrollBy(0, at - (Math.max(top, backBottom) + margin));
  };

  // After the chart, the list, the count, the URL and the card agree with the state.
  Timeline.prototype.afterChange = function () {
    var masks = this.masksNow, ev = this.data.events, self = this;
    var count = masks.listed.filter(Boolean).length;
    var countEl = this.root.querySelector(".pt-count");
    if (countEl) countEl.textContent = "Showing " + count + " of " + ev.id.length + " events";
    var items = this.root.querySelectorAll(".pt-twin-list li");
    Array.prototype.forEach.call(items, function (li) {
      var i = self.index[li.getAttribute("data-id")];
      li.hidden = i === undefined || !masks.listed[i];
      var on = i === self.selected;
      li.classList.toggle("pt-selected", on);
      if (on) li.setAttribute("aria-current", "true"); else li.removeAttribute("aria-current");
    });
    var summary = this.root.querySelector(".pt-twin summary");
    if (summary) {
      summary.textContent = "The " + count + (count === 1 ? " event" : " events") +
        " of this view, as a list";
    }
    var active = 0, s = this.state;
    ["lanes", "kinds", "tags"].forEach(function (k) { if (s[k].length) active++; });
    if (s.q) active++;
    if (s.from || s.to) active++;
    var badge = this.root.querySelector(".pt-active-count");
    if (badge) badge.textContent = active ? "(" + active + " on)" : "";
    var tagCount = this.root.querySelector(".pt-tag-count");
    if (tagCount) tagCount.textContent = s.tags.length ? "(" + s.tags.length + ")" : "";
    this.writeUrl();
  };

  Timeline.prototype.viewForUrl = function () {
    var s = this.state, out = Object.assign({}, s);
    if (this.selected >= 0) out.event = this.data.events.id[this.selected];
    else out.event = "";
    return out;
  };

  Timeline.prototype.writeUrl = function () {
    var query = serialize(this.viewForUrl());
    var link = this.root.querySelector(".pt-embed-link a");
    if (link) {
      var embedView = Object.assign({}, this.viewForUrl());
      // In the fragment: the builder is a page of the site, whose search opens for a ?q=.
      link.href = this.root.dataset.builder + (serialize(embedView) ? "#" + serialize(embedView) : "");
    }
    // A view the reader navigated away from (instant navigation) has no say.
    if (!this.primary || !document.body.contains(this.root)) return;
    var h = hooks();
    if (h.writeUrl) return h.writeUrl(query);
    // The fragment, not the query: mkdocs-material opens its search for a ?q=
    // (and the embed, sandboxed, may change nothing but its fragment). A view
    // given in the query moves there.
    var url = location.pathname + (query ? "#" + query : "");
    if (url === location.pathname + location.search + location.hash) return;
    try { history.replaceState(history.state, "", url); } catch (refused) { /* file:// */ }
  };

  // --- controls ---

  Timeline.prototype.fillControls = function () {
    var form = this.form, s = this.state;
    if (!form) return;
    ["lanes", "kinds"].forEach(function (name) {
      var chosen = setOf(s[name]);
      form.querySelectorAll("input[name=" + name + "]").forEach(function (box) {
        box.checked = !s[name].length || chosen[box.value] === true;
      });
    });
    var tags = setOf(s.tags);
    form.querySelectorAll("input[name=tags]").forEach(function (box) {
      box.checked = tags[box.value] === true;
    });
    form.elements.q.value = s.q;
    form.elements.from.value = s.from ? s.from.slice(0, 4) : "";
    form.elements.to.value = s.to ? s.to.slice(0, 4) : "";
  };

  Timeline.prototype.readControls = function () {
    var form = this.form, s = this.state;
    ["lanes", "kinds"].forEach(function (name) {
      var boxes = Array.prototype.slice.call(form.querySelectorAll("input[name=" + name + "]"));
      var on = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
      s[name] = on.length === boxes.length ? [] : on;
    });
    s.tags = Array.prototype.slice.call(form.querySelectorAll("input[name=tags]:checked"))
      .map(function (b) { return b.value; });
    s.q = form.elements.q.value.slice(0, Q_MAX);
  };

  Timeline.prototype.readYears = function () {
    var form = this.form, s = this.state;
    var from = form.elements.from.value.trim(), to = form.elements.to.value.trim();
    s.from = /^\d{4}$/.test(from) ? from : "";
    s.to = /^\d{4}$/.test(to) ? to : "";
    if (s.from && s.to && s.from > s.to) { var t = s.from; s.from = s.to; s.to = t; }
    this.userRange = false;
    this.range = null;
  };

  // A filter changed. When nothing it shows is in the range the reader is
  // looking at, the range moves to what it shows: no view is a dead end.
  Timeline.prototype.change = function () {
    var self = this;
    this.hydrate().then(function () {
      if (!self.data) return;
      var masks = self.masks();
      if (self.selected >= 0 && !masks.visible[self.selected]) {
        self.selected = -1;
        self.showCard();
      }
      var inView = masks.listed.some(Boolean), shown = masks.visible.some(Boolean);
      if (!inView && shown && self.userRange) return self.fit(masks.visible);
      return self.draw(false);
    });
  };

  Timeline.prototype.fit = function (visible) {
    var ev = this.data.events, a = Infinity, b = -Infinity;
    visible.forEach(function (show, i) {
      if (!show) return;
      a = Math.min(a, dayMs(ev.first[i]));
      b = Math.max(b, dayMs(ev.last[i]) + DAY_MS);
    });
    var pad = Math.max(30 * DAY_MS, (b - a) * 0.05);
    return this.setRange([isoDay(a - pad), isoDay(b + pad)], true);
  };

  Timeline.prototype.wire = function () {
    var self = this, root = this.root;
    if (this.form) {
      var timer = null;
      this.form.addEventListener("input", function (event) {
        var name = event.target.name;
        if (name === "from" || name === "to") return;     // on change, once typed
        self.readControls();
        clearTimeout(timer);
        timer = setTimeout(function () { self.change(); }, name === "q" ? 200 : 0);
      });
      this.form.addEventListener("change", function (event) {
        var name = event.target.name;
        if (name === "from" || name === "to") { self.readYears(); self.change(); }
      });
      this.form.addEventListener("submit", function (event) { event.preventDefault(); });
      this.form.addEventListener("reset", function (event) {
        event.preventDefault();
        self.state = Object.assign({}, self.base, { event: "" });
        self.selected = -1;
        self.userRange = false;
        self.range = null;
        self.fillControls();
        self.showCard();
        self.change();
      });
    }
    // Phones: the controls fold into the "Filters" button.
    var filters = root.querySelector(".pt-filters");
    if (filters && root.clientWidth < 600) filters.open = false;
    root.addEventListener("click", function (event) {
      var button = event.target.closest("[data-action]");
      if (button && root.contains(button)) self.action(button.getAttribute("data-action"));
    });
    // The SVG's links select before the chart is there; the chart's clicks do the rest.
    this.stage.addEventListener("click", function (event) {
      var link = event.target.closest("a[data-i]");
      if (!link) return;
      // Not to mkdocs-material's instant navigation either: it reads link.href,
      // which an SVG link has only as an SVGAnimatedString.
      event.preventDefault();
      event.stopPropagation();
      var i = Number(link.getAttribute("data-i"));
      self.hydrate().then(function () { self.clickEvent(i); });
    });
    this.stage.addEventListener("keydown", function (event) { self.key(event); });
    this.stage.addEventListener("pointerdown", function () { self.active = true; });
    this.stage.addEventListener("pointerleave", function () { self.active = false; });
    this.stage.addEventListener("focusout", function () { self.active = false; });
    this.stage.addEventListener("wheel", function (event) { self.wheel(event); }, { passive: false });
    this.wireTouch();
    var link = root.querySelector(".pt-card-link");
    if (link) {
      link.addEventListener("click", function (event) {
        if (self.selected < 0) return;
        event.preventDefault();
        self.open(self.selected);
      });
    }
  };

  Timeline.prototype.action = function (name) {
    var self = this;
    if (name === "prev") return this.step(-1);
    if (name === "next") return this.step(1);
    if (name === "close") return this.select(-1);
    this.hydrate().then(function () {
      if (!self.data) return;
      if (name === "zoom-in") self.zoom(0.5);
      else if (name === "zoom-out") self.zoom(2);
      else if (name === "reset") self.resetRange();
      else if (name === "all") self.setRange(self.data.range.full.slice(), true);
      else if (name === "png" || name === "svg") self.download(name);
    });
  };

  // --- the x range: zoom, pan, reset ---

  Timeline.prototype.setRange = function (range, byReader) {
    var min = MAX_ZOOM_DAYS * DAY_MS;
    var a = dayMs(range[0]), b = dayMs(range[1]);
    if (!(a < b) || !isFinite(a) || !isFinite(b)) return;
    if (b - a < min) { var mid = (a + b) / 2; a = mid - min / 2; b = mid + min / 2; }
    this.range = [isoDay(a), isoDay(b)];
    this.userRange = byReader;
    if (byReader) { this.state.from = this.range[0]; this.state.to = isoDay(b - DAY_MS); }
    this.fillControls();
    return this.draw(false);
  };

  Timeline.prototype.resetRange = function () {
    this.state.from = this.base.from;
    this.state.to = this.base.to;
    this.userRange = false;
    this.range = null;
    this.fillControls();
    return this.draw(false);
  };

  Timeline.prototype.zoom = function (factor, centreMs) {
    var a = dayMs(this.range[0]), b = dayMs(this.range[1]);
    var centre = centreMs !== undefined ? centreMs
      : this.selected >= 0 ? dayMs(this.data.events.x[this.selected]) : (a + b) / 2;
    var na = centre - (centre - a) * factor, nb = centre + (b - centre) * factor;
    return this.setRange([isoDay(na), isoDay(nb)], true);
  };

  Timeline.prototype.wheel = function (event) {
    if (!(event.ctrlKey || event.metaKey || this.active)) return;   // the page scrolls
    if (!this.gd || !this.data) return;
    event.preventDefault();
    var box = this.gd.getBoundingClientRect();
    var a = dayMs(this.range[0]), b = dayMs(this.range[1]);
    var centre = a + (b - a) * Math.min(1, Math.max(0, (event.clientX - box.left) / box.width));
    var factor = Math.exp(Math.max(-1, Math.min(1, event.deltaY * 0.002)));
    var self = this;
    // One redraw per frame however fast the wheel turns.
    this.pendingZoom = (this.pendingZoom || 1) * factor;
    this.pendingCentre = centre;
    if (this.zoomFrame) return;
    this.zoomFrame = requestAnimationFrame(function () {
      var f = self.pendingZoom;
      self.pendingZoom = 1;
      self.zoomFrame = 0;
      self.zoom(f, self.pendingCentre);
    });
  };

  Timeline.prototype.wireTouch = function () {
    var self = this, pinch = null;
    function spread(touches) {
      return Math.abs(touches[0].clientX - touches[1].clientX);
    }
    this.stage.addEventListener("touchstart", function (event) {
      if (event.touches.length === 2 && self.gd && self.range) {
        pinch = { spread: Math.max(20, spread(event.touches)), range: self.range.slice() };
      }
    }, { passive: true });
    this.stage.addEventListener("touchmove", function (event) {
      if (!pinch || event.touches.length !== 2) return;
      event.preventDefault();
      var box = self.gd.getBoundingClientRect();
      var a = dayMs(pinch.range[0]), b = dayMs(pinch.range[1]);
      var mid = ((event.touches[0].clientX + event.touches[1].clientX) / 2 - box.left) / box.width;
      var centre = a + (b - a) * Math.min(1, Math.max(0, mid));
      var factor = pinch.spread / Math.max(20, spread(event.touches));
      if (self.touchFrame) return;
      self.touchFrame = requestAnimationFrame(function () {
        self.touchFrame = 0;
        var na = centre - (centre - a) * factor, nb = centre + (b - centre) * factor;
        self.setRange([isoDay(na), isoDay(nb)], true);
      });
    }, { passive: false });
    this.stage.addEventListener("touchend", function () { pinch = null; }, { passive: true });
  };

  Timeline.prototype.wirePlot = function () {
    var self = this, gd = this.gd;
    this.wiredPlot = true;
    gd.on("plotly_click", function (event) {
      var point = event.points && event.points[0];
      if (!point) return;
      if (point.curveNumber === BADGE_TRACE) {
        var cluster = self.figure.clusters[point.pointNumber];
        if (cluster) self.zoomInto(cluster);
        return;
      }
      if (typeof point.customdata !== "number") return;
      self.clickEvent(point.customdata);
    });
    gd.on("plotly_relayout", function (change) {
      if (self.drawing) return;
      var keys = Object.keys(change);
      // The reader's pan: a new range, drawn at the level that fits it.
      if (keys.some(function (k) { return /^xaxis\.range/.test(k); })) {
        var r = gd.layout.xaxis.range;
        self.setRange([String(r[0]).slice(0, 10), String(r[1]).slice(0, 10)], true);
      }
    });
    if (window.ResizeObserver) {
      var width = this.plotPx();
      this.resizes = new ResizeObserver(function () {
        if (Math.abs(self.plotPx() - width) < 2 || !document.body.contains(self.root)) return;
        width = self.plotPx();
        if (self.range) self.draw(false);
      });
      this.resizes.observe(this.stage);
    }
  };

  // A "+N" badge: zoom in four times around it, where its events have room. At
  // the finest level they share a day and zoom cannot part them: the card shows
  // the first, and Next steps through the rest.
  Timeline.prototype.zoomInto = function (cluster) {
    var visible = this.masksNow.visible;
    var members = cluster[4].filter(function (m) { return visible[m]; });
    if (this.level === this.data.levels.length - 1 && members.length) {
      return this.select(members[0], { announce: true });
    }
    var centre = ordinalMs(cluster[1]);
    var span = (dayMs(this.range[1]) - dayMs(this.range[0])) / 4;
    return this.setRange([isoDay(centre - span / 2), isoDay(centre + span / 2)], true);
  };

  // --- selection, the card, the keyboard ---

  Timeline.prototype.clickEvent = function (i) {
    if (i === this.selected) return this.open(i);
    this.select(i, { announce: true });
  };

  Timeline.prototype.open = function (i) {
    var url = new URL(this.data.events.path[i], new URL(this.root.dataset.root, location.href)).href;
    if (hooks().openEvent) return hooks().openEvent(url);
    // A real anchor, so mkdocs-material's instant navigation handles it like any link.
    var a = document.createElement("a");
    a.href = url;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    a.remove();
  };

  // The events the card and the keys step through: drawn ones, in date order.
  Timeline.prototype.sequence = function () {
    var visible = this.masksNow.visible, out = [];
    for (var i = 0; i < visible.length; i++) if (visible[i]) out.push(i);
    return out;
  };

  Timeline.prototype.step = function (delta) {
    var seq = this.sequence();
    if (!seq.length) return;
    var at = seq.indexOf(this.selected);
    var next = at < 0 ? (delta > 0 ? 0 : seq.length - 1) : Math.max(0, Math.min(seq.length - 1, at + delta));
    this.select(seq[next], { announce: true, pan: true });
  };

  Timeline.prototype.select = function (i, opts) {
    opts = opts || {};
    this.selected = i;
    if (i >= 0 && this.data && opts.pan !== false) this.bringIntoView(i);
    else if (this.data) this.draw(false);
    this.showCard();
    if (i >= 0 && opts.announce !== false) {
      var seq = this.sequence(), ev = this.data.events;
      this.announce(ev.when[i] + ", " + ev.title[i] + " (" + (seq.indexOf(i) + 1) + " of " +
                    seq.length + ")");
      this.keepInSight(i);
    }
  };

  // Pans (and zooms, out of a cluster) so the selected event is drawn and in view;
  // a view that already shows it stays where it is.
  Timeline.prototype.bringIntoView = function (i) {
    var ev = this.data.events, levels = this.data.levels;
    var a = dayMs(this.range[0]), b = dayMs(this.range[1]), span = b - a;
    var first = dayMs(ev.first[i]), after = dayMs(ev.last[i]) + DAY_MS;
    var x = ev.period[i] ? (first + after) / 2 : dayMs(ev.x[i]);
    if (levels[this.level].row[i] < 0) {
      var k = this.level;
      while (k < levels.length - 1 && levels[k].row[i] < 0) k++;
      // Whole days, a day short: the range is kept in whole days, and a day more
      // would draw the coarser level, where the event is in a cluster again.
      span = Math.min(span, Math.max(1, Math.floor(this.plotPx() / levels[k].scale) - 1) * DAY_MS);
    }
    var pad = span * 16 / this.plotPx();       // a marker's half and a little
    if (span === b - a && x >= a + pad && x <= b - pad) return this.draw(false);
    var na = x - span / 2;
    var full = this.data.range.full.map(dayMs);
    if (span < full[1] - full[0]) na = Math.max(full[0], Math.min(na, full[1] - span));
    return this.setRange([isoDay(na), isoDay(na + span)], true);
  };

  Timeline.prototype.showCard = function () {
    var card = this.root.querySelector(".pt-card");
    if (!card) return;
    var i = this.selected;
    if (i < 0 || !this.data) { card.hidden = true; return; }
    var ev = this.data.events, lane = this.data.lanes[ev.lane[i]];
    var kind = this.data.kinds[ev.kind[i]];
    card.className = "pt-card pt-l" + ev.lane[i];
    card.querySelector(".pt-card-when").textContent = ev.when[i] + " · " + lane.label + " · " +
      kind.label + (ev.target[i] ? " · a target" : "");
    card.querySelector(".pt-card-title").textContent = ev.title[i];
    card.querySelector(".pt-card-zh").textContent = ev.titleZh[i];
    card.querySelector(".pt-card-summary").textContent = ev.summary[i];
    card.querySelector(".pt-card-sources").textContent =
      ev.sources[i] + (ev.sources[i] === 1 ? " source." : " sources.");
    card.querySelector(".pt-card-link").href =
      new URL(ev.path[i], new URL(this.root.dataset.root, location.href)).href;
    var seq = this.sequence(), at = seq.indexOf(i);
    card.querySelector(".pt-card-position").textContent = (at + 1) + " of " + seq.length;
    card.querySelector("[data-action=prev]").disabled = at <= 0;
    card.querySelector("[data-action=next]").disabled = at >= seq.length - 1;
    card.hidden = false;
  };

  Timeline.prototype.announce = function (text) {
    var live = this.root.querySelector(".pt-live");
    if (live) live.textContent = "Selected: " + text;
  };

  Timeline.prototype.key = function (event) {
    if (event.target !== this.stage) return;
    var self = this, key = event.key;
    var handled = ["ArrowLeft", "ArrowRight", "Home", "End", "Enter", "Escape", "+", "=", "-", "_"];
    if (handled.indexOf(key) < 0 || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    this.hydrate().then(function () {
      if (!self.data) return;
      var seq = self.sequence();
      if (key === "ArrowRight") self.step(1);
      else if (key === "ArrowLeft") self.step(-1);
      else if (key === "Home" && seq.length) self.select(seq[0], { announce: true });
      else if (key === "End" && seq.length) self.select(seq[seq.length - 1], { announce: true });
      else if (key === "Enter" && self.selected >= 0) self.open(self.selected);
      else if (key === "Escape") { self.active = false; self.select(-1); self.announce("nothing"); }
      else if (key === "+" || key === "=") self.zoom(0.5);
      else if (key === "-" || key === "_") self.zoom(2);
    });
  };

  // --- downloads ---

  Timeline.prototype.download = function (format) {
    var theme = this.themeColours();
    var layout = Object.assign({}, this.gd.layout, {
      paper_bgcolor: theme.badge, plot_bgcolor: theme.badge
    });
    return this.Plotly.downloadImage({ data: this.gd.data, layout: layout }, {
      format: format, filename: "timeline", width: this.gd.clientWidth,
      height: this.gd.layout.height
    });
  };

  // --- the analysis charts ----------------------------------------------------------------

  function drawChart(el) {
    el.setAttribute("data-state", "loading");
    return Promise.all([
      loadScript(new URL(el.dataset.plotly, location.href).href, "Plotly"),
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
      return Plotly.newPlot(gd, figure.data, figure.layout, {
        responsive: true, displaylogo: false,
        modeBarButtonsToRemove: ["select2d", "lasso2d", "toImage"]
      }).then(function () {
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

  var charts = [];

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

  function purgeDetached() {
    views = views.filter(function (view) {
      if (document.body.contains(view.root)) return true;
      if (view.resizes) view.resizes.disconnect();
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

  window.policyTimeline = {
    cleanView: cleanView, serialize: serialize, parseParams: parseParams, dateBound: dateBound,
    labelText: labelText, bands: bands, figureFor: figureFor, levelFor: levelFor,
    tickYears: tickYears, views: function () { return views.slice(); }
  };

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
})();
