// The whole cost of a POH-J per year (calculators/costs/model.py, costs): salary by the cost per fte plus
// the cost items, per fte (amount x fte) or per year (the amount as is).
export function compute(v, c) {
  let items = 0;
  for (const [item, basis] of Object.entries(c.items)) {
    items += basis === "per_fte" ? v[item] * v.fte : v[item];
  }
  const salaryLow = v.fte * v.cost_per_fte_low;
  const salaryHigh = v.fte * v.cost_per_fte_high;
  return {
    salary: [salaryLow, salaryHigh],
    items_total: [items, items],
    total: [salaryLow + items, salaryHigh + items],
  };
}
