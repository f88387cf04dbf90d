// Referral flows along the GP route (calculators/referral/model.py, referral_point).
export function compute(v, c) {
  const toPohj = v.help_questions * v.reach;
  const direct = v.help_questions - toPohj;
  const viaPohj = toPohj * v.pohj_referral_rate;
  const total = direct + viaPohj;
  const induced = toPohj * v.induced_demand;
  // Without a POH-J: the GP refers directly as now; of the non-induced youths the POH-J saw, those it
  // referred on would have been referred anyway, and the counterfactual share of those it did not refer.
  const notInduced = toPohj - induced;
  const withoutPohj = direct + notInduced * (v.pohj_referral_rate
    + v.counterfactual_referral_rate * (1 - v.pohj_referral_rate));
  const avoided = withoutPohj - total;
  const r = {
    to_pohj: toPohj,
    direct_referrals: direct,
    pohj_referrals: viaPohj,
    helped_without_referral: toPohj - viaPohj,
    total_referrals: total,
    referral_share: v.help_questions ? total / v.help_questions : 0.0,
    avoided_referrals: avoided,
    avoided_cost: avoided * c.trajectory_price,
  };
  const out = {};
  for (const name of Object.keys(r)) out[name] = [r[name], r[name]];
  return out;
}
