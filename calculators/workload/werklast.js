// Staffing by workload, WHO's WISN (calculators/workload/model.py, workload_point), beside the norm.
export function compute(v, c) {
  const supportShare = v.indirect_uplift / (1 + v.indirect_uplift);   // default_support_share
  const available = v.hours_per_fte * c.working_weeks;                // default_available_hours_per_fte
  const trajectories = v.youths / c.per_1000 * v.help_questions_per_1000 * v.share_via_pohj;
  const clientHours = trajectories * v.contacts_per_trajectory * v.minutes_per_contact / 60;
  const fteClient = clientHours / available;
  const caf = 1 / (1 - supportShare);
  const iaf = v.additional_hours_per_year / available;
  const fte = fteClient * caf + iaf;
  const one = (x) => [x, x];
  return {
    trajectories_per_year: one(trajectories),
    client_hours_per_year: one(clientHours),
    fte_client_work: one(fteClient),
    fte_needed: one(fte),
    hours_per_week_needed: one(fte * v.hours_per_fte),
    fte: [v.youths / c.per_youths * c.norm_low, v.youths / c.per_youths * c.norm_high],  // the norm
  };
}

export function check(v) {
  return v.minutes_per_contact > 0 ? null : ["minutes_per_contact", "moet groter dan 0 zijn"];
}
