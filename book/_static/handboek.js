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
    window.vegaEmbed(div, data.spec, data.options).catch(function (err) {
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

  // This script is deferred: it runs before DOMContentLoaded, while readyState is already
  // "interactive". Start at DOMContentLoaded, when the whole page (and every spec) is parsed.
  if (document.readyState === "complete") { start(); }
  else { document.addEventListener("DOMContentLoaded", start); }
})();
