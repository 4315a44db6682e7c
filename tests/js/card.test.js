// The selection's pure parts (timeline-card.js): one press is one click, however many
// clicks Plotly reports for it; the room the chart makes for the card under the
// selected row. The scripts loaded as a page loads them, in a bare window.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const SCRIPTS = path.join(__dirname, "..", "..", "policy_timeline", "assets", "javascripts");
const ORDER = ["timeline-view", "timeline-figure", "timeline-load", "timeline-chart",
               "timeline-zoom", "timeline-card"];

function card() {
  const window = vm.createContext({ URL, console, Promise });
  window.window = window;
  for (const name of ORDER) {
    const file = path.join(SCRIPTS, name + ".js");
    vm.runInContext(fs.readFileSync(file, "utf8"), window, { filename: file });
  }
  return window.policyTimeline.card;
}

test("a press gives one click: the second click of the same press is not taken", () => {
  const guard = new (card().PressGuard)();
  guard.press();
  assert.equal(guard.firstClick(), true);
  assert.equal(guard.firstClick(), false);   // the same tap, reported again
  guard.press();                      // a second, separate tap
  assert.equal(guard.firstClick(), true);
  assert.equal(guard.firstClick(), false);
});

test("a press that Plotly reports no click for leaves the next press its own", () => {
  const guard = new (card().PressGuard)();
  guard.press();                             // a drag: no click
  guard.press();
  assert.equal(guard.firstClick(), true);
});

test("clicks with no press seen (sent by a script) are each their own", () => {
  const guard = new (card().PressGuard)();
  assert.equal(guard.firstClick(), true);
  assert.equal(guard.firstClick(), true);
});

function figure() {
  return {
    height: 200,
    data: [{ y: [50, 110, 170] }, { y: [] }, { x: [1] }],
    layout: {
      height: 230,
      yaxis: { range: [200, 0] },
      shapes: [
        { yref: "y", y0: 20, y1: 130 },                        // a lane band around the row
        { yref: "y", y0: 135, y1: 190 },                       // a band below it
        { yref: "y", ysizemode: "pixel", yanchor: 170, y0: -9, y1: 9 },  // a badge below
        { yref: "y", ysizemode: "pixel", yanchor: 110, y0: -11, y1: 11 }, // the ring
        { yref: "paper", y0: 0, y1: 1 },
      ],
      annotations: [{ yref: "y", y: 30 }, { yref: "y", y: 145 }],
    },
  };
}

test("the card's room: what is below the selected row moves down, the rest stays", () => {
  const fig = card().openGap(figure(), 122, 150);
  assert.deepEqual(Array.from(fig.data[0].y), [50, 110, 320]);
  assert.deepEqual(Array.from(fig.data[1].y), []);
  assert.equal(fig.data[2].y, undefined);
  const s = fig.layout.shapes;
  assert.deepEqual([s[0].y0, s[0].y1], [20, 280]);             // the lane grows round the card
  assert.deepEqual([s[1].y0, s[1].y1], [285, 340]);
  assert.equal(s[2].yanchor, 320);
  assert.equal(s[3].yanchor, 110);                             // the selection stays put
  assert.deepEqual([s[4].y0, s[4].y1], [0, 1]);                // paper: untouched
  assert.deepEqual(fig.layout.annotations.map((a) => a.y), [30, 295]);
  assert.equal(fig.height, 350);
  assert.equal(fig.layout.height, 380);
  assert.deepEqual(Array.from(fig.layout.yaxis.range), [350, 0]);
});
