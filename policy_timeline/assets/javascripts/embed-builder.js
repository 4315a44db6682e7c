/* The embed builder (/embed/builder/): the form's choices become the
 * embed's URL parameters, the preview and the snippet. timeline.js loads
 * this file only on a page with a .pt-builder form, and calls
 * policyTimelineBuilder(form) on every page view. The view's parameters
 * are timeline-view.js's, loaded before it on every page. */
(function () {
  "use strict";

  var V = window.policyTimeline.view;
  var LISTS = V.LISTS;
  // The embed's own choices, radio buttons, and the values each may take: the colours
  // ("" follows the reader's scheme) and how the filters show.
  var OWN = { theme: ["", "light", "dark"], filters: ["open", "folded", "hidden"] };
  // Every name a view's address may carry: the view, its event, and the embed's own.
  var VIEW_KEYS = V.KEYS.concat(Object.keys(OWN));
  // How long the preview waits for the next choice: typing, then a box ticked.
  var PREVIEW_PAUSE_MS = { input: 400, change: 150 };
  // Carried from the view the builder was opened with, as they were: a date
  // range finer than years, and the selected event.
  var carried = {};

  function attr(text) {
    return String(text).replace(/&/g, "&amp;").replace(/"/g, "&quot;")
      .replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  // An interface string in the site's language, from the form's data-messages.
  function said(form, key) {
    try {
      return JSON.parse(form.dataset.messages || "{}")[key] || key;
    } catch (broken) {
      return key;
    }
  }

  function fill(form, params) {
    LISTS.forEach(function (name) {
      var chosen = V.list(params.get(name));
      form.querySelectorAll("input[name=" + name + "]").forEach(function (box) {
        box.checked = chosen.indexOf(box.value) >= 0;
      });
    });
    V.DATES.forEach(function (name) {
      var value = params.get(name) || "";
      if (/^\d{4}(-\d\d(-\d\d)?)?$/.test(value)) {
        form.elements[name].value = value.slice(0, 4);
        carried[name] = value;
      }
    });
    form.elements.q.value = params.get("q") || "";
    if (V.ID.test(params.get("event") || "")) carried.event = params.get("event");
    // A choice the address makes; else the form's own default stays (the filters:
    // folded when the frame is shorter than the chart, embed-builder.html).
    Object.keys(OWN).forEach(function (name) {
      var value = params.get(name);
      if (value !== null && OWN[name].indexOf(value) >= 0) {
        form.querySelector("input[name=" + name + "][value=\"" + value + "\"]").checked = true;
      }
    });
  }

  // The view the builder opens with: from the fragment, where this site's links put it,
  // or from the query string of an address written before they did.
  function addressParams() {
    var hash = new URLSearchParams(location.hash.replace(/^#/, ""));
    var found = VIEW_KEYS.some(function (key) { return hash.has(key); });
    return found ? hash : new URLSearchParams(location.search);
  }

  function query(form) {
    var parts = [];
    LISTS.forEach(function (name) {
      var values = [];
      form.querySelectorAll("input[name=" + name + "]:checked").forEach(function (box) {
        values.push(encodeURIComponent(box.value));
      });
      if (values.length) parts.push(name + "=" + values.join(","));
    });
    V.DATES.forEach(function (name) {
      var value = form.elements[name].value.trim();
      if (!/^\d{4}$/.test(value)) return;
      var exact = carried[name] && carried[name].slice(0, 4) === value ? carried[name] : value;
      parts.push(name + "=" + exact);
    });
    var words = form.elements.q.value.trim();
    if (words) parts.push("q=" + encodeURIComponent(words));
    if (carried.event) parts.push("event=" + carried.event);
    Object.keys(OWN).forEach(function (name) {
      var chosen = form.querySelector("input[name=" + name + "]:checked");
      if (chosen && chosen.value) parts.push(name + "=" + chosen.value);
    });
    return parts.length ? "?" + parts.join("&") : "";
  }

  function snippet(form, url) {
    var d = form.dataset;
    return '<iframe src="' + attr(url) + '" title="' + attr(d.title) + '" loading="lazy"\n' +
      '  sandbox="' + attr(d.sandbox) + '"\n' +
      '  style="width: 100%; height: ' + d.height + 'px; border: 0"></iframe>\n' + d.resize;
  }

  function copy(text, textarea) {
    if (navigator.clipboard && window.isSecureContext) {
      // A clipboard that never answers (a permission prompt left open, a page that lost
      // the focus) must not leave the reader without word: after a second and a half the
      // old way is tried, and the status says how it went.
      var late = new Promise(function (resolve, reject) {
        setTimeout(function () { reject(new Error("clipboard")); }, 1500);
      });
      return Promise.race([navigator.clipboard.writeText(text), late]).catch(function () {
        return copyBySelection(textarea);
      });
    }
    return copyBySelection(textarea);
  }

  function copyBySelection(textarea) {
    // The old way, for pages served over plain http (no Clipboard API).
    textarea.focus();
    textarea.select();
    return document.execCommand("copy") ? Promise.resolve() : Promise.reject(new Error("copy"));
  }

  function follow(preview) {
    // The same height handshake the snippet gives host pages.
    window.addEventListener("message", function (event) {
      var data = event.data;
      var d = document.querySelector(".pt-builder").dataset;
      if (!data || data.type !== d.message || event.source !== preview.contentWindow) return;
      preview.style.height = Math.min(Number(d.maxHeight), Math.max(Number(d.minHeight),
                                                                     Number(data.height) || 0)) + "px";
    });
  }

  window.policyTimelineBuilder = function (form) {
    if (form.dataset.ready) return;
    form.dataset.ready = "true";
    var preview = document.querySelector(".pt-preview");
    var textarea = document.querySelector(".pt-snippet");
    var status = document.querySelector(".pt-copy-status");
    var embed = new URL(form.dataset.embed, location.href);
    embed.search = embed.hash = "";
    fill(form, addressParams());
    follow(preview);

    // The preview follows the form once the reader pauses: each address it is given is
    // a whole page load, and "robot" typed, or three lanes ticked, would be five or three.
    var pending = null;
    function showInPreview(url) {
      if (preview.src !== url) preview.src = url;
    }

    function update(event) {
      var q = query(form);
      var url = embed.href + q;
      clearTimeout(pending);
      if (event && PREVIEW_PAUSE_MS[event.type]) {
        pending = setTimeout(function () { showInPreview(url); }, PREVIEW_PAUSE_MS[event.type]);
      } else {
        showInPreview(url);
      }
      textarea.value = snippet(form, url);
      // The builder's own address keeps the choice, so it can be shared too: in the
      // fragment, since mkdocs-material opens its search for a ?q= in the query.
      history.replaceState(history.state, "", location.pathname + (q ? "#" + q.slice(1) : ""));
      status.textContent = "";
    }

    form.addEventListener("change", update);
    form.addEventListener("input", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    document.querySelector(".pt-copy").addEventListener("click", function () {
      copy(textarea.value, textarea).then(function () {
        status.textContent = said(form, "embed.builder.copied");
      }, function () {
        status.textContent = said(form, "embed.builder.copy_by_hand");
      });
    });
    update();
  };
})();
