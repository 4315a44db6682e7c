/* A timeline's controls and toolbar: the filters (lanes, kinds, tags, words,
 * years) read into the view and filled from it, the buttons (zoom, reset, all,
 * downloads, the card's), and the events every control and the chart listen
 * to. Adds to the Timeline of timeline-chart.js.
 */
(function (scope) {
  "use strict";

  var ns = scope.policyTimeline;
  var Timeline = ns.Timeline, V = ns.view;
  var DAY_MS = V.DAY_MS, dayMs = V.dayMs, isoDay = V.isoDay;
  var setOf = V.setOf, Q_MAX = V.Q_MAX;

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
})(window);
