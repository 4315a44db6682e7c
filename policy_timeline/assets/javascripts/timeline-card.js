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

})(window);
