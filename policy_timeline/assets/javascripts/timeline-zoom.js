/* A timeline's x range: zoom (Ctrl/⌘ + wheel, or the wheel once the chart was
 * clicked; pinch on touch screens; + and −; a "+N" badge), pan (drag), reset;
 * each range drawn at the level of the layout that fits it. And what stays on
 * screen while the reader scrolls down the lanes: the years, copied from the
 * axis as drawn (the SVG's, then Plotly's, during a drag too), and the name of
 * the lane whose own name scrolled away.
 * Adds to the Timeline of timeline-chart.js.
 */
(function (scope) {
  "use strict";

  var ns = scope.policyTimeline;
  var Timeline = ns.Timeline, V = ns.view, F = ns.figure;
  var DAY_MS = V.DAY_MS, dayMs = V.dayMs, isoDay = V.isoDay;
  var BADGE_TRACE = F.BADGE_TRACE, ordinalMs = F.ordinalMs;
  var MAX_ZOOM_DAYS = 20;        // the narrowest range a zoom goes to

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
    // A drag moves the axis before it ends: the years at the top follow.
    gd.on("plotly_relayouting", function () { self.drawHeld(); });
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

  // --- held at the top: the years, the lane -----------------------------------------

  // What the chart draws now: Plotly's axis and lane names once it is there, else the SVG's.
  Timeline.prototype.drawnParts = function () {
    var gd = this.gd;
    if (gd && this.root.getAttribute("data-state") !== "static") {
      var ticks = gd.querySelectorAll(".xtick text");
      var shown = Array.prototype.some.call(ticks, function (t) {
        return t.getBoundingClientRect().width > 0;
      });
      if (shown) {
        var lanes = this.data ? this.laneIndexes() : [];
        return {
          ticks: ticks, box: gd.querySelector(".nsewdrag") || gd,
          names: Array.prototype.map.call(gd.querySelectorAll(".annotation"), function (el, k) {
            return { el: el, lane: lanes[k] };
          })
        };
      }
    }
    var svg = Array.prototype.filter.call(this.root.querySelectorAll(".pt-svg"), function (el) {
      return getComputedStyle(el).display !== "none";
    })[0];
    if (!svg) return null;
    return {
      ticks: svg.querySelectorAll(".pt-tick"), box: svg,
      names: Array.prototype.map.call(svg.querySelectorAll(".pt-lane-name"), function (el) {
        var swatch = el.previousElementSibling;
        var m = swatch && /pt-l(\d+)/.exec(swatch.getAttribute("class"));
        return { el: el, lane: m ? Number(m[1]) : -1 };
      })
    };
  };

  // The axis's years, as drawn, copied into the strip held at the top of the chart.
  Timeline.prototype.drawHeld = function () {
    var row = this.root.querySelector(".pt-held-years");
    var parts = this.drawnParts();
    if (!row || !parts) return;
    var left = row.getBoundingClientRect().left;
    var out = document.createDocumentFragment();
    Array.prototype.forEach.call(parts.ticks, function (tick) {
      var r = tick.getBoundingClientRect();
      if (!tick.textContent || r.width === 0) return;
      var year = document.createElement("span");
      year.textContent = tick.textContent;
      year.style.left = ((r.left + r.right) / 2 - left) + "px";
      out.appendChild(year);
    });
    row.textContent = "";
    row.appendChild(out);
    this.heldParts = parts;
    this.drawLaneNow();
  };

  // Under the years, once they are held: the lane the reader scrolled into, whose
  // own name went above them.
  Timeline.prototype.drawLaneNow = function () {
    var tag = this.root.querySelector(".pt-lane-now"), strip = this.root.querySelector(".pt-held");
    var parts = this.heldParts;
    if (!tag || !strip || !parts) return;
    var line = strip.getBoundingClientRect().bottom;
    var held = strip.getBoundingClientRect().top > this.stage.getBoundingClientRect().top + 1;
    var now = null;
    parts.names.forEach(function (name) {
      if (name.el.getBoundingClientRect().top < line) now = name;
    });
    var box = parts.box.getBoundingClientRect();
    if (!held || !now || box.bottom < line + 24) { tag.hidden = true; return; }
    var text = now.el.textContent, lane = String(now.lane);
    if (tag.hidden || tag.getAttribute("data-lane") !== lane) {
      tag.textContent = "";
      var swatch = document.createElement("span");
      swatch.className = "pt-swatch pt-l" + lane;
      tag.appendChild(swatch);
      tag.appendChild(document.createTextNode(text));
      tag.setAttribute("data-lane", lane);
      tag.hidden = false;
    }
  };

  Timeline.prototype.wireHeld = function () {
    var self = this, frame = 0;
    function later() {
      if (frame) return;
      frame = requestAnimationFrame(function () { frame = 0; self.drawLaneNow(); });
    }
    this.onScroll = later;
    window.addEventListener("scroll", later, { passive: true });
    this.drawHeld();
    // The SVG of another width class, before the chart is there.
    this.onResize = function () { if (!self.gd) self.drawHeld(); };
    window.addEventListener("resize", this.onResize, { passive: true });
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
})(window);
