// Slate's small client script: everything works without it; it only adds
// feedback that htmx alone does not give. No inline script anywhere (CSP).
(function () {
  "use strict";

  function toast(message, kind) {
    var region = document.getElementById("toasts");
    if (!region) return;
    var el = document.createElement("div");
    el.className = "toast" + (kind ? " toast-" + kind : "");
    el.textContent = message;
    region.appendChild(el);
    setTimeout(function () { el.remove(); }, 6000);
  }

  // An htmx request that failed (403, 500, network) shows the server's
  // plain message instead of silently doing nothing.
  document.addEventListener("htmx:responseError", function (evt) {
    var xhr = evt.detail.xhr;
    var msg = "Something went wrong. Please try again.";
    if (xhr && xhr.responseText) {
      var doc = new DOMParser().parseFromString(xhr.responseText, "text/html");
      var h = doc.querySelector(".error-page h1");
      if (h && h.textContent.trim()) msg = h.textContent.trim();
    }
    toast(msg, "error");
  });
  document.addEventListener("htmx:sendError", function () {
    toast("We could not reach Slate. Check your connection and try again.", "error");
  });

  // Upload progress: a form with [data-progress] shows a progress bar
  // while htmx sends it.
  document.addEventListener("htmx:xhr:progress", function (evt) {
    var form = evt.target.closest && evt.target.closest("form[data-progress]");
    if (!form || !evt.detail.lengthComputable) return;
    var bar = form.querySelector("progress");
    if (!bar) return;
    bar.hidden = false;
    bar.value = Math.round((evt.detail.loaded / evt.detail.total) * 100);
  });
  document.addEventListener("htmx:afterRequest", function (evt) {
    var form = evt.target.closest && evt.target.closest("form[data-progress]");
    var bar = form && form.querySelector("progress");
    if (bar) { bar.hidden = true; bar.value = 0; }
  });

  // A deadline is read in the producer's time zone: a hidden
  // [data-time-zone] field left empty gets the browser's zone, and the
  // [data-tz-label] beside the deadline names it. Without this script the
  // server reads the deadline as UTC and says so.
  function fillTimeZones(root) {
    var zone = "";
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { zone = ""; }
    if (!zone) return;
    var fields = root.querySelectorAll ? root.querySelectorAll("input[data-time-zone]") : [];
    Array.prototype.forEach.call(fields, function (input) {
      if (input.value) return;
      input.value = zone;
      var label = input.form && input.form.querySelector("[data-tz-label]");
      if (label) label.textContent = zone;
    });
  }
  fillTimeZones(document);
  document.addEventListener("htmx:load", function (evt) { fillTimeZones(evt.detail.elt); });

  // The account reads dates in its browser's time zone: tell Slate once
  // when the zone it has differs (a new account says UTC).
  document.addEventListener("DOMContentLoaded", function () {
    var saved = document.body.getAttribute("data-time-zone");
    var zone;
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
    if (saved === null || !zone || zone === saved) return;
    var token = "";
    try { token = JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRF-Token"]; } catch (e) { return; }
    fetch("/settings/time-zone", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": token },
      body: "time_zone=" + encodeURIComponent(zone)
    }).then(function (r) { if (r.ok) document.body.setAttribute("data-time-zone", zone); });
  });
})();

// slice: closing — the navigation's bell asks for its count (htmx, the
// "slate:bell" event its hx-trigger listens for) every 30 s while the tab
// is visible, and at once when the tab becomes visible again; a hidden
// tab asks nothing. The server answers 304 while the count is unchanged.
(function () {
  "use strict";
  function ring() {
    if (document.visibilityState !== "visible" || !window.htmx || !document.getElementById("nav-bell")) return;
    window.htmx.trigger(document.body, "slate:bell");
  }
  setInterval(ring, 30000);
  document.addEventListener("visibilitychange", ring);
})();

// slice: validation — a moderator's claim on a task is renewed every 60 s
// while the review is open and visible only: a review left in a hidden
// tab lets the claim run out (15 minutes) so another moderator can take
// the task; coming back renews it at once while it is still ours.
(function () {
  "use strict";
  document.addEventListener("htmx:confirm", function (evt) {
    if (document.visibilityState !== "visible" && evt.target && evt.target.id === "claim") evt.preventDefault();
  });
  document.addEventListener("visibilitychange", function () {
    var claim = document.getElementById("claim");
    if (document.visibilityState === "visible" && claim && claim.hasAttribute("hx-post") && window.htmx) {
      window.htmx.trigger(claim, "slate:renew");
    }
  });
})();

// slice: polish — the phone's "Menu" (a <details> in partials/nav.html,
// which opens and closes without this script): its summary says whether it
// is open (aria-expanded), Escape closes it and gives focus back, and a
// click outside closes it. A browser without ::details-content could not
// show a closed menu's links on a wide screen, so there it is opened.
(function () {
  "use strict";
  var menu = document.getElementById("nav-menu");
  if (!menu) return;
  var toggle = menu.querySelector("summary");
  function sync() { toggle.setAttribute("aria-expanded", menu.open ? "true" : "false"); }
  var wide = window.matchMedia("(min-width: 760px)");
  var styled = window.CSS && CSS.supports && CSS.supports("selector(::details-content)");
  function unfold() { if (!styled && wide.matches) menu.open = true; }
  unfold();
  if (wide.addEventListener) wide.addEventListener("change", unfold);
  sync();
  menu.addEventListener("toggle", sync);
  document.addEventListener("keydown", function (evt) {
    if (evt.key === "Escape" && menu.open && !wide.matches) {
      menu.open = false;
      toggle.focus();
    }
  });
  document.addEventListener("click", function (evt) {
    if (menu.open && !wide.matches && !menu.contains(evt.target)) menu.open = false;
  });
})();
