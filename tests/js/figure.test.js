// timeline-figure.js: the Plotly figure of a view, drawn from the layout the build computed.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const F = require("../../policy_timeline/assets/javascripts/timeline-figure.js");
const V = require("../../policy_timeline/assets/javascripts/timeline-view.js");
const { read } = require("./vectors.js");

const layout = read("layout");

test("the shared vectors: what a label shows of a title", () => {
  for (const v of layout.labels) {
    assert.equal(F.labelText(v.title, v.chars), v.text, JSON.stringify(v));
  }
});

test("the shared vectors: where a label is anchored on the side the layout gave it", () => {
  for (const v of layout.anchors) {
    assert.deepEqual(F.labelAnchor(v.period, v.x, v.last, v.side), [v.at, v.position],
                     JSON.stringify(v));
  }
});

test("the shared vectors: the years the axis labels", () => {
  for (const v of layout.ticks) {
    assert.deepEqual(F.tickYears(layout.geometry, v.first, v.after, v.plotPx), v.years,
                     JSON.stringify(v));
  }
});

test("the shared vectors: a view's lane bands, its rows closed up", () => {
  const b = layout.bands;
  const data = { geometry: layout.geometry, lanes: [{}, {}, {}], events: { lane: b.lane } };
  for (const v of b.views) {
    const level = Object.assign({}, b.levels[v.level], {
      clusters: b.levels[v.level].clusters.map(([lane, members]) => [lane, 0, "", "", members]),
    });
    const got = F.bands(data, level, v.visible.map(Boolean), v.lanes);
    assert.deepEqual(got.bands.map((band) => [band.lane, band.top,
                                               Object.entries(band.rowY).map(([r, y]) => [Number(r), y]),
                                               band.bottom]),
                     v.bands, JSON.stringify(v));
    assert.equal(got.height, v.height);
  }
});

test("the axis of the first view is the build's; a view's own range works it out", () => {
  const g = layout.geometry;
  // The build's choices, made up so that reading them shows: 1999 is not a tick there.
  const data = { geometry: g, range: { default: ["2006-01-01", "2026-01-01"],
                                       ticks: [[900, [1999]], [0, [2000]]] } };
  assert.deepEqual(F.axisTicks(data, ["2006-01-01", "2026-01-01"], 1120), [1999]);
  assert.deepEqual(F.axisTicks(data, ["2006-01-01", "2026-01-01"], 280), [2000]);
  assert.deepEqual(F.axisTicks(data, ["2016-01-01", "2019-01-01"], 1120), [2017, 2018]);
  // Below the coarsest step's width: the coarsest step.
  assert.deepEqual(F.ticksAt([[50, [1, 2]], [20, [2]]], 10), [2]);
  // What the build sends is what it would work out.
  const choices = F.tickChoices(g, "2006-01-01", "2026-01-01");
  assert.deepEqual(choices.map((c) => c[1].length), [19, 9, 4, 2, 1, 0, 0]);
  assert.equal(choices[0][0], 44 * (7305 / 365.25));
});

// A small timeline as timeline.json has it: two lanes, four events, two levels.
// At the first level the last event is in a cluster ("+1").
const GEOMETRY = {
  axisPx: 30, badgePath: "M 0,0 Z", badgePx: 18, barFillAlpha: 0.3, barLabelInsetPx: 6,
  barPx: 12, fontFamily: "Arial", fontPx: 12, hollowLinePx: 2, labelOffsetPx: 7.875,
  laneGapPx: 6, laneHeadPx: 22, marginTopPx: 4, markerSize: 11, rowPx: 24,
  tickLabelPx: 44, tickSteps: [1, 2, 5, 10, 20, 50, 100],
};
const DATA = {
  geometry: GEOMETRY,
  lanes: [{ id: "central", label: "Central", colour: "#112233", colourDark: "#aabbcc" },
          { id: "local", label: "Local & <b>", colour: "#445566", colourDark: "#ddeeff" }],
  kinds: [{ id: "law", symbol: "circle" }, { id: "plan", symbol: "diamond" }],
  events: {
    id: ["law", "fund", "target", "rule"],
    lane: [0, 0, 1, 1], kind: [0, 1, 1, 0],
    title: ["Cybersecurity Law", "Fund", "Target <x>", "Local rule"],
    first: ["2017-07-20", "2018-01-01", "2030-07-02", "2018-11-02"],
    last: ["2017-07-20", "2020-12-31", "2030-07-02", "2018-11-02"],
    x: ["2017-07-20", "2019-07-02", "2030-07-02", "2018-11-02"],
    period: [0, 1, 0, 0], target: [0, 0, 1, 0],
    hover: ["h0", "h1", "h2", "h3"],
  },
  levels: [
    { scale: 0.1, row: [0, 1, 0, -1], label: [5, 4, 0, 0], laneRows: [2, 2],
      clusters: [[1, 737000.5, "2018-11-02", "2018-11-02", [3]]] },
    { scale: 1, row: [0, 0, 0, 1], label: [17, 4, 10, 10], laneRows: [1, 2], clusters: [] },
  ],
};
const ALL = [true, true, true, true];
const THEME = { dark: false, fg: "#000", muted: "#666", grid: "#ccc", band: "#fafafa",
                bandAlt: "#f0f0f0", badge: "#fff", hover: "#fff", accent: "#00f" };

function figure(opts) {
  return F.figureFor(DATA, Object.assign({
    level: 0, visible: ALL, lanes: [0, 1], theme: THEME, range: ["2010-01-01", "2031-01-01"],
    ticks: null, dragmode: "pan",
  }, opts));
}

test("the level of a zoom: the finest whose scale it reaches", () => {
  assert.equal(F.levelFor(DATA, 0.01), 0);
  assert.equal(F.levelFor(DATA, 0.5), 0);
  assert.equal(F.levelFor(DATA, 1), 1);
  assert.equal(F.levelFor(DATA, 50), 1);
});

test("lane bands: the rows a view uses, a cluster's row when a member is drawn", () => {
  const all = F.bands(DATA, DATA.levels[0], ALL, [0, 1]);
  assert.deepEqual(all.bands.map((b) => [b.lane, b.top, { ...b.rowY }, b.bottom]),
                   [[0, 4, { 0: 38, 1: 62 }, 80], [1, 80, { 0: 114, 1: 138 }, 156]]);
  assert.equal(all.height, 156);
  // The cluster's only member hidden: its row goes.
  const some = F.bands(DATA, DATA.levels[0], [true, true, true, false], [0, 1]);
  assert.deepEqual({ ...some.bands[1].rowY }, { 0: 114 });
  assert.equal(some.height, 132);
  // A lane with nothing drawn keeps one empty row.
  const none = F.bands(DATA, DATA.levels[0], [false, false, false, false], [1]);
  assert.deepEqual(none.bands.map((b) => [b.top, { ...b.rowY }, b.bottom]), [[4, {}, 56]]);
});

test("the figure: periods as bars, events as markers, labels as the layout cut them", () => {
  const fig = figure({});
  const [bars, barLabels, points, badges] = fig.data;
  assert.equal(fig.data.length, 4);
  assert.deepEqual(bars.customdata, [1]);
  assert.deepEqual(bars.base, ["2018-01-01"]);
  assert.deepEqual(bars.x, [1096 * V.DAY_MS]);
  assert.deepEqual(bars.y, [62]);
  assert.deepEqual(barLabels.text, ["Fund"]);
  // The event in a cluster is not a marker.
  assert.deepEqual(points.customdata, [0, 2]);
  assert.deepEqual(points.y, [38, 114]);
  assert.deepEqual(points.text, ["Cyber\u2026", ""]);
  assert.deepEqual(points.marker.symbol, ["circle", "diamond-open"]);
  assert.deepEqual(points.marker.color, ["#112233", "#445566"]);
  assert.deepEqual(points.marker.line.width, [0, GEOMETRY.hollowLinePx]);
  assert.deepEqual(badges.text, ["+1"]);
  assert.deepEqual(badges.hovertext, ["1 more event: zoom in to see it"]);
  assert.deepEqual(badges.x, ["2018-11-02"]);
  assert.deepEqual(badges.y, [138]);
  assert.equal(fig.clusters.length, 1);
  assert.equal(F.BADGE_TRACE, 3);
  assert.equal(fig.layout.height, 156 + GEOMETRY.axisPx);
  assert.deepEqual(fig.layout.yaxis.range, [156, 0]);
  assert.equal(fig.layout.xaxis.tickmode, undefined);
});

test("the figure: text is escaped for Plotly; the dark scheme's colours", () => {
  const fig = figure({ level: 1, theme: Object.assign({}, THEME, { dark: true }) });
  const points = fig.data[2];
  assert.deepEqual(points.text, ["Cybersecurity Law", "Target &lt;x&gt;", "Local rule"]);
  assert.deepEqual(points.marker.color, ["#aabbcc", "#ddeeff", "#ddeeff"]);
  const lanes = fig.layout.annotations.map((a) => a.text);
  assert.deepEqual(lanes, ["<b>Central</b>", "<b>Local &amp; &lt;b&gt;</b>"]);
  assert.deepEqual(fig.data[3].text, []);
});

test("the figure: hidden events and lanes are not drawn; the axis's years as given", () => {
  const fig = figure({ visible: [true, false, true, false], lanes: [1], ticks: [2020, 2030] });
  assert.deepEqual(fig.data[0].customdata, []);
  assert.deepEqual(fig.data[2].customdata, [2]);
  assert.deepEqual(fig.data[3].text, []);
  assert.deepEqual(fig.layout.xaxis.tickvals, ["2020-01-01", "2030-01-01"]);
  assert.deepEqual(fig.layout.xaxis.ticktext, ["2020", "2030"]);
  assert.deepEqual(fig.layout.xaxis.range, ["2010-01-01", "2031-01-01"]);
});

test("the figure: each label on the side the layout gave it", () => {
  const sided = Object.assign({}, DATA, { levels: [DATA.levels[0], Object.assign(
    {}, DATA.levels[1], { side: [1, 2, 1, 0] })] });
  const fig = F.figureFor(sided, {
    level: 1, visible: ALL, lanes: [0, 1], theme: THEME, range: ["2010-01-01", "2031-01-01"],
    ticks: null, dragmode: "pan",
  });
  const [, barLabels, points] = fig.data;
  // The period's label after its bar: anchored on the day after its last.
  assert.deepEqual(barLabels.x, ["2021-01-01"]);
  assert.deepEqual(barLabels.textposition, ["middle right"]);
  assert.deepEqual(points.customdata, [0, 2, 3]);
  assert.deepEqual(points.textposition, ["middle left", "middle left", "middle right"]);
  // A layout without sides (an older timeline.json): every label right, inside a bar.
  const plain = figure({ level: 1 });
  assert.deepEqual(plain.data[1].x, ["2018-01-01"]);
  assert.deepEqual(plain.data[2].textposition, ["middle right", "middle right", "middle right"]);
});

test("day ordinals as Python counts them", () => {
  assert.equal(F.ordinalMs(719163), 0);
  assert.equal(V.isoDay(F.ordinalMs(737000)), "2018-11-02");
});
