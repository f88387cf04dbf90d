// The summary page ('In één oogopslag') for the reader's own municipality: every figure that depends on the
// number of youths, the hours per week or the cost basis is a <span data-uitkomst="name"> written at build time
// for the defaults (calculators/static_calculators.py, summary_texts); this module recomputes them in the browser
// with the page calculators' own formulas (formatie.js, terugverdienen.js) and rewrites the links to the
// calculators and apps with the reader's numbers (?jeugdigen=12000&uren=46). Python's summary() is the
// reference: tests/test_static_calculators.py runs summary() here over its vectors.
import { check, outputText } from "./rekentool.js";
import { compute as staffing } from "./formatie.js";
import { compute as breakEven } from "./terugverdienen.js";

/** Every figure as [low, high] (calculators/static_calculators.py, summary). */
export function summary(def, youths, hours, basis) {
  const d = def.defaults;
  let fte, hrs;
  if (hours === null) {                       // the norm (annex/council.py, formation)
    const s = staffing({ ...d, youths }, def.formatie);
    fte = s.fte;
    hrs = s.hours_per_week;
  } else {                                    // the reader's hours
    fte = [hours / d.hours_per_fte, hours / d.hours_per_fte];
    hrs = [hours, hours];
  }
  const aef = [fte[0] * d.cost_per_fte_low, fte[1] * d.cost_per_fte_high];
  const be = hrs.map((h, i) => breakEven({ hours_per_week: h, hourly_rate: d.hourly_rate,
                                           trajectory_price: d.trajectory_price,
                                           annual_cost: basis === "aef" ? aef[i] : undefined }, def.terugverdienen));
  const hourly = hrs.map((h) => breakEven({ hours_per_week: h, hourly_rate: d.hourly_rate,
                                            trajectory_price: d.trajectory_price }, def.terugverdienen));
  const out = { youths: [youths, youths], fte, hours_per_week: hrs, cost_aef: aef,
                cost_hourly: [hourly[0].annual_cost[0], hourly[1].annual_cost[0]] };
  for (const name of ["annual_cost", "trajectories_needed", "share_of_contracted_time"]) {
    out[name] = [be[0][name][0], be[1][name][0]];
  }
  for (const name of Object.keys(be[0])) if (/^(savings|coverage)_/.test(name)) out[name] = be[0][name];  // low end
  return out;
}

/** The figures as the page prints them, by name. */
export function texts(def, youths, hours, basis) {
  const result = summary(def, youths, hours, basis);
  const out = {};
  for (const o of def.outputs) out[o.name] = outputText(o, result[o.name][0], result[o.name][1], def.suffix);
  return out;
}

function plain(x, d) {   // a number for a link: no thousands separator, a decimal point
  return String(Math.round(x * 10 ** d) / 10 ** d);
}

/** The query each link carries: the reader's numbers by their Dutch names. */
export function linkQuery(kind, def, youths, hours, basis) {
  const q = new URLSearchParams();
  const r = summary(def, youths, hours, basis);
  if (kind === "jeugdigen" || kind === "formatie") q.set("jeugdigen", plain(youths, 0));
  if (kind === "formatie" && hours !== null) q.set("uren", plain(hours, 1));
  if (kind === "uren") {                      // the break-even at the low end of the formation, as on this page
    q.set("uren", plain(r.hours_per_week[0], 1));
    if (basis === "aef") q.set("jaarkosten", plain(r.annual_cost[0], 0));
  }
  return q.toString();
}

export function setup(form) {
  const def = JSON.parse(form.querySelector("script.oogopslag-definitie").textContent);
  const [youthsInput, hoursInput] = def.inputs;
  const el = (p) => form.querySelector(`[name="${p}"]`);
  const err = (p) => form.querySelector(`#oogopslag-${p}-fout`);
  const query = new URLSearchParams(location.search);
  for (const p of [youthsInput.param, hoursInput.param]) if (query.has(p)) el(p).value = query.get(p);
  if (def.bases[query.get(def.basis_param)] !== undefined) {
    form.querySelector(`input[name="${def.basis_param}"][value="${query.get(def.basis_param)}"]`).checked = true;
    if (query.get(def.basis_param) !== "uurtarief" || query.has(hoursInput.param)) form.querySelector("details").open = true;
  }
  const page = document;

  function update() {
    let ok = true;
    const y = check(youthsInput, el(youthsInput.param).value);
    let hours = null;
    const h = el(hoursInput.param).value.trim() === "" ? { value: null } : check(hoursInput, el(hoursInput.param).value);
    for (const [inp, r] of [[youthsInput, y], [hoursInput, h]]) {
      err(inp.param).textContent = r.error || "";
      if (r.error) { el(inp.param).setAttribute("aria-invalid", "true"); ok = false; }
      else el(inp.param).removeAttribute("aria-invalid");
    }
    const spans = page.querySelectorAll("[data-uitkomst]");
    const status = form.querySelector(".oogopslag-status");
    if (!ok) {
      for (const s of spans) s.textContent = "–";
      status.textContent = "Verbeter eerst het getal hierboven; tot dan staan er streepjes in plaats van getallen.";
      return;
    }
    hours = h.value;
    const basis = form.querySelector(`input[name="${def.basis_param}"]:checked`).value;
    const shown = texts(def, y.value, hours, basis);
    for (const s of spans) s.textContent = shown[s.dataset.uitkomst];
    for (const s of page.querySelectorAll("[data-oogopslag-tekst]")) {
      s.hidden = s.dataset.oogopslagTekst !== (hours === null ? "norm" : "uren") &&
                 s.dataset.oogopslagTekst !== basis;
    }
    status.textContent = "";
    for (const a of page.querySelectorAll("a[data-oogopslag-link]")) {
      const [path, anchor] = a.dataset.href.split("#");
      const q = linkQuery(a.dataset.oogopslagLink, def, y.value, hours, basis);
      a.href = path + (q ? "?" + q : "") + (anchor ? "#" + anchor : "");
    }
    const own = new URLSearchParams();
    own.set(youthsInput.param, plain(y.value, 0));
    if (hours !== null) own.set(hoursInput.param, plain(hours, 1));
    if (basis !== "uurtarief") own.set(def.basis_param, basis);
    history.replaceState(null, "", "?" + own.toString() + location.hash);
  }

  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("submit", (e) => { e.preventDefault(); update(); });
  update();
}

for (const form of document.querySelectorAll("form[data-oogopslag]")) {
  if (form.dataset.klaar) continue;
  form.dataset.klaar = "1";
  setup(form);
}
