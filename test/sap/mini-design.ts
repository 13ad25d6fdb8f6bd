/**
 * A design section and an economics section for the mini plan (test/sap/mini): appended to its SAP
 * by the tests of `design:`, `economics:`, `trialstat power SAP`, `trialstat cba` and the report.
 * Planned sizes; survey response and a design effect for the weighted outcome (phq9_12); a control
 * rate for one population only; costs, values and a two-year horizon for employment.
 */
export const MINI_DESIGN = `
design:
  r2: 0.2
  response_rate: 0.5
  deff: 1.3
  populations:
    scr: { n: 400 }
    all: { n: 800 }
  outcomes:
    employed13w: { control_rate: { scr: 0.3 } }
    earnings12: { sd: 3000 }
    phq9_12: {}
`;

export const MINI_ECONOMICS = `
economics:
  seed: 20240101
  draws: 2000
  costs:
    scr: { per_recruit: 1500, recruits: 200 }
    all: { per_recruit: 1800 }
  values:
    employed13w: { exchequer: 4000, society: 9000, horizon_years: 2 }
    earnings12: { exchequer: 0.3, society: 1 }
`;
