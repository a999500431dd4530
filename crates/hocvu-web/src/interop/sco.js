// A hocvu lesson as a SCORM 1.2 SCO. Finds the LMS's `API` object (in a parent frame or the
// opener), grades the quiz here with the key in the page (`data-quiz`), reports
// cmi.core.lesson_status (passed/failed, or completed for a lesson without a quiz) and
// cmi.core.score.raw/min/max (per cent), and keeps the chosen answers in cmi.suspend_data so
// the lesson resumes as it was left. Without an LMS the page still grades, for a preview.
(function () {
  "use strict";
  function findApi(win) {
    for (var hops = 0; win && hops < 12; hops++) {
      try {
        if (win.API) return win.API;
      } catch (e) {
        return null;
      }
      if (win.parent && win.parent !== win) win = win.parent;
      else break;
    }
    return null;
  }
  var api = findApi(window) || (window.opener ? findApi(window.opener) : null);
  var started = false;
  if (api) started = String(api.LMSInitialize("")) === "true";
  function get(name) {
    return started ? String(api.LMSGetValue(name) || "") : "";
  }
  function set(name, value) {
    if (started) api.LMSSetValue(name, String(value));
  }
  function commit() {
    if (started) api.LMSCommit("");
  }
  function finish() {
    if (!started) return;
    started = false;
    api.LMSFinish("");
  }
  function fill(template, values) {
    // Fluent isolates placeables with U+2068/U+2069; they stay out of plain text here.
    return template.replace(/[\u2068\u2069]/g, "").replace(/\{(\w+)\}/g, function (m, k) {
      return k in values ? values[k] : m;
    });
  }

  var form = document.getElementById("quiz");
  var status = get("cmi.core.lesson_status");
  if (!form) {
    if (status !== "passed") set("cmi.core.lesson_status", "completed");
    commit();
  } else {
    var quiz = JSON.parse(form.getAttribute("data-quiz"));
    var ids = Object.keys(quiz.key);
    var chosenOf = function () {
      var chosen = {};
      ids.forEach(function (q) {
        var picked = [];
        form.querySelectorAll('input[name="' + q + '"]').forEach(function (input) {
          if (input.checked) picked.push(input.value);
        });
        if (picked.length) chosen[q] = picked.sort();
      });
      return chosen;
    };
    var show = function (chosen) {
      var right = 0;
      ids.forEach(function (q) {
        var key = quiz.key[q].slice().sort().join(",");
        var picked = chosen[q] || [];
        var ok = picked.length > 0 && picked.join(",") === key;
        if (ok) right++;
        var box = document.getElementById(q);
        box.className = "q " + (picked.length === 0 ? "unanswered" : ok ? "right" : "wrong");
        var mark = box.querySelector(".mark");
        mark.hidden = picked.length > 0;
        mark.textContent = quiz.unanswered;
        box.querySelectorAll(".feedback").forEach(function (p) {
          var option = p.getAttribute("data-for").slice(q.length + 1);
          var was = picked.indexOf(option) >= 0;
          var correct = quiz.key[q].indexOf(option) >= 0;
          p.hidden = !was;
          p.className = "feedback " + (correct ? "right" : "wrong");
          p.querySelector("strong").textContent = (correct ? quiz.right : quiz.wrong) + ":";
        });
      });
      var total = ids.length;
      var needed = Math.ceil((quiz.pass_mark * total) / 100);
      var passed = right >= needed;
      var result = document.getElementById("result");
      var lines = result.querySelectorAll("p");
      lines[0].textContent = fill(quiz.score, { right: right, total: total });
      lines[1].textContent = passed ? quiz.passed : fill(quiz.failed, { needed: needed });
      result.className = "result " + (passed ? "passed" : "failed");
      result.hidden = false;
      form.querySelector("button[type=submit]").textContent = quiz.retry;
      return { right: right, total: total, passed: passed };
    };
    var restore = function () {
      var saved;
      try {
        saved = JSON.parse(get("cmi.suspend_data") || "null");
      } catch (e) {
        saved = null;
      }
      if (!saved || typeof saved.answers !== "object") return;
      Object.keys(saved.answers).forEach(function (q) {
        (saved.answers[q] || []).forEach(function (v) {
          var input = form.querySelector('input[name="' + q + '"][value="' + v + '"]');
          if (input) input.checked = true;
        });
      });
      show(saved.answers);
    };
    if (status === "" || status === "not attempted") set("cmi.core.lesson_status", "incomplete");
    restore();
    commit();
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var chosen = chosenOf();
      var graded = show(chosen);
      var percent = graded.total ? Math.round((100 * graded.right) / graded.total) : 100;
      // A pass is kept: a later worse attempt does not take it back (as on the site).
      if (get("cmi.core.lesson_status") !== "passed" || graded.passed) {
        set("cmi.core.score.min", 0);
        set("cmi.core.score.max", 100);
        set("cmi.core.score.raw", percent);
        set("cmi.core.lesson_status", graded.passed ? "passed" : "failed");
      }
      set("cmi.suspend_data", JSON.stringify({ answers: chosen }));
      set("cmi.core.exit", "suspend");
      commit();
      document.getElementById("result").focus();
    });
  }
  window.addEventListener("pagehide", finish);
  window.addEventListener("beforeunload", finish);
})();
