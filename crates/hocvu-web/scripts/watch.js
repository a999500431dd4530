// Development only (`hocvu serve --watch`): reload this page when the content is recompiled,
// or show the compiler's error on it (the last good version stays served).
(function () {
  "use strict";
  var seen = null;
  function show(error) {
    var box = document.getElementById("watch-error");
    if (!box) {
      box = document.createElement("pre");
      box.id = "watch-error";
      box.setAttribute("role", "alert");
      box.className = "result failed";
      box.style.whiteSpace = "pre-wrap";
      document.body.insertBefore(box, document.body.firstChild);
    }
    box.textContent = error;
  }
  function poll() {
    fetch("/_watch", { cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (state) {
        if (!state) return;
        if (seen === null) seen = state.generation;
        if (state.error) show(state.error);
        else if (state.generation !== seen) location.reload();
      })
      .catch(function () {})
      .then(function () { setTimeout(poll, 500); });
  }
  poll();
})();
