/* Handbook charts and calculators: render each Vega chart when it comes into view.
 * The chart specs sit in <script type="application/json"> next to their container
 * (written by calculators/charts.py). The self-hosted Vega bundle (lib/vega-bundle.js,
 * next to _static/) is fetched only on pages that have a chart.
 * Printing (and the PDF build, which prints) renders every chart at once. */
(function () {
  "use strict";
  var pending = [];
  var here = document.currentScript ? document.currentScript.src : "";
  var bundleUrl = here.replace(/_static\/handboek\.js.*$/, "lib/vega-bundle.js");

  var waiting = [];
  var requested = false;

  function loadBundle(then) {  // fetch the bundle once; run `then` when it is there
    if (typeof window.vegaEmbed === "function") { then(); return; }
    waiting.push(then);
    if (requested) return;
    requested = true;
    var script = document.createElement("script");
    script.src = bundleUrl;
    script.onload = function () { waiting.splice(0).forEach(function (f) { f(); }); };
    script.onerror = function () { console.error("Vega bundle could not be loaded: " + bundleUrl); };
    document.head.appendChild(script);
  }

  function render(div) {
    if (div.dataset.rendered) return;
    var spec = document.getElementById("spec-" + div.id);
    if (!spec || typeof window.vegaEmbed !== "function") return;
    div.dataset.rendered = "1";
    var data = JSON.parse(spec.textContent);
    window.vegaEmbed(div, data.spec, data.options).then(function () { markFrames(); }).catch(function (err) {
      div.dataset.rendered = "";
      console.error(err);
    });
  }

  function renderAll() { loadBundle(function () { pending.forEach(render); }); }
  window.handboekRenderAll = renderAll;

  function start() {
    pending = Array.prototype.slice.call(document.querySelectorAll(".vega-grafiek"));
    if (!pending.length) return;  // no chart on this page: no Vega at all
    var printing = window.matchMedia && window.matchMedia("print").matches;
    if (printing || !("IntersectionObserver" in window)) { renderAll(); return; }
    // Fetch Vega only when the first chart comes near the screen, then draw charts as they appear.
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        observer.unobserve(entry.target);
        loadBundle(function () { render(entry.target); });
      });
    }, { rootMargin: "300px 0px" });
    pending.forEach(function (div) { observer.observe(div); });
    window.addEventListener("beforeprint", renderAll);
  }

  // Frames that scroll sideways (a wide table or chart on a phone): a reader must see that they scroll,
  // and keyboard users must reach them. Mark each frame that overflows now (again after a resize):
  // class .schuifbaar (edge shadows, handboek.css), a tab stop, a region with a name, a hint above it.
  var FRAMES = ".bd-article .cell_output .output, .bd-article .pst-scrollable-table-container, " +
               ".bd-article .vega-grafiek, .bd-article .table-wrapper, .bd-article div.highlight pre";
  function frameName(frame) {
    var caption = frame.querySelector("caption");
    if (caption) return "Tabel: " + caption.textContent.trim();
    if (frame.getAttribute("aria-label")) return frame.getAttribute("aria-label");
    return frame.querySelector("table") ? "Tabel" : "Inhoud";
  }
  function markFrames() {
    Array.prototype.forEach.call(document.querySelectorAll(FRAMES), function (frame) {
      var wide = frame.scrollWidth > frame.clientWidth + 1;
      var hint = frame.previousElementSibling;
      var hasHint = hint && hint.classList.contains("schuif-hint");
      if (wide && !frame.classList.contains("schuifbaar")) {
        frame.classList.add("schuifbaar");
        frame.dataset.schuifbaar = "1";
        if (!frame.hasAttribute("tabindex")) { frame.setAttribute("tabindex", "0"); frame.dataset.tabAdded = "1"; }
        if (!frame.hasAttribute("role")) { frame.setAttribute("role", "region"); frame.dataset.roleAdded = "1"; }
        if (!frame.hasAttribute("aria-label")) { frame.setAttribute("aria-label", frameName(frame) + " (schuift opzij)"); frame.dataset.labelAdded = "1"; }
        if (!hasHint) {
          var p = document.createElement("p");
          p.className = "schuif-hint";
          p.setAttribute("aria-hidden", "true");
          p.textContent = frame.querySelector("table") ? "Tabel breder dan het scherm: schuif opzij" : "Breder dan het scherm: schuif opzij";
          frame.parentNode.insertBefore(p, frame);
        }
      } else if (!wide && frame.classList.contains("schuifbaar")) {
        frame.classList.remove("schuifbaar");
        if (frame.dataset.tabAdded) frame.removeAttribute("tabindex");
        if (frame.dataset.roleAdded) frame.removeAttribute("role");
        if (frame.dataset.labelAdded) frame.removeAttribute("aria-label");
        delete frame.dataset.tabAdded; delete frame.dataset.roleAdded; delete frame.dataset.labelAdded;
        if (hasHint) hint.remove();
      }
    });
  }
  window.handboekMarkFrames = markFrames;

  // sphinx-copybutton has no Dutch texts; it falls back to its English ones, which we replace.
  function dutchCopyButtons() {
    if (typeof messages === "undefined" || !messages.en) return;  // eslint-disable-line no-undef
    var nl = {copy: "Kopiëren", copy_to_clipboard: "Naar het klembord kopiëren", copy_success: "Gekopieerd",
              copy_failure: "Kopiëren is mislukt"};
    Object.keys(nl).forEach(function (k) { messages.en[k] = nl[k]; });  // eslint-disable-line no-undef
    Array.prototype.forEach.call(document.querySelectorAll("button.copybtn"), function (b) {
      b.setAttribute("data-tooltip", nl.copy);
      b.setAttribute("aria-label", nl.copy_to_clipboard);
      Array.prototype.forEach.call(b.querySelectorAll("title"), function (t) { t.textContent = nl.copy_to_clipboard; });
    });
  }

  function startPage() {
    start();
    dutchCopyButtons();
    markFrames();
    var timer = null;
    window.addEventListener("resize", function () { clearTimeout(timer); timer = setTimeout(markFrames, 150); });
  }

  // This script is deferred: it runs before DOMContentLoaded, while readyState is already
  // "interactive". Start at DOMContentLoaded, when the whole page (and every spec) is parsed.
  if (document.readyState === "complete") { startPage(); }
  else { document.addEventListener("DOMContentLoaded", startPage); }
})();
