// The shared test vectors (vectors/*.json), and the timeline data a view's vectors
// describe, in the columns timeline.json has (figure_data.timeline_data).
"use strict";

const fs = require("node:fs");
const path = require("node:path");

function read(name) {
  return JSON.parse(fs.readFileSync(path.join(__dirname, "vectors", name + ".json"), "utf8"));
}

// The last day of an event's date as given ("2018", "2020-12", "2017-07-20").
function lastDay(text) {
  const [y, m, d] = text.split("-").map(Number);
  if (d) return text;
  const end = new Date(Date.UTC(y, m || 12, 0));
  return end.toISOString().slice(0, 10);
}

function firstDay(text) {
  return (text + "-01-01").slice(0, 10);
}

function timelineData(vectors) {
  const vocab = vectors.vocabulary;
  const index = (list) => Object.fromEntries(list.map((id, i) => [id, i]));
  const lanes = index(vocab.lanes), kinds = index(vocab.kinds), tags = index(vocab.tags);
  const evs = vectors.events;
  return {
    lanes: vocab.lanes.map((id) => ({ id })),
    kinds: vocab.kinds.map((id) => ({ id })),
    tags: vocab.tags.map((id) => ({ id })),
    events: {
      id: evs.map((e) => e.id),
      lane: evs.map((e) => lanes[e.lane]),
      kind: evs.map((e) => kinds[e.kind]),
      tags: evs.map((e) => e.tags.map((t) => tags[t])),
      title: evs.map((e) => e.title),
      titles: evs.map((e) => Object.entries(e.titles)),
      summary: evs.map((e) => e.summary),
      first: evs.map((e) => firstDay(e.date)),
      last: evs.map((e) => lastDay(e.end || e.date)),
    },
  };
}

// A view's values as an address gives them: lists comma-separated, start and end as from and to.
function rawParams(filter) {
  const raw = {};
  for (const [key, value] of Object.entries(filter)) {
    const name = { start: "from", end: "to" }[key] || key;
    raw[name] = Array.isArray(value) ? value.join(",") : value;
  }
  return raw;
}

module.exports = { read, timelineData, rawParams };
