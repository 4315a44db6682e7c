// timeline-view.js's messages(): the interface's strings the scripts write, from a view's
// data-messages (render/catalogue.py writes it), filled and pluralised as Python's
// Messages does (tests/render/test_catalogue.py holds Python's side to the same answers).
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const V = require("../../policy_timeline/assets/javascripts/timeline-view.js");

const EN = {
  "timeline.showing": "Showing {shown} of {total} events",
  "timeline.more.one": "{n} more event: zoom in to see it",
  "timeline.more.other": "{n} more events: zoom in to see them",
  "count.event.one": "{n} event",
  "count.event.other": "{n} events",
};

test("placeholders are filled by name; a doubled brace is a brace", () => {
  const say = V.messages(EN, "en");
  assert.equal(say.t("timeline.showing", { shown: 3, total: 9 }), "Showing 3 of 9 events");
  const braces = V.messages({ k: "{{a}} {a} {b}" }, "en");
  assert.equal(braces.t("k", { a: "x" }), "{a} x {b}");
  // Lookups are not placeholders, and an object's own names are not keys.
  assert.equal(V.messages({ k: "{a.length}" }, "en").t("k", { a: "xy" }), "{a.length}");
  assert.equal(V.messages({}, "en").t("constructor"), "constructor");
});

test("plurals follow the language's rule, as Python's Messages.plural", () => {
  const en = V.messages(EN, "en");
  assert.equal(en.plural("timeline.more", 1), "1 more event: zoom in to see it");
  assert.equal(en.plural("timeline.more", 2), "2 more events: zoom in to see them");
  assert.equal(en.plural("count.event", 0), "0 events");
  const fr = V.messages({ "count.event.one": "{n} événement",
                          "count.event.other": "{n} événements" }, "fr");
  assert.equal(fr.plural("count.event", 0), "0 événement");
  assert.equal(fr.plural("count.event", 2), "2 événements");
  // Chinese has the form "other" only.
  const zh = V.messages({ "count.event.other": "{n} 个事件" }, "zh");
  assert.equal(zh.plural("count.event", 1), "1 个事件");
});

test("without a table, a key says itself", () => {
  const none = V.messages(null, "en");
  assert.equal(none.t("timeline.showing", { shown: 1 }), "timeline.showing");
  assert.equal(none.plural("timeline.more", 2), "timeline.more.other");
});
