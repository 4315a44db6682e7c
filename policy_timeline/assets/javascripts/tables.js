/* The behaviour of the site's pages outside the timeline:
 *
 * - sorting and filtering for the events table (/events/). The table is
 *   complete plain HTML without this script. The filter form is rendered
 *   hidden, with its lanes and kinds from the vocabulary, and shown here once
 *   it can work;
 * - "Save as a file" for an event's citation: the BibTeX and CSL-JSON are in
 *   the page (to copy without this script); the buttons, shown here, save the
 *   text as a file, from the page itself, with nothing fetched.
 *
 * Subscribes to mkdocs-material's document$ so it runs again after instant
 * navigation swaps the page in.
 */
(function () {
  "use strict";

  function cellKey(row, column) {
    var cell = row.cells[column];
    if (!cell) return "";
    return cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
  }

  var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

  function makeSortable(table) {
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headers, function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "pt-sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        // Stable: equal keys keep their time order.
        rows.sort(function (a, b) {
          var order = collator.compare(cellKey(a, column), cellKey(b, column));
          return ascending ? order : -order;
        });
        var fragment = document.createDocumentFragment();
        rows.forEach(function (row) { fragment.appendChild(row); });
        body.appendChild(fragment);
      });
    });
  }

  // A string of the site's catalogue, from the element's data-messages (JSON, in the
  // site's language: render/catalogue.py), its {placeholders} filled.
  function said(el, key, values) {
    var table = {};
    try { table = JSON.parse(el.getAttribute("data-messages") || "{}"); } catch (e) { /* none */ }
    var text = Object.prototype.hasOwnProperty.call(table, key) ? table[key] : key;
    return text.replace(/\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}/g, function (all, name) {
      if (!name) return all.charAt(0);
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
    });
  }

  function makeFilterable(form, table) {
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var texts = rows.map(function (row) { return row.textContent.toLowerCase(); });
    var status = form.querySelector(".pt-table-status");
    function apply() {
      var text = form.elements.text.value.trim().toLowerCase();
      var lane = form.elements.lane.value;
      var kind = form.elements.kind.value;
      var shown = 0;
      rows.forEach(function (row, i) {
        var visible = (!text || texts[i].indexOf(text) !== -1)
          && (!lane || row.getAttribute("data-lane") === lane)
          && (!kind || row.getAttribute("data-kind") === kind);
        row.hidden = !visible;
        if (visible) shown += 1;
      });
      if (status) status.textContent = said(status, "pages.events_index.showing",
                                            { shown: shown, total: rows.length });
    }
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  }

  function save(button) {
    var box = button.closest(".pt-cite") || document;
    var source = box.querySelector(button.getAttribute("data-pt-save"));
    if (!source) return;
    var blob = new Blob([source.textContent], { type: button.getAttribute("data-pt-type") + ";charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = button.getAttribute("data-pt-filename");
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 0);
  }

  // One listener for every page, however the page arrived.
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-pt-save]");
    if (button) save(button);
  });

  function setUp() {
    Array.prototype.forEach.call(document.querySelectorAll(".pt-cite-downloads[hidden]"), function (p) {
      p.hidden = false;
    });
    var forms = document.querySelectorAll("form.pt-table-filter[data-table]");
    Array.prototype.forEach.call(forms, function (form) {
      var table = document.getElementById(form.getAttribute("data-table"));
      if (!table || table.hasAttribute("data-ready")) return;
      table.setAttribute("data-ready", "");
      makeSortable(table);
      makeFilterable(form, table);
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
