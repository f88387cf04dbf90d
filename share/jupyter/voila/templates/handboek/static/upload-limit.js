// Refuse a too large upload in the browser, before it is sent. The file would travel over the
// kernel websocket; one larger than the server accepts drops the connection and nothing is said.
// The app renders its limit (data/parameters.csv: evaluation_upload_max_mb) as
// <span data-upload-max-bytes="..." data-upload-max-label="20">; this listener runs in the
// capture phase, before the upload widget reads the file.
(function () {
  "use strict";
  function limitOf() {
    var el = document.querySelector("[data-upload-max-bytes]");
    return el ? { bytes: Number(el.dataset.uploadMaxBytes), label: el.dataset.uploadMaxLabel } : null;
  }
  function megabytes(bytes) {
    return (bytes / 1048576).toLocaleString("nl-NL", { maximumFractionDigits: 1 });
  }
  function notice(input, text) {
    var host = input.closest(".widget-upload") || input.parentElement;
    var box = document.getElementById("upload-te-groot");
    if (!box) {
      box = document.createElement("div");
      box.id = "upload-te-groot";
      box.className = "veld-fout";
      box.setAttribute("role", "alert");
      host.insertAdjacentElement("afterend", box);
    }
    box.textContent = text;
  }
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== "file" || !input.files) { return; }
    var limit = limitOf();
    var old = document.getElementById("upload-te-groot");
    if (old) { old.remove(); }
    if (!limit) { return; }
    for (var i = 0; i < input.files.length; i++) {
      var file = input.files[i];
      if (file.size > limit.bytes) {
        event.stopImmediatePropagation();
        input.value = "";
        notice(input, "'" + file.name + "' is " + megabytes(file.size) + " MB; de grens is " + limit.label +
          " MB. Het bestand is niet verstuurd. Splits het bestand, bijvoorbeeld per jaar.");
        return;
      }
    }
  }, true);
})();
