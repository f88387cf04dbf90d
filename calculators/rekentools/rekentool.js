// The page calculators of the handbook: plain HTML forms that recompute in the reader's browser.
//
// Each <form class="rekentool"> carries its definition (inputs, outputs with their Dutch label, unit and
// rounding, the constants from data/) as a JSON block written by calculators/static_calculators.py from
// calculators/registry.py. This module parses Dutch numbers as the apps do (calculators/parsing.py),
// checks each field against its bound, and prints the answers as calculators/formatting.py does; the
// formula itself is the small module <name>.js next to this one. Inputs can come from the page's
// query string, by their Dutch names (?jeugdigen=12000&uren=46).

// --------------------------------------------------------------------------- numbers as people type them

const DUTCH_THOUSANDS = /^-?[1-9][0-9]{0,2}(\.[0-9]{3})+$/;
const PLAIN_NUMBER = /^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$/;

/** '0,3', '30%', '1.000,5', '12.000', '€ 876' -> {value}; else {error: 'leeg' | 'geen getal'}. */
export function parseNumber(text) {
  let t = String(text).trim().replaceAll("€", "").replaceAll(" ", "").replaceAll("\u00a0", "");
  let scale = 1.0;
  if (t.endsWith("%")) {
    t = t.slice(0, -1);
    scale = 0.01;
  }
  if (t.includes(",")) {
    t = t.includes(".") ? t.replaceAll(".", "").replaceAll(",", ".") : t.replaceAll(",", ".");
  } else if (DUTCH_THOUSANDS.test(t)) {
    t = t.replaceAll(".", "");
  }
  if (!t) return { error: "leeg" };
  if (!PLAIN_NUMBER.test(t)) return { error: "geen getal" };
  return { value: Number(t) * scale };
}

// --------------------------------------------------------------------------- numbers as the book prints them

/** |x| rounded to d decimals as Python's round() does (half to even on the exact binary value): digits. */
function roundedDigits(x, d) {
  const exact = Math.abs(x).toFixed(100);  // the exact decimal expansion of the double
  const [whole, frac] = exact.split(".");
  const kept = whole + frac.slice(0, d);
  const rest = frac.slice(d);
  let up = rest[0] > "5" || (rest[0] === "5" && /[1-9]/.test(rest.slice(1)));
  if (rest[0] === "5" && !/[1-9]/.test(rest.slice(1))) up = Number(kept[kept.length - 1]) % 2 === 1;
  let digits = kept;
  if (up) {
    const arr = digits.split("");
    let i = arr.length - 1;
    while (i >= 0 && arr[i] === "9") arr[i--] = "0";
    if (i < 0) arr.unshift("1"); else arr[i] = String(Number(arr[i]) + 1);
    digits = arr.join("");
  }
  digits = digits.replace(/^0+(?=\d)/, "").padStart(d + 1, "0");
  return digits;
}

function isZero(digits) {
  return !/[1-9]/.test(digits);
}

/** 1739 -> '1.739'; 0.5, 1 -> '0,5'; never '-0' (formatting.number). */
export function number(x, d = 0) {
  const digits = roundedDigits(x, d);
  const whole = digits.slice(0, digits.length - d);
  const frac = digits.slice(digits.length - d);
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  const sign = x < 0 && !isZero(digits) ? "-" : "";
  return sign + grouped + (d > 0 ? "," + frac : "");
}

function euro(x, d) {
  const text = number(Math.abs(x), d);
  return x < 0 && !isZero(roundedDigits(x, d)) ? `-€ ${text}` : `€ ${text}`;
}

function percent(share, d) {
  return number(share * 100, d) + "%";
}

function bare(x, unit, d) {
  if (unit.startsWith("eur")) return euro(x, d);
  if (unit === "share") return percent(x, Math.max(d - 2, 0));
  return number(x, d);
}

/** An output's (low, high) as text, with its unit, rounded as the registry says (formatting.span). */
export function outputText(output, low, high, suffixes) {
  const { unit, decimals: d } = output;
  const suffix = suffixes[unit] || "";
  if (bare(low, unit, d) === bare(high, unit, d)) return bare(low, unit, d) + suffix;
  if (unit.startsWith("eur")) return `${euro(low, d)} \u2013 ${euro(high, d)}` + suffix;
  if (unit === "share") {
    const p = Math.max(d - 2, 0);
    return `${number(low * 100, p)}\u2013${number(high * 100, p)}%`;
  }
  return `${bare(low, unit, d)}\u2013${bare(high, unit, d)}` + suffix;
}

/** Every output's text for the given input values (numbers), by output name. */
export function answers(definition, compute, values) {
  const result = compute(values, definition.constants);
  const out = {};
  for (const o of definition.outputs) out[o.name] = outputText(o, result[o.name][0], result[o.name][1],
                                                               definition.suffix);
  return out;
}

// --------------------------------------------------------------------------- checking a field

/** The Dutch message for a field's text, or the number. */
export function check(input, text) {
  const parsed = parseNumber(text);
  if (parsed.error === "leeg") return { error: `${input.label} is leeg: vul een getal in.` };
  if (parsed.error) return { error: `${input.label} moet een getal zijn (cijfers 0–9), niet '${text.trim()}'.` };
  const x = parsed.value;
  if (!Number.isFinite(x)) return { error: `${input.label} is te groot.` };
  if (x < 0) return { error: `${input.label} mag niet negatief zijn.` };
  if (input.positive && x === 0) return { error: `${input.label} moet groter dan 0 zijn.` };
  if (input.max !== null && x > input.max) {
    return { error: input.unit === "share" && input.max === 1
      ? `${input.label} kan niet meer dan 100% zijn.`
      : `${input.label} is onwaarschijnlijk groot: hoogstens ${input.max_text}.` };
  }
  return { value: x };
}

// --------------------------------------------------------------------------- the form

function drawBars(form, definition, result, texts) {
  const box = form.querySelector(".rekentool-grafiek");
  if (!box) return;
  box.replaceChildren();
  if (!result || !definition.bars.length) return;
  const labels = Object.fromEntries(definition.outputs.map((o) => [o.name, o.label]));
  const top = Math.max(...definition.bars.map((n) => result[n][1]), 0);
  for (const name of definition.bars) {
    const row = document.createElement("div");
    row.className = "rekentool-balk";
    const label = document.createElement("span");
    label.className = "rekentool-balk-label";
    label.textContent = `${labels[name]}: ${texts[name]}`;
    const track = document.createElement("span");
    track.className = "rekentool-balk-spoor";
    const low = document.createElement("span");
    low.className = "rekentool-balk-laag";
    const high = document.createElement("span");
    high.className = "rekentool-balk-hoog";
    const [a, b] = result[name];
    low.style.width = top > 0 ? `${Math.max(0, (100 * a) / top)}%` : "0%";
    high.style.width = top > 0 ? `${Math.max(0, (100 * (b - a)) / top)}%` : "0%";
    track.append(low, high);
    row.append(label, track);
    box.append(row);
  }
}

function pageAddress(form, definition) {
  const loopback = ["127.0.0.1", "localhost", ""].includes(location.hostname);
  const path = location.pathname.replace(/^\//, "") + "#" + form.id;
  if (definition.site) return definition.site.replace(/\/$/, "") + "/" + path;
  return loopback ? path : location.origin + "/" + path;
}

export function setup(form, compute) {
  const definition = JSON.parse(form.querySelector("script.rekentool-definitie").textContent);
  const fields = definition.inputs.map((input) => ({ input, el: form.querySelector("#" + input.id),
                                                     err: form.querySelector("#" + input.id + "-fout") }));
  const query = new URLSearchParams(location.search);
  for (const { input, el } of fields) if (query.has(input.param)) el.value = query.get(input.param);

  function update() {
    const values = {};
    let ok = true;
    for (const { input, el, err } of fields) {
      const r = check(input, el.value);
      err.textContent = r.error || "";
      if (r.error) { el.setAttribute("aria-invalid", "true"); ok = false; } else { el.removeAttribute("aria-invalid"); values[input.name] = r.value; }
    }
    for (const [lowName, highName] of definition.pairs) {
      if (values[lowName] !== undefined && values[highName] !== undefined && values[lowName] > values[highName]) {
        const f = fields.find((x) => x.input.name === highName);
        f.err.textContent = `${f.input.label} is lager dan de ondergrens.`;
        f.el.setAttribute("aria-invalid", "true");
        ok = false;
      }
    }
    const dds = form.querySelectorAll("dd[data-uitkomst]");
    if (!ok) {
      for (const dd of dds) dd.textContent = "– (verbeter eerst het getal hierboven)";
      drawBars(form, definition, null, {});
      return;
    }
    const result = compute(values, definition.constants);
    const texts = answers(definition, compute, values);
    for (const dd of dds) dd.textContent = texts[dd.dataset.uitkomst];
    drawBars(form, definition, result, texts);
  }

  form.addEventListener("input", update);
  form.addEventListener("submit", (e) => { e.preventDefault(); update(); });
  const address = form.querySelector(".rekentool-adres");
  if (address) address.textContent = pageAddress(form, definition);
  update();
}

for (const form of document.querySelectorAll("form.rekentool[data-rekentool]")) {
  if (form.dataset.klaar) continue;
  form.dataset.klaar = "1";
  import(`./${form.dataset.rekentool}.js`).then((m) => setup(form, m.compute));
}
