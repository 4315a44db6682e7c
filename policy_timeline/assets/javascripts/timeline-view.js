/* The view of a timeline and its address: which lanes, kinds, tags, years and
 * words it shows, read from a URL (query or fragment) and written back, and
 * which events it draws and lists.
 *
 * Pure: no DOM. The first of the timeline's scripts (ARCHITECTURE.md, "The
 * scripts"); the embed builder reads the parameters' names from here too.
 * Python's counterpart is policy_timeline's view module (TimelineFilter); the
 * two are held to the same answers by tests/js/vectors/view.json, which both
 * pytest and Node's test runner read.
 */
(function (scope) {
  "use strict";

  var ns = scope.policyTimeline = scope.policyTimeline || {};

  // The view's parameters, as every address names them and in the order it
  // lists them: TimelineFilter's lanes, kinds, tags, start (from), end (to), q.
  var LISTS = ["lanes", "kinds", "tags"];
  var DATES = ["from", "to"];
  var PARAMS = LISTS.concat(DATES, ["q"]);
  // What a timeline's address carries: the view, and the event selected in it.
  var KEYS = PARAMS.concat(["event"]);

  var ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
  var DAY_MS = 86400000;
  var Q_MAX = 200;

  // Maps without a prototype: a vocabulary id such as "constructor" is a key like any other.
  function setOf(values) {
    var out = Object.create(null);
    values.forEach(function (v) { out[v] = true; });
    return out;
  }

  function list(value) {
    return String(value || "").split(",").map(function (s) { return s.trim(); })
      .filter(function (s) { return s; });
  }

  function dayMs(iso) {
    return Date.parse(iso.length === 10 ? iso + "T00:00:00Z" : iso);
  }

  function isoDay(ms) {
    return new Date(ms).toISOString().slice(0, 10);
  }

  // A URL date ("2009", "2017-07", "2017-07-20") as its first or last day, or
  // null when it is not a date on the calendar within years 1 to 9999.
  function dateBound(text, last) {
    var m = DATE.exec(String(text || ""));
    if (!m) return null;
    var year = Number(m[1]);
    if (year < 1) return null;
    var month = m[2] ? Number(m[2]) : (last ? 12 : 1);
    if (month < 1 || month > 12) return null;
    var end = new Date(0);
    end.setUTCFullYear(year, month, 0);        // day 0 of the next month: this one's last
    var days = end.getUTCDate();
    var day = m[3] ? Number(m[3]) : (last ? days : 1);
    if (day < 1 || day > days) return null;
    return m[1] + "-" + String(month).padStart(2, "0") + "-" + String(day).padStart(2, "0");
  }

  // The view's keys in a query string or fragment ("?lanes=a,b", "#q=x"), as given.
  function parseParams(text) {
    var out = Object.create(null);
    new URLSearchParams(String(text || "").replace(/^[?#]/, "")).forEach(function (value, key) {
      if (KEYS.indexOf(key) >= 0) out[key] = value;
    });
    return out;
  }

  // Only what can be a view gets in: ids of the vocabulary (when `data`, the
  // timeline's data, is known), dates on the calendar, a short search, an
  // event id. Anything else is ignored and the view falls back to its default
  // for that key.
  function cleanView(raw, data) {
    var view = { lanes: [], kinds: [], tags: [], from: "", to: "", q: "", event: "" };
    LISTS.forEach(function (key) {
      if (!(key in raw)) return;
      var known = data ? setOf(data[key].map(function (t) { return t.id; })) : null;
      view[key] = list(raw[key]).filter(function (id) {
        return ID.test(id) && (!known || known[id] === true);
      });
    });
    var from = "from" in raw ? dateBound(raw.from, false) : null;
    var to = "to" in raw ? dateBound(raw.to, true) : null;
    if (from && to && from > to) from = to = null;
    if (from) view.from = String(raw.from);
    if (to) view.to = String(raw.to);
    if (typeof raw.q === "string") view.q = raw.q.slice(0, Q_MAX);
    if (typeof raw.event === "string" && ID.test(raw.event)) view.event = raw.event;
    return view;
  }

  // A view as the address writes it: "lanes=a,b&q=open%20data".
  function serialize(view) {
    var parts = [];
    KEYS.forEach(function (key) {
      var value = Array.isArray(view[key]) ? view[key].join(",") : view[key];
      if (value) parts.push(key + "=" + encodeURIComponent(value).replace(/%2C/g, ","));
    });
    return parts.join("&");
  }

  // Which events a view draws (`visible`: of its lanes, kinds and tags, and
  // found by its words) and lists (`listed`: drawn, and within its dates), as
  // TimelineFilter.shows and .matches say. `data` has the timeline's columns.
  function shown(data, view) {
    var ev = data.events;
    var lanes = view.lanes.length ? setOf(view.lanes) : null;
    var kinds = view.kinds.length ? setOf(view.kinds) : null;
    var tags = view.tags.length ? setOf(view.tags) : null;
    var words = view.q.toLocaleLowerCase().split(/\s+/).filter(Boolean);
    var from = view.from ? dateBound(view.from, false) : null;
    var to = view.to ? dateBound(view.to, true) : null;
    var laneIds = data.lanes.map(function (l) { return l.id; });
    var kindIds = data.kinds.map(function (k) { return k.id; });
    var tagIds = data.tags.map(function (t) { return t.id; });
    var visible = [], listed = [];
    for (var i = 0; i < ev.id.length; i++) {
      var show = (!lanes || lanes[laneIds[ev.lane[i]]] === true) &&
        (!kinds || kinds[kindIds[ev.kind[i]]] === true) &&
        (!tags || ev.tags[i].some(function (t) { return tags[tagIds[t]] === true; }));
      if (show && words.length) {
        var titles = ev.titles[i].map(function (t) { return t[1]; }).join(" ");
        var text = (ev.title[i] + " " + titles + " " + ev.summary[i]).toLocaleLowerCase();
        show = words.every(function (w) { return text.indexOf(w) >= 0; });
      }
      visible.push(show);
      listed.push(show && (!from || ev.last[i] >= from) && (!to || ev.first[i] <= to));
    }
    return { visible: visible, listed: listed };
  }

  // The interface's strings the scripts write, from a view's data-messages (the site's
  // catalogue, render/catalogue.py): t(key, values) fills {name} placeholders ({{ and }}
  // are braces); plural(key, n, values) picks key.one or key.other by the language's
  // rule, as Python's Messages.plural does, and fills {n}. A key the table lacks says
  // itself.
  function messages(table, lang) {
    var own = table || {};
    var has = function (key) { return Object.prototype.hasOwnProperty.call(own, key); };
    var rules = null;
    try { rules = new Intl.PluralRules(lang || "en"); } catch (e) { rules = null; }
    function fill(text, values) {
      return text.replace(/\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}/g, function (all, name) {
        if (!name) return all.charAt(0);
        var known = values && Object.prototype.hasOwnProperty.call(values, name);
        return known ? String(values[name]) : all;
      });
    }
    function t(key, values) { return fill(has(key) ? own[key] : key, values); }
    function plural(key, n, values) {
      var one = (rules ? rules.select(n) : (n === 1 ? "one" : "other")) === "one";
      return t(key + (one && has(key + ".one") ? ".one" : ".other"),
               Object.assign({ n: n }, values));
    }
    return { t: t, plural: plural };
  }

  ns.view = {
    messages: messages,
    LISTS: LISTS, DATES: DATES, PARAMS: PARAMS, KEYS: KEYS, ID: ID, DAY_MS: DAY_MS, Q_MAX: Q_MAX,
    setOf: setOf, list: list, dayMs: dayMs, isoDay: isoDay, dateBound: dateBound,
    parseParams: parseParams, cleanView: cleanView, serialize: serialize, shown: shown
  };
  if (typeof module === "object" && module.exports) module.exports = ns.view;
})(typeof window === "object" ? window : globalThis);
