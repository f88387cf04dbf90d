// Staffing by the norm (calculators/staffing/model.py, staffing_point), at the low and the high end.
function point(v, c, norm, costPerFte) {
  const fte = v.youths / c.per_youths * norm;
  const cost = fte * costPerFte;
  return {
    fte: fte,
    hours_per_week: fte * v.hours_per_fte,
    annual_cost: cost,
    cost_per_youth: v.youths ? cost / v.youths : 0.0,
  };
}

export function compute(v, c) {
  const low = point(v, c, v.fte_per_10k_low, v.cost_per_fte_low);
  const high = point(v, c, v.fte_per_10k_high, v.cost_per_fte_high);
  const out = {};
  for (const name of Object.keys(low)) out[name] = [low[name], high[name]];
  return out;
}
