// Break-even (calculators/break_even/model.py, break_even_point) and the savings of the trajectories a POH-J
// with these hours closes without referral in each scenario (calculators/savings/model.py: savings of
// estimated_counts(hours), and cost_coverage).
function breakEven(v, c) {
  // the yearly cost given (annual_cost, as break_even_point takes it), else hours x hourly rate x paid weeks
  const cost = v.annual_cost !== undefined ? v.annual_cost : v.hours_per_week * v.hourly_rate * c.paid_weeks;
  const needed = cost / v.trajectory_price;
  const directYear = needed * c.direct_hours_per_trajectory;
  const totalYear = directYear * (1 + c.indirect_uplift);
  const perWeek = totalYear / c.working_weeks;
  const contract = v.hours_per_week;
  return {
    annual_cost: cost,
    trajectories_needed: needed,
    hours_per_week: perWeek,
    share_of_contracted_time: perWeek / contract,
    remaining_hours_per_week: contract - perWeek,
  };
}

function savingsTotal(hours, scenario, c) {
  const scale = hours / c.pilot_hours;                                // estimated_counts
  let total = 0;
  for (const band of c.bands) {
    const count = band.count * scale;
    const b = count * band.bggz[scenario];
    const s = count * band.sggz[scenario];
    total += b * c.bggz_price + s * c.sggz_price;
  }
  return total;
}

export function compute(v, c) {
  const r = breakEven(v, c);
  const out = {};
  for (const name of Object.keys(r)) out[name] = [r[name], r[name]];
  for (const scenario of c.scenarios) {
    const total = savingsTotal(v.hours_per_week, scenario, c);
    const share = r.annual_cost ? total / r.annual_cost : 0.0;       // cost_coverage
    out["savings_" + scenario] = [total, total];
    out["coverage_" + scenario] = [share, share];
  }
  out.observed_self_helped = c.observed_self_helped;
  return out;
}
