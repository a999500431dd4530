// Narrator's recorder: in each recording form, "Record" / "Stop" with the microphone
// (MediaRecorder), a player to listen back, "Record again"; the recording is put into the
// form's file field, so "Send" uploads it exactly like a chosen file (the page works without
// this script: the file field, with `capture`, opens the phone's own recorder).
(function () {
  "use strict";
  if (!window.MediaRecorder || !navigator.mediaDevices || !window.DataTransfer) return;
  var types = ["audio/ogg;codecs=opus", "audio/webm;codecs=opus", "audio/mp4", "audio/webm"];
  var type = types.filter(function (t) { return MediaRecorder.isTypeSupported(t); })[0] || "";
  function extension(mime) {
    if (mime.indexOf("ogg") >= 0) return "opus";
    if (mime.indexOf("mp4") >= 0) return "m4a";
    return "webm";
  }
  function setUp(form) {
    var input = form.querySelector("input[type=file]");
    if (!input) return;
    var box = document.createElement("div");
    box.className = "record-box";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "record";
    button.textContent = form.getAttribute("data-record");
    var status = document.createElement("p");
    status.className = "record-status";
    status.setAttribute("role", "status");
    var player = document.createElement("audio");
    player.controls = true;
    player.hidden = true;
    box.appendChild(button);
    box.appendChild(status);
    box.appendChild(player);
    form.insertBefore(box, form.firstChild);
    var recorder = null, chunks = [], stream = null;
    function stop() {
      if (recorder && recorder.state !== "inactive") recorder.stop();
    }
    function finished() {
      var mime = recorder.mimeType || type || "audio/webm";
      var blob = new Blob(chunks, { type: mime });
      stream.getTracks().forEach(function (t) { t.stop(); });
      var file = new File([blob], "recording." + extension(mime), { type: mime });
      var files = new DataTransfer();
      files.items.add(file);
      input.files = files.files;
      player.src = URL.createObjectURL(blob);
      player.hidden = false;
      status.textContent = form.getAttribute("data-ready");
      button.textContent = form.getAttribute("data-again");
      recorder = null;
    }
    button.addEventListener("click", function () {
      if (recorder) return stop();
      navigator.mediaDevices.getUserMedia({ audio: true }).then(function (s) {
        stream = s;
        chunks = [];
        recorder = type ? new MediaRecorder(s, { mimeType: type, audioBitsPerSecond: 32000 }) : new MediaRecorder(s);
        recorder.addEventListener("dataavailable", function (e) { if (e.data.size) chunks.push(e.data); });
        recorder.addEventListener("stop", finished);
        recorder.start();
        player.hidden = true;
        status.textContent = form.getAttribute("data-recording");
        button.textContent = form.getAttribute("data-stop");
      }, function () {
        status.textContent = form.getAttribute("data-no-mic");
      });
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll("form.recorder"), setUp);
})();
