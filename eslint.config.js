// ESLint (make lint-js): the engine's scripts, served as they are, and their tests.
"use strict";

const js = require("@eslint/js");
const globals = require("globals");

module.exports = [
  // Vendored (plotly.js) and generated files are not ours to lint.
  { ignores: ["**/vendor/", "node_modules/", "site/", "exports/", ".venv/", "bench/", ".policy-timeline/", "site.policy-timeline-*/", "build/", "dist/"] },
  js.configs.recommended,
  {
    // Classic scripts (ARCHITECTURE.md, "The scripts"): each one a function
    // that adds to window.policyTimeline. The pure ones are also loaded by
    // Node's test runner, which gives them `module` and `require`.
    files: ["policy_timeline/assets/javascripts/**/*.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: { ...globals.browser, module: "readonly", require: "readonly" },
    },
    rules: {
      "no-unused-vars": ["error", { caughtErrors: "none" }],
    },
  },
  {
    files: ["tests/**/*.js", "eslint.config.js"],
    languageOptions: { sourceType: "commonjs", globals: { ...globals.node } },
  },
];
