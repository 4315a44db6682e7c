/* A timeline's selection: an event chosen by a click or the arrow keys, shown
 * in the card with previous and next, announced to screen readers, and kept
 * in sight; Enter opens its page. Adds to the Timeline of timeline-chart.js.
 */
(function (scope) {
  "use strict";

  var ns = scope.policyTimeline;
  var Timeline = ns.Timeline, V = ns.view;
  var DAY_MS = V.DAY_MS, dayMs = V.dayMs, isoDay = V.isoDay;
  var hooks = ns.load.hooks;

  // One press of a finger or a button is one click, however many clicks Plotly
  // reports for it: a tap can reach Plotly as a touch and again as the mouse
  // events the browser makes from it, and a second click would open the page.
  // Presses are counted by their pointerdown (one per press, whatever follows
  // it); clicks with no press seen (sent by a script) are each their own.
  function PressGuard() {
    this.presses = 0;
    this.clicked = 0;
  }
  PressGuard.prototype.press = function () { this.presses++; };
  PressGuard.prototype.firstClick = function () {
    if (this.presses === 0) return true;
    if (this.clicked === this.presses) return false;
    this.clicked = this.presses;
    return true;
  };

  // Room for the card in the chart, right under the selected event's row: what is
  // drawn below `at` (y, in px from the chart's top) moves down by `px`, the lane
  // band around it grows. Nothing is drawn over, nothing is covered. Pure: changes
  // the figure (figureFor's) in place.
  function openGap(fig, at, px) {
    function down(y) { return y > at ? y + px : y; }
    fig.data.forEach(function (trace) { if (trace.y) trace.y = trace.y.map(down); });
    fig.layout.shapes.forEach(function (s) {
      if (s.yref !== "y") return;
      if (s.ysizemode === "pixel") s.yanchor = down(s.yanchor);
      else { s.y0 = down(s.y0); s.y1 = down(s.y1); }
    });
    fig.layout.annotations.forEach(function (a) { if (a.yref === "y") a.y = down(a.y); });
    fig.height += px;
    fig.layout.height += px;
    fig.layout.yaxis.range = [fig.layout.yaxis.range[0] + px, fig.layout.yaxis.range[1]];
    return fig;
  }

  var CARD_GAP_PX = 8;       // between the selected row and the card, and under it

  Timeline.prototype.clickEvent = function (i) {
    if (!this.presses.firstClick()) return;
    // Keys go on from the event the reader chose: ← → Home End Enter. The ring
    // of keyboard focus waits for the first key (timeline.css).
    if (document.activeElement !== this.stage) {
      this.stage.setAttribute("data-pointer-focus", "");
      this.stage.focus({ preventScroll: true });
    }
    if (i === this.selected) return this.open(i);
    this.select(i, { announce: true });
  };

  // The card's room in a figure about to be drawn (draw() calls it): under the
  // selected row, or under the chart when the selection is not drawn.
  Timeline.prototype.makeRoomForCard = function (fig) {
    this.cardAt = null;
    var card = this.root.querySelector(".pt-card");
    if (this.selected < 0 || !card || card.hidden) return;
    var y = this.rowY(this.selected);
    var at = y === null ? fig.height : y + this.data.geometry.rowPx / 2;
    openGap(fig, at, card.offsetHeight + 2 * CARD_GAP_PX);
    this.cardAt = at;
  };

  // The card in its room, once the chart is drawn.
  Timeline.prototype.placeCard = function () {
    var card = this.root.querySelector(".pt-card");
    if (!card || card.hidden || this.cardAt === null || !this.gd) return;
    var top = this.gd.getBoundingClientRect().top - this.root.getBoundingClientRect().top;
    card.style.top = (top + this.cardAt + CARD_GAP_PX) + "px";
    card.setAttribute("data-placed", "");
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
    var self = this;
    this.selected = i;
    // The card first: the chart makes room for it, as tall as it is.
    this.showCard();
    var drawn = null;
    if (i >= 0 && this.data && opts.pan !== false) drawn = this.bringIntoView(i);
    else if (this.data) drawn = this.draw(false);
    if (i >= 0 && opts.announce !== false) {
      var seq = this.sequence(), ev = this.data.events;
      var position = this.say.t("timeline.card.position",
                                { at: seq.indexOf(i) + 1, total: seq.length });
      this.announce(this.say.t("timeline.card.announce",
                               { when: ev.when[i], title: ev.title[i], position: position }));
      return Promise.resolve(drawn).then(function () {
        if (self.selected === i) self.keepInSight(i);
      });
    }
    return Promise.resolve(drawn);
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
    if (i < 0 || !this.data) {
      card.hidden = true;
      card.removeAttribute("data-placed");
      return;
    }
    var ev = this.data.events, lane = this.data.lanes[ev.lane[i]];
    var kind = this.data.kinds[ev.kind[i]];
    card.className = "pt-card pt-l" + ev.lane[i];
    card.querySelector(".pt-card-when").textContent = ev.when[i] + " · " + lane.label + " · " +
      kind.label + (ev.target[i] ? " · " + this.say.t("timeline.card.target") : "");
    var heading = card.querySelector(".pt-card-title");
    if (!heading) {  // made with the first event shown: the page has no empty heading
      heading = document.createElement("h3");
      heading.className = "pt-card-title";
      heading.id = card.getAttribute("aria-labelledby");
      card.querySelector(".pt-card-titles").before(heading);
    }
    heading.textContent = ev.title[i];
    var titles = card.querySelector(".pt-card-titles");
    titles.textContent = "";
    ev.titles[i].forEach(function (t) {  // [language tag, title, direction]
      var line = document.createElement("p");
      line.className = "pt-title-alt";
      line.lang = t[0];
      line.dir = t[2];
      line.textContent = t[1];
      titles.appendChild(line);
    });
    card.querySelector(".pt-card-summary").textContent = ev.summary[i];
    card.querySelector(".pt-card-sources").textContent =
      this.say.plural("timeline.card.sources", ev.sources[i]);
    card.querySelector(".pt-card-link").href =
      new URL(ev.path[i], new URL(this.root.dataset.root, location.href)).href;
    var seq = this.sequence(), at = seq.indexOf(i);
    card.querySelector(".pt-card-position").textContent =
      this.say.t("timeline.card.position", { at: at + 1, total: seq.length });
    card.querySelector("[data-action=prev]").disabled = at <= 0;
    card.querySelector("[data-action=next]").disabled = at >= seq.length - 1;
    card.hidden = false;
  };

  Timeline.prototype.announce = function (text) {
    var live = this.root.querySelector(".pt-live");
    if (live) live.textContent = this.say.t("timeline.card.selected", { text: text });
  };

  Timeline.prototype.key = function (event) {
    if (event.target !== this.stage) return;
    this.stage.removeAttribute("data-pointer-focus");
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
      else if (key === "Escape") { self.active = false; self.select(-1); self.announce(self.say.t("timeline.card.nothing")); }
      else if (key === "+" || key === "=") self.zoom(0.5);
      else if (key === "-" || key === "_") self.zoom(2);
    });
  };

  // What covers the top of the screen over the chart: the site's header, the
  // theme's "Back to top" button (laid out even while hidden: scrolling up brings
  // it), the view's years held at the top, and the lane's name under them.
  Timeline.prototype.coveredTop = function () {
    var top = 0;
    [".md-header", ".md-top"].forEach(function (sel) {
      var el = document.querySelector(sel);
      if (el) top = Math.max(top, el.getBoundingClientRect().bottom);
    });
    var strip = this.root.querySelector(".pt-held");
    if (strip) top = Math.max(top, strip.getBoundingClientRect().bottom);
    var lane = this.root.querySelector(".pt-lane-now");
    return top + (lane ? lane.offsetHeight : 0);
  };

  // The selection and its card in sight: the page scrolls, when it must, so the
  // card's bottom is on screen, but never so far that the selection goes under
  // what covers the screen's top (on a short screen the card's bottom waits).
  Timeline.prototype.keepInSight = function (i) {
    if (!this.gd || !this.data) return;
    var y = this.rowY(i);
    if (y === null) return;
    var margin = 8, half = this.data.geometry.rowPx / 2;
    var at = this.gd.getBoundingClientRect().top + y;
    var top = this.coveredTop() + margin;
    var card = this.root.querySelector(".pt-card");
    var bottom = card && !card.hidden ? card.getBoundingClientRect().bottom : at + half;
    var by = Math.max(0, bottom + margin - window.innerHeight);
    by = Math.min(by, at - half - top);
    if (at - half - by < top) by = at - half - top;
    if (Math.abs(by) >= 1) window.scrollBy(0, by);
  };

  ns.card = { PressGuard: PressGuard, openGap: openGap };
})(window);
