// Refuse a too large upload in the browser, before it is sent. The file would travel over the
// kernel websocket; one larger than the server accepts drops the connection and nothing is said.
// The app renders its limit (data/parameters.csv: evaluation_upload_max_mb) as
// <span data-upload-max-bytes="..." data-upload-max-label="20">.
// The upload widget (ipywidgets FileUpload) keeps its <input type="file"> outside the page and
// reads the files in its own 'change' listener; so this script wraps 'change' listeners of file
// inputs, and a file over the limit never reaches the widget. It loads before the widgets do.
(function () {
  "use strict";
  var lastButton = null; // the upload button the visitor clicked: the notice goes below it
  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element ? event.target.closest(".widget-upload") : null;
    if (button) { lastButton = button; }
  }, true);

  function limitOf() {
    var el = document.querySelector("[data-upload-max-bytes]");
    return el ? { bytes: Number(el.dataset.uploadMaxBytes), label: el.dataset.uploadMaxLabel } : null;
  }
  function megabytes(bytes) {
    return (bytes / 1048576).toLocaleString("nl-NL", { maximumFractionDigits: 1 });
  }
  function showNotice(text) {
    var old = document.getElementById("upload-te-groot");
    if (old) { old.remove(); }
    if (!text) { return; }
    var box = document.createElement("div");
    box.id = "upload-te-groot";
    box.className = "veld-fout";
    box.setAttribute("role", "alert");
    box.textContent = text;
    var anchor = lastButton || document.querySelector(".widget-upload");
    if (anchor) { anchor.insertAdjacentElement("afterend", box); } else { document.body.prepend(box); }
  }
  // The first file over the limit, or null.
  function tooLarge(input) {
    var limit = limitOf();
    if (!limit || !input.files) { return null; }
    for (var i = 0; i < input.files.length; i++) {
      if (input.files[i].size > limit.bytes) { return { file: input.files[i], limit: limit }; }
    }
    return null;
  }

  var original = HTMLInputElement.prototype.addEventListener;
  HTMLInputElement.prototype.addEventListener = function (type, listener, options) {
    if (type !== "change" || typeof listener !== "function") {
      return original.call(this, type, listener, options);
    }
    var wrapped = function (event) {
      if (this.type === "file") {
        var refused = tooLarge(this);
        if (refused) {
          this.value = "";
          showNotice("'" + refused.file.name + "' is " + megabytes(refused.file.size) + " MB; de grens is " +
            refused.limit.label + " MB. Het bestand is niet verstuurd. Splits het bestand, bijvoorbeeld per jaar.");
          return undefined;
        }
        showNotice("");
      }
      return listener.call(this, event);
    };
    return original.call(this, type, wrapped, options);
  };
})();
