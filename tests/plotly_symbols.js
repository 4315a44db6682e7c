// Prints, as JSON, the path plotly.js draws for each filled marker symbol at
// radius 5.5 (marker size 11), read from the bundled plotly.js itself: the
// symbol table is cut out of the bundle and evaluated with the few helpers it
// calls. tests/source/test_symbols.py compares the result with macros/symbols.py.
"use strict";
const fs = require("fs");

const bundle = fs.readFileSync(process.argv[2], "utf8");
const start = bundle.lastIndexOf("{", bundle.indexOf("circle:{n:0"));
let depth = 0, end = start;
for (; end < bundle.length; end++) {
  if (bundle[end] === "{") depth++;
  else if (bundle[end] === "}" && --depth === 0) break;
}
const table = bundle.slice(start, end + 1);
// The minified names of the helpers the table calls differ between builds:
// bind whatever two-letter names it uses to what they are in plotly.js.
const round = (v, d) => Math.round(v * Math.pow(10, d)) / Math.pow(10, d);
const helpers = { round: round, sqrt3: Math.sqrt(3), sqrt2: Math.sqrt(2), pi: Math.PI,
                  cos: Math.cos, sin: Math.sin };
const defs = new Function("h", `
  const Je = h.round, Jl = h.sqrt3, DA = h.sqrt2, ky = h.pi, Cy = h.cos, Sy = h.sin;
  const qr = () => false, Lr = "M0,0Z", Er = (r, t, p) => p;
  return (${table});`)(helpers);
const out = {};
for (const name of Object.keys(defs)) {
  const d = defs[name];
  if (!d.needLine && !d.noFill) out[name] = d.f(5.5, 0, null);
}
process.stdout.write(JSON.stringify(out));
