// timeline-view.js: the view read from an address, written back, and the events it shows.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const V = require("../../policy_timeline/assets/javascripts/timeline-view.js");
const { read, timelineData, rawParams } = require("./vectors.js");

const vectors = read("view");
const data = timelineData(vectors);
const ids = (mask) => data.events.id.filter((_, i) => mask[i]);

// The plain values of a view (a view made here has no prototype).
const plain = (view) => JSON.parse(JSON.stringify(view));

test("the shared vectors: the URL parameters Python writes, read and written back", () => {
  for (const vector of vectors.views) {
    const view = V.cleanView(Object.fromEntries(vector.params), data);
    assert.equal(V.serialize(view), vector.address, vector.name);
    assert.deepEqual(plain(V.cleanView(rawParams(vector.filter), data)), plain(view), vector.name);
    // The address read back is the same view, in the query or the fragment.
    for (const mark of ["?", "#"]) {
      const again = V.cleanView(V.parseParams(mark + vector.address), data);
      assert.deepEqual(plain(again), plain(view), vector.name + " " + mark);
    }
  }
});

test("the shared vectors: the events a view draws and lists", () => {
  for (const vector of vectors.views) {
    const shown = V.shown(data, V.cleanView(rawParams(vector.filter), data));
    assert.deepEqual(ids(shown.visible), vector.shows, vector.name);
    assert.deepEqual(ids(shown.listed), vector.matches, vector.name);
  }
});

test("the shared vectors: what Python refuses, an address cannot set", () => {
  for (const vector of vectors.refused) {
    const view = V.cleanView(rawParams(vector.filter), data);
    for (const [key, kept] of Object.entries(vector.browser)) {
      assert.deepEqual(view[key], kept, vector.name);
    }
  }
});

test("one list of the view's parameters, in the address's order", () => {
  assert.deepEqual(V.PARAMS, ["lanes", "kinds", "tags", "from", "to", "q"]);
  assert.deepEqual(V.KEYS, V.PARAMS.concat(["event"]));
  assert.deepEqual(V.LISTS.concat(V.DATES), V.PARAMS.slice(0, 5));
});

test("an address: the view's keys only, the fragment's the last word", () => {
  const raw = V.parseParams("?lanes=a&utm_source=x&q=one&q=two");
  assert.deepEqual({ ...raw }, { lanes: "a", q: "two" });
  assert.deepEqual({ ...V.parseParams("#event=ai-plan&theme=dark") }, { event: "ai-plan" });
  assert.deepEqual({ ...V.parseParams("") }, {});
});

test("before the data is there, well-formed ids are kept, the rest dropped", () => {
  const view = V.cleanView({ lanes: " central , Local,x--y,,provincial", event: "no such" }, null);
  assert.deepEqual(view.lanes, ["central", "provincial"]);
  assert.equal(view.event, "");
  assert.equal(V.cleanView({ event: "ai-plan" }, null).event, "ai-plan");
  // A key such as "constructor" is an id like any other.
  const known = { lanes: [{ id: "a" }], kinds: [], tags: [] };
  assert.deepEqual(V.cleanView({ lanes: "constructor,a" }, known).lanes, ["a"]);
});

test("a search is cut at 200 characters; defaults are empty", () => {
  assert.equal(V.cleanView({ q: "x".repeat(500) }, null).q.length, V.Q_MAX);
  assert.deepEqual(plain(V.cleanView({}, null)),
                   { lanes: [], kinds: [], tags: [], from: "", to: "", q: "", event: "" });
});

test("an address's date as its first or last day", () => {
  assert.equal(V.dateBound("2017", false), "2017-01-01");
  assert.equal(V.dateBound("2017", true), "2017-12-31");
  assert.equal(V.dateBound("2016-02", true), "2016-02-29");
  assert.equal(V.dateBound("2100-02", true), "2100-02-28");
  assert.equal(V.dateBound("2000-02-29", false), "2000-02-29");
  assert.equal(V.dateBound("0001-01-01", false), "0001-01-01");
  for (const bad of ["", "2017-02-29", "2017-1", "20170", "0000", "2017-07-20T00", null]) {
    assert.equal(V.dateBound(bad, false), null, String(bad));
  }
});

test("written out: commas as they are, everything else encoded, empty keys left out", () => {
  const view = { lanes: ["a", "b"], kinds: [], tags: [], from: "", to: "2019",
                 q: "a,b & c", event: "x" };
  assert.equal(V.serialize(view), "lanes=a,b&to=2019&q=a,b%20%26%20c&event=x");
});

test("days and milliseconds", () => {
  assert.equal(V.dayMs("1970-01-02"), V.DAY_MS);
  assert.equal(V.isoDay(V.dayMs("2024-02-29")), "2024-02-29");
});
