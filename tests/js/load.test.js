// plotly.js and its locale (timeline-load.js): a view or chart that names the site's
// locale asks for plotly.js and the locale's file together, once per page, and draws
// with it in its config; one in English asks for plotly.js alone. The script run in a
// window whose document only records the <script> elements added; the test finishes
// each as the browser would. The browser side: tests/test_plotly_locale_browser.py.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const FILE = path.join(__dirname, "..", "..", "policy_timeline", "assets", "javascripts",
                       "timeline-load.js");

function loader() {
  const added = [];
  const errors = [];
  const document = { head: { appendChild: (script) => added.push(script) },
                     createElement: () => ({}) };
  const window = vm.createContext({
    URL, Promise, Object, document, location: new URL("http://127.0.0.1/a/"),
    console: { error: (...args) => errors.push(args.join(" ")) },
  });
  window.window = window;
  vm.runInContext(fs.readFileSync(FILE, "utf8"), window, { filename: FILE });
  return { load: window.policyTimeline.load, window, added, errors };
}

function view(dataset) {
  return { dataset: Object.assign({ plotly: "../vendor/plotly.js" }, dataset) };
}

const FR = { plotlyLocale: "fr", plotlyLocaleSrc: "../vendor/locales/plotly-locale-fr.js" };

test("a view in French asks for plotly.js and its locale together, whichever ends first", async () => {
  const { load, window, added } = loader();
  const loaded = load.loadPlotly(view(FR));
  // Both asked for before either has arrived.
  assert.deepEqual(added.map((s) => s.src), ["http://127.0.0.1/vendor/plotly.js",
                                             "http://127.0.0.1/vendor/locales/plotly-locale-fr.js"]);
  let done = false;
  loaded.then(() => { done = true; });
  added[1].onload();                         // the locale first
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(done, false);                 // plotly.js is still on its way
  window.Plotly = { name: "plotly.js" };
  added[0].onload();
  assert.equal(await loaded, window.Plotly);
  // A second view of the page asks for nothing again.
  assert.equal(await load.loadPlotly(view(FR)), window.Plotly);
  assert.equal(added.length, 2);
});

test("a view in English asks for plotly.js alone and draws in its English", async () => {
  const { load, window, added } = loader();
  const loaded = load.loadPlotly(view({}));
  assert.deepEqual(added.map((s) => s.src), ["http://127.0.0.1/vendor/plotly.js"]);
  window.Plotly = { name: "plotly.js" };
  added[0].onload();
  assert.equal(await loaded, window.Plotly);
  const config = { responsive: true };
  assert.equal(load.plotlyConfig(view({}), config), config);
});

test("the config names the locale, and keeps every other setting", () => {
  const { load } = loader();
  const config = { responsive: true, displayModeBar: false };
  assert.deepEqual({ ...load.plotlyConfig(view(FR), config) },
                   { locale: "fr", responsive: true, displayModeBar: false });
  assert.deepEqual({ ...config }, { responsive: true, displayModeBar: false });  // untouched
});

test("a locale that does not load leaves the chart to draw in plotly.js's English", async () => {
  const { load, window, added, errors } = loader();
  const loaded = load.loadPlotly(view(FR));
  added[1].onerror();
  window.Plotly = { name: "plotly.js" };
  added[0].onload();
  assert.equal(await loaded, window.Plotly);
  assert.match(errors.join("\n"), /could not load .*plotly-locale-fr\.js/);
});
