/* One timeline view (.pt-view) in the page: the state of its view, its data
 * and plotly.js loaded on interaction or when the browser is idle, the chart
 * drawn in the SVG's place at the same height, and the list, the count and
 * the address kept in step with it.
 *
 * The view arrives as finished HTML: the build-time SVG of the timeline, the
 * controls, the legend, an empty card and the list of its events. What is
 * drawn where comes from the build (the layout in timeline.json); this file
 * picks the level that fits the zoom and draws it (timeline-figure.js).
 * Zoom and pan are in timeline-zoom.js, the selection, the card and the keys
 * in timeline-card.js, the controls and the toolbar in timeline-toolbar.js.
 */
(function (scope) {
  "use strict";

  var ns = scope.policyTimeline = scope.policyTimeline || {};
  var V = ns.view, F = ns.figure, L = ns.load;
  var DAY_MS = V.DAY_MS, dayMs = V.dayMs, isoDay = V.isoDay, dateBound = V.dateBound;
  var setOf = V.setOf, cleanView = V.cleanView, parseParams = V.parseParams;
  var serialize = V.serialize;
  var hooks = L.hooks, loadData = L.loadData, loadPlotly = L.loadPlotly;
  var plotlyConfig = L.plotlyConfig;
  var keepPlotlyCss = L.keepPlotlyCss;
  var bands = F.bands, figureFor = F.figureFor, levelFor = F.levelFor, axisTicks = F.axisTicks;

  function Timeline(root, primary) {
    this.root = root;
    this.primary = primary;
    this.stage = root.querySelector(".pt-stage");
    this.form = root.querySelector(".pt-controls");
    // The words the view writes, in the site's language (timeline.html's data-messages).
    var said = null;
    try {
      said = JSON.parse(root.getAttribute("data-messages") || "null");
    } catch (e) {
      said = null;
    }
    this.say = V.messages(said, root.getAttribute("data-messages-lang"));
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
    this.presses = new ns.card.PressGuard();
    var self = this;
    this.stage.addEventListener("pointerdown", function () { self.presses.press(); }, true);
    this.stage.addEventListener("focusout", function () {
      self.stage.removeAttribute("data-pointer-focus");
    });
    this.wireHeld();
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
      loadPlotly(this.root)
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
    return V.shown(this.data, this.state);
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
      // The SVG draws the narrowest width's level (svg.first_view): the chart keeps
      // it where the reader's width picks that level too, and draws a wider page's own.
      var own = levelFor(this.data, this.plotPx() /
        ((dayMs(this.range[1]) - dayMs(this.range[0])) / DAY_MS));
      if (svg && isDefault && own === Number(svg.getAttribute("data-level"))) {
        this.level = own;
        ticks = axisTicks(this.data, this.range, Number(svg.getAttribute("data-plot-px")));
      }
    }
    if (ticks === null) {
      this.level = levelFor(this.data, this.plotPx() / ((dayMs(this.range[1]) - dayMs(this.range[0])) / DAY_MS));
      if (!this.userRange) {
        ticks = axisTicks(this.data, this.range, this.plotPx());
      }
    }
    var fig = figureFor(this.data, {
      level: this.level, visible: masks.visible, lanes: this.laneIndexes(),
      theme: this.themeColours(), range: this.range, ticks: ticks, say: this.say,
      dragmode: matchMedia("(pointer: coarse)").matches ? false : "pan"
    });
    this.figure = fig;
    this.addSelection(fig);
    this.makeRoomForCard(fig);
    var Plotly = this.Plotly;
    if (!this.gd) {
      this.gd = document.createElement("div");
      this.gd.className = "pt-plot";
      this.stage.appendChild(this.gd);
    }
    this.drawing = true;
    return Plotly.react(this.gd, fig.data, fig.layout, plotlyConfig(this.root, {
      responsive: true, displayModeBar: false, scrollZoom: false, doubleClick: false,
      showTips: false
    })).then(function (gd) {
      self.drawing = false;
      if (!self.wiredPlot) self.wirePlot();
      self.placeCard();
      self.drawHeld();
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

  // After the chart, the list, the count, the URL and the card agree with the state.
  Timeline.prototype.afterChange = function () {
    var masks = this.masksNow, ev = this.data.events, self = this;
    var count = masks.listed.filter(Boolean).length;
    var countEl = this.root.querySelector(".pt-count");
    if (countEl) {
      countEl.textContent = this.say.t("timeline.showing", { shown: count, total: ev.id.length });
    }
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
      summary.textContent = this.say.plural("timeline.list.summary", count);
    }
    var active = 0, s = this.state;
    ["lanes", "kinds", "tags"].forEach(function (k) { if (s[k].length) active++; });
    if (s.q) active++;
    if (s.from || s.to) active++;
    var badge = this.root.querySelector(".pt-active-count");
    if (badge) {
      badge.textContent = active ? this.say.t("timeline.controls.active", { n: active }) : "";
    }
    var tagCount = this.root.querySelector(".pt-tag-count");
    if (tagCount) {
      tagCount.textContent = s.tags.length
        ? this.say.t("timeline.controls.tag_count", { n: s.tags.length }) : "";
    }
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

  ns.Timeline = Timeline;
})(window);
