// The engine's scripts as a page loads them: classic scripts, in the embed page's
// order (templates/embed.html; tests/timeline/test_scripts.py holds it to urls.py), that
// share one object, window.policyTimeline. No browser: a bare window.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const ASSETS = path.join(__dirname, "..", "..", "policy_timeline");
const SCRIPTS = path.join(ASSETS, "assets", "javascripts");

function embedOrder() {
  const template = fs.readFileSync(path.join(ASSETS, "templates", "embed.html"), "utf8");
  const list = /for name in \[([^\]]*)\]/.exec(template)[1];
  return list.split(",").map((name) => name.trim().replace(/^'|'$/g, ""));
}

// A window with an empty page, enough for the scripts to load and start.
function bareWindow() {
  const noop = () => {};
  const element = { setAttribute: noop, getAttribute: () => null };
  const document = {
    readyState: "complete", documentElement: element, body: element, head: element,
    querySelector: () => null, querySelectorAll: () => [], getElementById: () => null,
    addEventListener: noop,
  };
  const window = { document, location: new URL("http://example.org/embed/#lanes=x"),
                   URL, URLSearchParams, console, setTimeout, clearTimeout, Promise,
                   addEventListener: noop, getComputedStyle: () => ({}) };
  window.window = window;
  window.parent = window;
  return vm.createContext(window);
}

test("the embed page loads the hooks, then every timeline script, the loader last", () => {
  const order = embedOrder();
  assert.equal(order[0], "embed");
  assert.equal(order[order.length - 1], "timeline");
  const files = fs.readdirSync(SCRIPTS).filter((f) => f.startsWith("timeline"));
  assert.deepEqual(order.slice(1).map((n) => n + ".js").sort(), files.sort());
});

test("loaded in that order, the scripts make one object, as before the split", () => {
  const window = bareWindow();
  for (const name of embedOrder()) {
    const file = path.join(SCRIPTS, name + ".js");
    vm.runInContext(fs.readFileSync(file, "utf8"), window, { filename: file });
  }
  const ns = window.policyTimeline;
  for (const part of ["view", "figure", "load", "Timeline"]) assert.ok(ns[part], part);
  for (const method of ["hydrate", "draw", "setRange", "zoom", "select", "showCard", "key",
                        "fillControls", "wire", "action", "download"]) {
    assert.equal(typeof ns.Timeline.prototype[method], "function", method);
  }
  // The names the object had when it was one script (the browser tests use views()).
  for (const name of ["cleanView", "serialize", "parseParams", "dateBound", "labelText", "bands",
                      "figureFor", "levelFor", "tickYears", "views"]) {
    assert.equal(typeof ns[name], "function", name);
  }
  assert.equal(ns.views().length, 0);
  assert.equal(typeof window.policyTimelineHooks.writeUrl, "function");
});

test("no script is over 400 lines", () => {
  for (const file of fs.readdirSync(SCRIPTS)) {
    const lines = fs.readFileSync(path.join(SCRIPTS, file), "utf8").split("\n").length - 1;
    assert.ok(lines <= 400, file + ": " + lines + " lines");
  }
});
