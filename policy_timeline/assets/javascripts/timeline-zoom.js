/* A timeline's x range: zoom (Ctrl/⌘ + wheel, or the wheel once the chart was
 * clicked; pinch on touch screens; + and −; a "+N" badge), pan (drag), reset;
 * each range drawn at the level of the layout that fits it.
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
})(window);
