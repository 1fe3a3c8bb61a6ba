// Stafett's one script of its own: pages work without it. It keeps what someone types
// in a form (form[data-draft]) in the tab's sessionStorage, so a session that ends
// while they write loses nothing: after signing in again they come back to the form
// and the text is put back. It warns before the idle limit (body[data-idle], seconds)
// ends the session, and offers to keep it. Drafts are the tab's only (sessionStorage,
// gone when the tab closes), removed once the form is saved and when signing out.
(function () {
  "use strict";
  var PREFIX = "stafett-draft:";
  var store;
  try { store = window.sessionStorage; } catch (e) { return; }
  function show(id, on) { var e = document.getElementById(id); if (e) { e.hidden = !on; } }
  function fields(form) {
    return form.querySelectorAll("textarea, input[type=text], input[type=date], input[type=datetime-local], select");
  }
  function typed(form) {
    var any = false;
    fields(form).forEach(function (f) { if (f.tagName !== "SELECT" && f.value) { any = true; } });
    return any;
  }
  function save(form) {
    var data = {};
    fields(form).forEach(function (f) { if (f.name) { data[f.name] = f.value; } });
    try {
      if (typed(form)) { store.setItem(PREFIX + form.dataset.draft, JSON.stringify(data)); }
      else { store.removeItem(PREFIX + form.dataset.draft); }
    } catch (e) { /* storage full or refused: the form still works */ }
  }
  function restore(form) {
    var raw = store.getItem(PREFIX + form.dataset.draft);
    // What the server shows again (a refused form) wins over the draft.
    if (!raw || typed(form)) { return; }
    var data;
    try { data = JSON.parse(raw); } catch (e) { return; }
    fields(form).forEach(function (f) { if (f.name && Object.prototype.hasOwnProperty.call(data, f.name)) { f.value = data[f.name]; } });
    show("draft-restored", true);
  }
  var main = document.getElementById("main");
  if (main && main.hasAttribute("data-saved")) {
    var pending = store.getItem(PREFIX + "pending");
    if (pending) { store.removeItem(PREFIX + pending); store.removeItem(PREFIX + "pending"); }
  }
  document.querySelectorAll("form[data-draft]").forEach(function (form) {
    restore(form);
    form.addEventListener("input", function () { save(form); });
    form.addEventListener("change", function () { save(form); });
    form.addEventListener("submit", function () {
      save(form);
      try { store.setItem(PREFIX + "pending", form.dataset.draft); } catch (e) { /* ignore */ }
    });
  });
  document.querySelectorAll('form[action="/utlogging"]').forEach(function (form) {
    form.addEventListener("submit", function () {
      Object.keys(store).forEach(function (k) { if (k.indexOf(PREFIX) === 0) { store.removeItem(k); } });
    });
  });

  var idle = parseInt(document.body.getAttribute("data-idle") || "0", 10);
  var keep = document.getElementById("session-keep");
  if (!(idle > 0) || !keep) { return; }
  var warnAfter = Math.max(idle - 120, idle * 0.75) * 1000;
  var timers = [];
  function start() {
    timers.forEach(clearTimeout);
    show("session-warning", false);
    timers = [
      setTimeout(function () { show("session-warning", true); }, warnAfter),
      setTimeout(function () { show("session-warning", false); show("session-ended", true); }, idle * 1000)
    ];
  }
  keep.addEventListener("click", function () {
    fetch("/api/v1/me", { credentials: "same-origin" }).then(function (r) {
      if (r.ok) { start(); } else { show("session-warning", false); show("session-ended", true); }
    });
  });
  start();
})();
