#!/usr/bin/env node
// The HLT-shaped example study: a seeded generator of linked CSV extracts with the shape of the
// Health-led Employment Trials (DWP research report 1025, 2022) and effects planted close to its
// Table 2.1. Plain JavaScript for Node 20 with no dependencies but trialstat's core library (built
// by pnpm install), whose seeded random streams it draws from: byte-for-byte the same files for the
// same seed and scale, never Math.random.
//
//   node examples/hlt/generate.mjs [--scale 1] [--seed 3] [--out examples/hlt/data] [--if-needed]
//
// README.md (beside this file) describes what is generated and why; truth.json (written with the
// data) holds the planted effects: each outcome's true intention-to-treat effect, computed from
// both potential outcomes of every retained participant.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Bump when the generated data change, so that `--if-needed` regenerates stale data. */
export const GENERATOR_VERSION = 2;
export const DEFAULT_SEED = 3;

// ---------------------------------------------------------------------------------------------
// Random numbers: trialstat's own seeded streams (packages/core/docs/statistics.md#random-numbers),
// one per purpose, so that a change in one part of the generator leaves the others' draws alone.

let core;
try {
  core = await import("../../packages/core/dist/index.js");
} catch (e) {
  const message = `the example's generator needs trialstat's core library built (${e.message})`;
  const hint = 'run "pnpm install" (it builds trialstat) or "pnpm run build"';
  if (!(process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url))) throw new Error(`${message}; ${hint}`);
  process.stderr.write(`error: ${message}\n  hint: ${hint}\n`);
  process.exit(2);
}
const { RandomStreams, normalQuantile, shuffleInPlace, standardNormal, uniformInteger, uniformOpen } = core;

class Rng {
  constructor(streams, purpose) {
    this.stream = streams.stream(purpose);
  }
  /** Uniform on (0, 1), never 0 or 1. */
  next() {
    return uniformOpen(this.stream);
  }
  normal() {
    return standardNormal(this.stream);
  }
  logistic() {
    const u = this.next();
    return Math.log(u / (1 - u));
  }
  int(n) {
    return uniformInteger(this.stream, n);
  }
  /** An index drawn with the given probabilities (need not sum exactly to 1). */
  pick(probabilities) {
    const total = probabilities.reduce((a, b) => a + b, 0);
    let u = this.next() * total;
    for (let k = 0; k < probabilities.length; k++) if ((u -= probabilities[k]) < 0) return k;
    return probabilities.length - 1;
  }
  shuffle(array) {
    return shuffleInPlace(this.stream, array);
  }
}

// ---------------------------------------------------------------------------------------------
// Dates as day numbers (days since 1970-01-01, UTC) and month indices (year × 12 + month − 1).

const day = (y, m, d) => Date.UTC(y, m - 1, d) / 86400000;
const FIRST_TABULATED = 2010 * 12;
const MONTH_STARTS = Float64Array.from({ length: 30 * 12 }, (_, k) => Date.UTC(2010 + Math.floor(k / 12), k % 12, 1) / 86400000);
/** The day number of a month's first day (tabulated: the calibrations ask for it millions of times). */
const monthStart = (mi) => MONTH_STARTS[mi - FIRST_TABULATED] ?? Date.UTC(Math.floor(mi / 12), mi % 12, 1) / 86400000;
const monthOf = (dn) => {
  const t = new Date(dn * 86400000);
  return t.getUTCFullYear() * 12 + t.getUTCMonth();
};
const pad = (n, w = 2) => String(n).padStart(w, "0");
const isoDate = (dn) => {
  const t = new Date(dn * 86400000);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
};
const ukDate = (dn) => {
  const t = new Date(dn * 86400000);
  return `${pad(t.getUTCDate())}/${pad(t.getUTCMonth() + 1)}/${t.getUTCFullYear()}`;
};
const isoMonth = (mi) => `${Math.floor(mi / 12)}-${pad((mi % 12) + 1)}`;
/** Calendar months after a date, the day clamped to the month's end (as trialstat adds months). */
function addMonths(dn, k) {
  const t = new Date(dn * 86400000);
  const mi = t.getUTCFullYear() * 12 + t.getUTCMonth() + k;
  const last = monthStart(mi + 1) - monthStart(mi);
  return monthStart(mi) + Math.min(t.getUTCDate(), last) - 1;
}
/** Sundays (week ends) in the days [a, b): 1970-01-04, day 3, was a Sunday. */
const sundays = (a, b) => (b <= a ? 0 : Math.floor((b + 3) / 7) - Math.floor((a + 3) / 7));

const LOCKDOWN = day(2020, 3, 23);
/** Months of the tax and benefit records: the month of randomisation (offset 0) to offset 24. */
const MONTHS = 25;

// ---------------------------------------------------------------------------------------------
// The trial's shape: HLT Tables 1.1 and 6.2 and the baseline proportions of Tables 1.2–1.11
// (SCR IW, SCR OOW, WMCA OOW), and the planted effects (Table 2.1).

export const GROUPS = [
  { id: "SCR IW", site: "SCR", status: "IW", randomised: { T: 1260, C: 1259 }, survey4: { T: 780, C: 683 }, survey12: { T: 640, C: 541 }, mi: 1160 },
  { id: "SCR OOW", site: "SCR", status: "OOW", randomised: { T: 1799, C: 1792 }, survey4: { T: 1057, C: 944 }, survey12: { T: 762, C: 726 }, mi: 1556 },
  { id: "WMCA OOW", site: "WMCA", status: "OOW", randomised: { T: 1837, C: 1838 }, survey4: { T: 1007, C: 936 }, survey12: { T: 754, C: 664 }, mi: 1772 },
];

/**
 * Planted effects per trial group, as in HLT Table 2.1 (WMCA wellbeing is printed "0.9sd" there;
 * the text says no discernible impact, so 0.09): employment in percentage points (employed 13+
 * weeks in the 12 months after randomisation), earnings in £ over those months, health (EQ-5D-5L
 * index) and wellbeing (SWEMWBS) in control-group SD units at 12 months. The pooled populations'
 * effects follow from these.
 */
export const TARGETS = {
  "SCR IW": { employed13w: 3, earnings12: 442, eq5d12: 0.1, swemwbs12: 0.18 },
  "SCR OOW": { employed13w: -2, earnings12: -233, eq5d12: 0.1, swemwbs12: 0.12 },
  "WMCA OOW": { employed13w: 4, earnings12: 150, eq5d12: 0.05, swemwbs12: 0.09 },
};
/** Control-group employment rates (13+ weeks in 12 months): the report's 27% SCR OOW and 18% WMCA. */
const CONTROL_EMPLOYED = { "SCR IW": 0.85, "SCR OOW": 0.27, "WMCA OOW": 0.18 };
/** A job-search self-efficacy gain (latent SD units) planted in every group. */
const SELF_EFFICACY_SHIFT = 0.2;

const AGE_BANDS = [[18, 29], [30, 39], [40, 49], [50, 64]];
const AGE = { "SCR IW": [23, 22, 23, 32], "SCR OOW": [29, 19, 20, 32], "WMCA OOW": [26, 19, 21, 34] };
const FEMALE = { "SCR IW": 0.57, "SCR OOW": 0.44, "WMCA OOW": 0.46 };
const ETHNICITY_LEVELS = ["White", "Asian/Asian British", "Black/African/Caribbean/Black British", "Mixed/multiple ethnic groups", "Other ethnic group"];
const ETHNICITY = { "SCR IW": [90, 4, 3, 2, 2], "SCR OOW": [86, 5, 4, 2, 3], "WMCA OOW": [64, 18, 12, 4, 2] };
// health conditions (Table 1.5): column, loading on the mental (m) or physical (p) latent, % per group
const CONDITIONS = [
  ["stress_anxiety", "m", [86, 81, 76]],
  ["depression", "m", [68, 68, 64]],
  ["fatigue_memory", "mp", [72, 61, 60]],
  ["pain", "p", [57, 55, 59]],
  ["neck_back", "p", [40, 37, 41]],
  ["legs_feet", "p", [36, 37, 40]],
  ["dizziness", "p", [33, 32, 34]],
  ["arms_hands", "p", [26, 25, 28]],
  ["digestive", "p", [27, 24, 24]],
  ["chest_breathing", "p", [24, 24, 25]],
  ["arthritis", "p", [20, 20, 23]],
  ["skin_allergies", "p", [23, 21, 20]],
  ["heart_blood_pressure", "p", [19, 20, 24]],
  ["learning_difficulty", "", [11, 20, 21]],
  ["other_mental_health", "m", [12, 15, 15]],
  ["other_condition", "", [12, 13, 15]],
  ["seeing", "p", [11, 12, 17]],
  ["hearing", "p", [11, 10, 11]],
  ["alcohol_drugs", "m", [4, 9, 6]],
  ["speech", "", [6, 7, 8]],
  ["progressive_illness", "p", [7, 7, 7]],
];
const LIMITING_LEVELS = ["A great deal", "To some extent", "A little", "Not at all"];
const LIMITING = { "SCR IW": [39, 42, 16, 3], "SCR OOW": [33, 45, 18, 4], "WMCA OOW": [29, 44, 21, 6] };
const WORK_LEVELS = ["Always in paid work", "In paid work more than half the time", "In paid work less than half the time", "Not in paid work"];
const WORK = { "SCR IW": [76, 14, 10, 0], "SCR OOW": [5, 20, 25, 50], "WMCA OOW": [3, 16, 22, 59] };
const REASONS = [
  ["mental_health", [56, 57, 52]],
  ["no_suitable_job", [43, 51, 55]],
  ["physical_health", [31, 42, 45]],
  ["caring", [15, 20, 21]],
  ["education", [17, 15, 15]],
  ["other", [13, 11, 12]],
];
const BARRIERS = [
  ["finding_suitable_job", [59, 82, 83]],
  ["mental_health", [64, 65, 58]],
  ["confidence", [53, 58, 58]],
  ["qualifications_experience", [41, 55, 57]],
  ["physical_health", [44, 49, 53]],
  ["transport", [26, 38, 38]],
  ["financially_worse_off", [34, 27, 27]],
  ["caring", [16, 18, 17]],
  ["another_reason", [12, 11, 12]],
  ["childcare", [9, 9, 10]],
  ["nothing", [2, 1, 0]],
];
const QUALIFICATION_LEVELS = [
  "Degree or NVQ 4-5",
  "Higher education below degree",
  "A levels or NVQ 3",
  "GCSE A-C or equivalent",
  "GCSE D-G or equivalent",
  "Other qualifications",
  "No formal qualifications",
];
const QUALIFICATION = { "SCR IW": [26, 7, 25, 24, 9, 3, 6], "SCR OOW": [15, 7, 17, 29, 14, 6, 14], "WMCA OOW": [13, 6, 17, 32, 13, 5, 15] };
const CHILDREN = { "SCR IW": 0.73, "SCR OOW": 0.77, "WMCA OOW": 0.76 };
/** Randomisations by month, May 2018 – October 2019 (Figure 1.3: slow start, over 1,500 in October 2019). */
const RECRUITMENT = [2, 3, 3.5, 4, 4.5, 5, 5, 3.5, 5, 5.5, 6, 5.5, 6, 6, 7, 6.5, 7.5, 16];
const FIRST_MONTH = 2018 * 12 + 4; // May 2018

// scoring (for the planted effects; trialstat scores the generated items itself)
const SWEMWBS_METRIC = [7, 9.51, 11.25, 12.4, 13.33, 14.08, 14.75, 15.32, 15.84, 16.36, 16.88, 17.43, 17.98, 18.59, 19.25, 19.98, 20.73, 21.54, 22.35, 23.21, 24.11, 25.03, 26.02, 27.03, 28.13, 29.31, 30.7, 32.55, 35];
// EQ-5D-5L England 2018 decrements (thousandths) for levels 1–5 of MO, SC, UA, PD, AD
const EQ5D_DECREMENTS = [
  [0, 58, 76, 207, 274],
  [0, 50, 80, 164, 203],
  [0, 50, 63, 162, 184],
  [0, 63, 84, 276, 335],
  [0, 78, 104, 285, 289],
];
const eq5dIndex = (levels) => (1000 - levels.reduce((s, l, d) => s + EQ5D_DECREMENTS[d][l - 1], 0)) / 1000;

/** An ordinal item: 1 + the number of thresholds below the value (then shifted to the item's lowest code). */
function ordinal(value, thresholds, lowest) {
  let k = 0;
  while (k < thresholds.length && value > thresholds[k]) k++;
  return lowest + k;
}

const SWEMWBS_CUTS = [-1.75, -0.75, 0.35, 1.55];
const EQ5D_CUTS = [-0.35, 0.45, 1.25, 2.05];
const PHQ_CUTS = [-0.2, 0.75, 1.55];
const JSSE_CUTS = [-1.3, -0.45, 0.4, 1.3];
const GSE_CUTS = [-1.2, -0.1, 1.1];
const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));

// ---------------------------------------------------------------------------------------------

/**
 * Generates the extracts. Counts are the HLT's times `scale` (rounded); `scale: 10` gives exactly
 * 97,850 recruits. Returns the files' text by name, the planted effects and a summary of counts.
 */
export function generate({ scale = 1, seed = DEFAULT_SEED, observed = false } = {}) {
  if (!(scale > 0) || scale > 100) throw new Error(`--scale must be a number in (0, 100], not ${scale}`);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`--seed must be a whole number from 0 to 9007199254740991, not ${seed}`);
  const count = (n) => Math.round(n * scale);
  const streams = new RandomStreams(seed);
  const rng = (purpose) => new Rng(streams, purpose);

  // --- participants: exact counts by trial group and arm, plus the erased ones
  const erasedSpec = [
    ["SCR OOW", "T"],
    ["SCR OOW", "C"],
    ["SCR IW", "C"],
    ["WMCA OOW", "T"],
    ["WMCA OOW", "C"],
  ];
  const people = [];
  const allocation = rng("allocation");
  GROUPS.forEach((g, gi) => {
    const arms = [];
    for (const arm of ["T", "C"]) for (let k = 0; k < count(g.randomised[arm]); k++) arms.push({ arm, erased: false });
    const erased = Math.max(1, count(5));
    erasedSpec.forEach(([group, arm], k) => {
      if (group !== g.id) return;
      for (let e = k; e < erased; e += erasedSpec.length) arms.push({ arm, erased: true });
    });
    allocation.shuffle(arms);
    for (const a of arms) people.push({ g: gi, group: g.id, site: g.site, status: g.status, arm: a.arm, erased: a.erased });
  });

  // randomisation dates: month by the recruitment curve, then a weekday in it
  const dates = rng("dates");
  for (const p of people) {
    const mi = FIRST_MONTH + dates.pick(RECRUITMENT);
    const first = monthStart(mi);
    const length = monthStart(mi + 1) - first;
    let d;
    do d = first + dates.int(length);
    while ((d + 4) % 7 === 2 || (d + 4) % 7 === 3); // not Saturday or Sunday (1970-01-01 was a Thursday)
    p.randomised = d;
    p.order = dates.next();
  }
  people.sort((a, b) => a.randomised - b.randomised || a.order - b.order);
  const serial = { SCR: 0, WMCA: 0 };
  for (const p of people) p.id = `${p.site === "SCR" ? "S" : "W"}${pad(++serial[p.site], 6)}`;

  // --- baseline characteristics
  const base = rng("baseline");
  for (const p of people) {
    const G = p.group;
    p.m = base.normal(); // mental distress
    p.p = 0.4 * p.m + Math.sqrt(1 - 0.16) * base.normal(); // physical health problems
    const severity = (p.m + p.p) / Math.sqrt(2 + 0.8);
    p.severity = severity;
    const band = base.pick(AGE[G]);
    const [lo, hi] = AGE_BANDS[band];
    p.age = lo + base.int(hi - lo + 1);
    const gu = base.next();
    p.gender = gu < 0.0012 ? null : base.next() < FEMALE[G] ? "Female" : "Male";
    p.ethnicity = base.next() < 0.0046 ? null : ETHNICITY_LEVELS[base.pick(ETHNICITY[G])];
    p.conditions = CONDITIONS.map(([, load, prevalence]) => {
      const latent = load === "m" ? p.m : load === "p" ? p.p : load === "mp" ? (p.m + p.p) / Math.sqrt(2.8) : 0;
      const rho = load ? 0.55 : 0;
      return rho * latent + Math.sqrt(1 - rho * rho) * base.normal() > -normalQuantile(prevalence[p.g] / 100) ? 1 : 0;
    });
    p.conditionsUnknown = base.next() < 0.01;
    // ordered by severity: thresholds at the group's cumulative proportions
    const ordered = (levels, props, latent) => {
      const total = props.reduce((a, b) => a + b, 0);
      let cum = 0;
      for (let k = 0; k < levels.length - 1; k++) {
        cum += props[k] / total;
        if (latent < (cum >= 1 - 1e-9 ? Infinity : normalQuantile(cum))) return k; // a 0% category is never drawn
      }
      return levels.length - 1;
    };
    p.limiting = base.next() < 0.008 ? null : ordered(LIMITING_LEVELS, LIMITING[G], -(0.7 * severity + Math.sqrt(1 - 0.49) * base.normal()));
    const workLatent = 0.35 * severity + Math.sqrt(1 - 0.35 * 0.35) * base.normal();
    p.workIndex = ordered(WORK_LEVELS, WORK[G], workLatent);
    p.work = base.next() < 0.008 ? null : p.workIndex;
    p.reasons = p.workIndex === 0 ? null : REASONS.map(([, pr]) => (base.next() < pr[p.g] / 100 ? 1 : 0));
    p.barriers = BARRIERS.map(([, pr]) => (base.next() < pr[p.g] / 100 ? 1 : 0));
    p.qualIndex = ordered(QUALIFICATION_LEVELS, QUALIFICATION[G], 0.3 * workLatent + Math.sqrt(1 - 0.09) * base.normal());
    p.qualification = base.next() < 0.019 ? null : p.qualIndex;
    p.children = base.next() < 0.003 ? null : base.next() < CHILDREN[G] ? "Yes" : "No";
    p.w0 = -0.7 * p.m + Math.sqrt(1 - 0.49) * base.normal(); // wellbeing
    p.e0 = 0.4 * p.w0 - 0.3 * workLatent + Math.sqrt(1 - 0.16 - 0.09) * base.normal(); // job-search self-efficacy
    p.engagement = base.normal(); // with research: survey response, withdrawal, provider contact
    // baseline questionnaires
    p.sw0 = Array.from({ length: 7 }, () => ordinal(p.w0 - 0.25 + 0.85 * base.normal(), SWEMWBS_CUTS, 1));
    p.eq0 = eq5dLevels(p.m + 0.2, p.p + 0.2, base);
    p.vas0 = clamp(Math.round(55 - 14 * severity + 12 * base.normal()), 0, 100);
    p.jsse0 = Array.from({ length: 9 }, () => ordinal(p.e0 + 0.8 * base.normal(), JSSE_CUTS, 1));
    // employability (log hazard of finding work), from work history, qualifications, health and age
    p.employability = [0.9, 0.45, 0, -0.6][p.workIndex] + [0.3, 0.2, 0.15, 0, -0.1, -0.1, -0.3][p.qualIndex] - 0.35 * severity - (p.age >= 50 ? 0.3 : 0) + 0.5 * base.normal();
  }

  // --- withdrawals: 287 by the end (246 before the 4-month survey fell due), not related to arm
  const withdraw = rng("withdrawals");
  const retained = people.filter((p) => !p.erased);
  const byPropensity = [...retained].map((p) => ({ p, key: -0.8 * p.engagement + withdraw.logistic() })).sort((a, b) => b.key - a.key);
  const nWithdrawn = count(287);
  const nBefore4 = count(246);
  const nBefore12 = nBefore4 + count(31);
  byPropensity.slice(0, nWithdrawn).forEach(({ p }, k) => {
    const due4 = addMonths(p.randomised, 4);
    const due12 = addMonths(p.randomised, 12);
    if (k < nBefore4) p.withdrawn = p.randomised + 3 + withdraw.int(due4 - p.randomised - 3);
    else if (k < nBefore12) p.withdrawn = due4 + 1 + withdraw.int(due12 - due4 - 1);
    else p.withdrawn = due12 + 1 + withdraw.int(200);
  });
  for (const p of people) p.withdrawn ??= NaN;
  for (const p of people.filter((q) => q.erased)) p.withdrawn = p.randomised + 20 + withdraw.int(60);

  // --- employment paths under both arms (coupled: the same draws, the treatment changes hazards)
  const work = rng("employment");
  for (const p of people) {
    p.u = Float64Array.from({ length: 6 }, () => work.next());
    p.spellStart = -(30 + work.int(2000)); // the IW's job began before randomisation
    p.hours = p.status === "IW" ? 1 + work.pick([10, 12, 13, 65]) : 1 + work.pick([26, 30, 16, 28]);
    p.pay = [560, 950, 1250, 1700][p.hours - 1] * Math.exp(0.22 * work.normal() + [0.25, 0.15, 0.1, 0, -0.05, -0.05, -0.1][p.qualIndex]);
    p.payNoise = Float64Array.from({ length: MONTHS }, () => 1 + 0.06 * work.normal());
    p.monthIndex0 = monthOf(p.randomised);
  }
  const members = GROUPS.map((g) => retained.filter((p) => p.group === g.id));
  const params = GROUPS.map(() => ({ intercept: 0, theta: 1, pay: 1, wellbeing: 0, health: 0 }));

  /**
   * Visits the spells of employment [start, end) (days after randomisation) under arm 0 or 1: the
   * IW's job at randomisation, which the treatment makes less likely to end, then up to three more
   * spells, which the treatment makes start sooner (hazard ratio theta).
   */
  function forEachSpell(p, arm, intercept, theta, visit) {
    if (!arm) theta = 1;
    const horizon = monthStart(p.monthIndex0 + MONTHS) - p.randomised;
    const exit = Math.exp(-2.5 - 0.25 * p.employability) / 30.44; // per day
    let t = 0;
    let k = 0;
    let first = p.status === "OOW";
    if (p.status === "IW") {
      const end = Math.ceil(-Math.log(p.u[0]) / (Math.exp(intercept - 0.5 * p.employability) / 30.44 / theta));
      visit(p.spellStart, end);
      t = end;
      k = 2;
    }
    while (t < horizon && k < 6) {
      const rate = Math.exp((first ? intercept : -3.3) + p.employability) / 30.44 * theta;
      first = false;
      const start = Math.ceil(afterHazard(p.randomised + t, -Math.log(p.u[k]), rate) - p.randomised);
      if (start >= horizon) break;
      const end = start + Math.ceil(-Math.log(p.u[k + 1]) / exit);
      visit(start, end);
      t = end;
      k += 2;
    }
  }
  function spells(p, arm, prm) {
    const out = [];
    forEachSpell(p, arm, prm.intercept, prm.theta, (start, end) => out.push([start, end]));
    return out;
  }
  /** Days to reach a cumulative hazard from day t0 at `rate`, halved after the first lockdown. */
  function afterHazard(t0, H, rate) {
    if (t0 >= LOCKDOWN) return t0 + H / (0.45 * rate);
    const t1 = t0 + H / rate;
    if (t1 <= LOCKDOWN) return t1;
    return LOCKDOWN + (H - rate * (LOCKDOWN - t0)) / (0.45 * rate);
  }
  /** Per month offset 0..24: weeks employed (Sundays in a job) and days employed. */
  function monthly(p, s) {
    const weeks = new Int32Array(MONTHS);
    const days = new Int32Array(MONTHS);
    for (let k = 0; k < MONTHS; k++) {
      const a = monthStart(p.monthIndex0 + k);
      const b = monthStart(p.monthIndex0 + k + 1);
      for (const [s0, s1] of s) {
        const from = Math.max(a, p.randomised + s0);
        const to = Math.min(b, p.randomised + s1);
        if (to > from) {
          weeks[k] += sundays(from, to);
          days[k] += to - from;
        }
      }
    }
    return { weeks, days };
  }
  /** Whether a month's record reaches trialstat: records dated on or after withdrawal are not used. */
  const used = (p, k) => !(monthStart(p.monthIndex0 + k) >= p.withdrawn);
  // employed 13+ weeks in months 1–12, straight from the spells (the calibrations' inner loop):
  // the used months 1–12 are the days [from, to)
  for (const p of people) {
    let last = 12;
    while (last >= 1 && !used(p, last)) last--;
    p.window12 = [monthStart(p.monthIndex0 + 1), monthStart(p.monthIndex0 + last + 1)];
  }
  const employed13w = (p, arm, intercept, theta) => {
    const [from, to] = p.window12;
    let w = 0;
    forEachSpell(p, arm, intercept, theta, (s0, s1) => (w += sundays(Math.max(from, p.randomised + s0), Math.min(to, p.randomised + s1))));
    return w >= 13 ? 1 : 0;
  };
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

  GROUPS.forEach((g, gi) => {
    const prm = params[gi];
    const ms = members[gi];
    // the control rate, then the treatment's hazard ratio that gives the planted effect
    const rate = (arm, intercept, theta) => ms.reduce((s, p) => s + employed13w(p, arm, intercept, theta), 0) / ms.length;
    prm.intercept = bisect((c) => rate(0, c, 1), -8, 2, CONTROL_EMPLOYED[g.id], g.status === "IW" ? -1 : 1);
    const control = rate(0, prm.intercept, 1);
    prm.theta = Math.exp(bisect((lt) => rate(1, prm.intercept, Math.exp(lt)) - control, -2.5, 2.5, TARGETS[g.id].employed13w / 100, 1));
  });
  for (const p of people) {
    const prm = params[p.g];
    p.months = [monthly(p, spells(p, 0, prm)), monthly(p, spells(p, 1, prm))];
    p.firstJob1 = spells(p, 1, prm).find(([s]) => s >= 0)?.[0];
  }
  // earnings: pay × share of the month employed; the treated pay multiplier gives the planted effect
  const earningsBase = (p, arm, k) => {
    const m = p.months[arm];
    const len = monthStart(p.monthIndex0 + k + 1) - monthStart(p.monthIndex0 + k);
    return (p.pay * m.days[k] * p.payNoise[k]) / len;
  };
  const window12 = (p, f) => {
    let s = 0;
    for (let k = 1; k <= 12; k++) if (used(p, k)) s += f(k);
    return s;
  };
  GROUPS.forEach((g, gi) => {
    const ms = members[gi];
    const e0 = ms.reduce((s, p) => s + window12(p, (k) => Math.round(earningsBase(p, 0, k) * 100) / 100), 0);
    const e1 = ms.reduce((s, p) => s + window12(p, (k) => earningsBase(p, 1, k)), 0);
    params[gi].pay = (TARGETS[g.id].earnings12 * ms.length + e0) / e1;
  });
  for (const p of people) {
    p.earnings = [0, 1].map((arm) => Float64Array.from({ length: MONTHS }, (_, k) => Math.round(earningsBase(p, arm, k) * (arm ? params[p.g].pay : 1) * 100) / 100));
  }

  // --- benefits: out-of-work benefits in months mostly out of work (same draws in both arms)
  const benefits = rng("benefits");
  for (const p of people) {
    const u = Float64Array.from({ length: MONTHS }, () => benefits.next());
    const claims = clamp((p.status === "IW" ? 0.35 : 0.78) + 0.08 * p.severity, 0.05, 0.97);
    const type = benefits.next();
    const legacy = p.limiting === 0 && type < 0.45 ? "ESA" : type < 0.15 ? "JSA" : "UC";
    const inWorkUc = benefits.next() < (p.status === "IW" ? 0.1 : 0.3);
    p.benefit = [0, 1].map((arm) =>
      Array.from({ length: MONTHS }, (_, k) => {
        const share = p.months[arm].days[k] / (monthStart(p.monthIndex0 + k + 1) - monthStart(p.monthIndex0 + k));
        if (share < 0.5) return u[k] < claims ? legacy : null;
        return inWorkUc && u[k] < 0.9 ? "UC in work" : null;
      }),
    );
  }

  // --- questionnaires at 12 months: potential latent states under both arms
  const outcomes = rng("outcomes12");
  for (const p of people) {
    p.zm12 = 0.6 * p.m + 0.8 * outcomes.normal();
    p.zp12 = 0.8 * p.p + 0.6 * outcomes.normal();
    p.zw12 = 0.55 * p.w0 + 0.15 + 0.835 * outcomes.normal();
    p.ze12 = 0.6 * p.e0 + 0.25 * p.zw12 + 0.7 * outcomes.normal();
    p.noise = Float64Array.from({ length: 7 + 5 + 8 + 7 + 9 + 10 + 4 }, () => outcomes.normal());
    p.vasNoise = outcomes.normal();
    // larger wellbeing and health gains for those who start worse off
    p.gainW = clamp(1 - 0.8 * p.w0, 0, 3);
    p.gainH = clamp(1 + 0.4 * p.m, 0, 2);
  }
  const latent12 = (p, arm, prm) => {
    const h = arm ? prm.health * p.gainH : 0;
    const g = arm ? prm.wellbeing * p.gainW : 0;
    return { m: p.zm12 - h, p: p.zp12 - 0.5 * h, w: p.zw12 + g, e: p.ze12 + (arm ? SELF_EFFICACY_SHIFT + 0.25 * g : 0) };
  };
  // each instrument's items from the latent state and the participant's own item noise
  const swemwbsItems = (w, z) => Array.from({ length: 7 }, (_, j) => ordinal(w + 0.85 * z[j], SWEMWBS_CUTS, 1));
  const eq5dItems = (m, ph, z) =>
    [ph - 0.2, 0.7 * ph + 0.3 * m - 0.9, 0.5 * ph + 0.5 * m - 0.1, 0.9 * ph + 0.2, 0.9 * m + 0.4].map((v, d) => ordinal(v + 0.7 * z[7 + d], EQ5D_CUTS, 1));
  const items12 = (p, arm, prm = params[p.g]) => {
    const L = latent12(p, arm, prm);
    const z = p.noise;
    let o = 12;
    const phq = Array.from({ length: 8 }, (_, j) => ordinal(L.m + 0.85 * z[o++] + (j === 2 || j === 3 ? 0.35 : 0), PHQ_CUTS, 0));
    const gad = Array.from({ length: 7 }, () => ordinal(L.m + 0.85 * z[o++] - 0.05, PHQ_CUTS, 0));
    const jsse = Array.from({ length: 9 }, () => ordinal(L.e + 0.8 * z[o++], JSSE_CUTS, 1));
    const gse = Array.from({ length: 10 }, () => ordinal(0.8 * L.e + 0.3 * L.w + 0.75 * z[o++], GSE_CUTS, 1));
    const ons = [
      clamp(Math.round(4.6 + 1.3 * L.w - 0.5 * L.m + 1.4 * z[o++]), 0, 10),
      clamp(Math.round(5.2 + 1.2 * L.w - 0.4 * L.m + 1.5 * z[o++]), 0, 10),
      clamp(Math.round(4.8 + 1.2 * L.w - 0.6 * L.m + 1.7 * z[o++]), 0, 10),
      clamp(Math.round(5.4 + 1.4 * L.m - 0.3 * L.w + 2.0 * z[o++]), 0, 10),
    ];
    const vas = clamp(Math.round(60 - 10 * L.p - 6 * L.m + 12 * p.vasNoise), 0, 100);
    return { sw: swemwbsItems(L.w, z), eq: eq5dItems(L.m, L.p, z), phq, gad, jsse, gse, ons, vas };
  };
  const sum = (xs) => xs.reduce((a, b) => a + b, 0);
  const sdOf = (xs) => {
    const mu = mean(xs);
    return Math.sqrt(xs.reduce((s, x) => s + (x - mu) ** 2, 0) / (xs.length - 1));
  };
  // the wellbeing and health shifts that give the planted effects in SD units
  GROUPS.forEach((g, gi) => {
    const ms = members[gi];
    const prm = params[gi];
    // (as latent12 with the shift d: wellbeing w + d·gainW; health m − h, p − h/2 with h = d·gainH)
    const wellbeing = (p, d) => SWEMWBS_METRIC[sum(swemwbsItems(p.zw12 + d * p.gainW, p.noise)) - 7];
    const health = (p, d) => eq5dIndex(eq5dItems(p.zm12 - d * p.gainH, p.zp12 - 0.5 * d * p.gainH, p.noise));
    const sdEffect = (f) => {
      const y0 = ms.map((p) => f(p, 0));
      const m0 = mean(y0);
      const sd0 = sdOf(y0);
      return (d) => (ms.reduce((s, p) => s + f(p, d), 0) / ms.length - m0) / sd0;
    };
    prm.wellbeing = bisect(sdEffect(wellbeing), -1, 2, TARGETS[g.id].swemwbs12, 1);
    prm.health = bisect(sdEffect(health), -1, 2, TARGETS[g.id].eq5d12, 1);
  });
  for (const p of people) p.items12 = [items12(p, 0), items12(p, 1)];

  // --- survey response: exactly the Table 6.2 achieved counts among those the wave expected.
  // Response depends on what the baseline recorded — more likely for older recruits, women, white
  // recruits, and those with better baseline wellbeing (SWEMWBS) and health (EQ-5D), in the control
  // arm more steeply than in the treated arm — and on engagement with research, which has nothing to
  // do with the outcomes. So response is ignorable given the baseline (the weights can correct it),
  // but respondents are not like everyone randomised, and those who gain most (who started worse
  // off) are under-represented among control respondents: weighting matters.
  const response = rng("response");
  const responseScore = (p, wave) => {
    const t = p.arm === "T";
    const wellbeing = (SWEMWBS_METRIC[p.sw0.reduce((a, b) => a + b, 0) - 7] - 19) / 4;
    const health = (eq5dIndex(p.eq0) - 0.55) / 0.25;
    return (
      0.6 * p.engagement +
      0.025 * (p.age - 40) +
      (p.gender === "Female" ? 0.25 : 0) +
      (p.ethnicity === "White" ? 0.3 : 0) -
      0.05 * p.qualIndex +
      (t ? 0.1 : 0.7) * wellbeing +
      (t ? 0.1 : 0.4) * health +
      (wave === 12 && p.responded4 ? 1.0 : 0) +
      response.logistic()
    );
  };
  for (const wave of [4, 12]) {
    GROUPS.forEach((g) => {
      for (const arm of ["T", "C"]) {
        const due = (p) => addMonths(p.randomised, wave);
        const eligible = retained.filter((p) => p.group === g.id && p.arm === arm && !(p.withdrawn < due(p)));
        const ranked = eligible.map((p) => ({ p, key: responseScore(p, wave) })).sort((a, b) => b.key - a.key);
        const achieved = count((wave === 4 ? g.survey4 : g.survey12)[arm]);
        if (achieved > ranked.length) throw new Error(`internal: ${achieved} respondents wanted from ${ranked.length} eligible`);
        ranked.forEach(({ p }, k) => (p[`responded${wave}`] = k < achieved));
      }
    });
  }
  // a few erased recruits had answered the 4-month survey before their erasure
  for (const p of people.filter((q) => q.erased)) p.responded4 = response.next() < 0.5;

  // --- provider management information: treated recruits in contact with the IPS service
  const mi = rng("provider");
  GROUPS.forEach((g) => {
    const treated = retained.filter((p) => p.group === g.id && p.arm === "T");
    const ranked = treated.map((p) => ({ p, key: 0.7 * p.engagement - (p.withdrawn - p.randomised < 60 ? 2 : 0) + mi.logistic() })).sort((a, b) => b.key - a.key);
    ranked.forEach(({ p }, k) => (p.inMi = k < count(g.mi)));
  });

  // ------------------------------------------------------------------------------------------
  // The extracts
  const files = {};
  const csv = (header, rows) => `${header.join(",")}\n${rows.map((r) => r.map(cell).join(",")).join("\n")}\n`;

  // baseline: every randomised recruit, erased ones included (the erasure list removes them)
  const baselineHeader = [
    "id", "randomised_on", "arm", "site", "group", "trial_group", "age", "gender", "ethnicity",
    ...CONDITIONS.map(([c]) => `cond_${c}`), "cond_dont_know", "limiting", "work_history",
    ...REASONS.map(([r]) => `reason_${r}`), ...BARRIERS.map(([b]) => `barrier_${b}`), "qualification", "dependent_children",
    "eq5d_mo_0", "eq5d_sc_0", "eq5d_ua_0", "eq5d_pd_0", "eq5d_ad_0", "eq5d_vas_0",
    ...Array.from({ length: 7 }, (_, j) => `swemwbs_${j + 1}_0`), ...Array.from({ length: 9 }, (_, j) => `jsse_${j + 1}_0`),
  ];
  const missingBaseline = rng("baseline-mess");
  files["baseline.csv"] = csv(
    baselineHeader,
    people.map((p) => [
      p.id, ukDate(p.randomised), p.arm, p.site, p.status, p.group, p.age,
      p.gender ?? "Prefer not to say", p.ethnicity ?? "Prefer not to say",
      ...p.conditions.map((c) => (p.conditionsUnknown ? 0 : c)), p.conditionsUnknown ? 1 : 0,
      p.limiting === null ? "Don't know" : LIMITING_LEVELS[p.limiting],
      p.work === null ? "Don't know" : WORK_LEVELS[p.work],
      ...(p.reasons ?? REASONS.map(() => "")), ...p.barriers,
      p.qualification === null ? "Don't know" : QUALIFICATION_LEVELS[p.qualification], p.children ?? "Prefer not to say",
      ...p.eq0.map((v) => (missingBaseline.next() < 0.002 ? -9 : v)), missingBaseline.next() < 0.01 ? -8 : p.vas0,
      ...p.sw0.map((v) => (missingBaseline.next() < 0.003 ? -8 : v)), ...p.jsse0,
    ]),
  );

  files["withdrawals.csv"] = csv(
    ["id", "withdrawn_on", "erased", "reason"],
    people.filter((p) => !Number.isNaN(p.withdrawn)).sort((a, b) => a.withdrawn - b.withdrawn || (a.id < b.id ? -1 : 1)).map((p) => [p.id, isoDate(p.withdrawn), p.erased ? "yes" : "no", p.erased ? "Erasure request upheld" : "Withdrew from the trial"]),
  );

  // HMRC RTI: a record for each month with employment (months 0–24 of randomisation), weeks in work
  // (week ends in the month), pay and the RTI hours band (1: under 16, 2: 16–23.99, 3: 24–29.99, 4: 30+)
  const taxRows = [];
  for (const p of people) {
    const arm = p.arm === "T" ? 1 : 0;
    const m = p.months[arm];
    for (let k = 0; k < MONTHS; k++) {
      if (m.days[k] === 0) continue;
      taxRows.push([p.id, isoMonth(p.monthIndex0 + k), m.weeks[k], p.earnings[arm][k].toFixed(2), p.hours]);
    }
  }
  files["hmrc_rti_monthly.csv"] = csv(["id", "month", "weeks_employed", "earnings", "hours_band"], taxRows);

  const benefitRows = [];
  for (const p of people) {
    const arm = p.arm === "T" ? 1 : 0;
    for (let k = 0; k < MONTHS; k++) {
      const b = p.benefit[arm][k];
      if (b === null) continue;
      benefitRows.push([p.id, isoMonth(p.monthIndex0 + k), b === "UC in work" ? "UC" : b, b === "UC in work" ? 0 : 1]);
    }
  }
  files["dwp_benefits_monthly.csv"] = csv(["id", "month", "benefit", "out_of_work"], benefitRows);

  // survey extracts: web answers come as labels, telephone and face-to-face as codes; -8 don't know, -9 refused
  const survey = rng("survey-mess");
  const PHQ_LABELS = ["Not at all", "Several days", "More than half the days", "Nearly every day"];
  const SWEMWBS_LABELS = ["None of the time", "Rarely", "Some of the time", "Often", "All of the time"];
  const GSE_LABELS = ["Not at all true", "Hardly true", "Moderately true", "Exactly true"];
  const mode = (d) => (d < LOCKDOWN ? ["web", "telephone", "face to face"][survey.pick([40, 45, 15])] : ["web", "telephone"][survey.pick([50, 50])]);
  const item = (v, web, labels, lowest, dk, refused = 0.002) => {
    const u = survey.next();
    if (u < dk) return web ? "Don't know" : -8;
    if (u < dk + refused) return -9;
    return web && labels ? labels[v - lowest] : v;
  };

  const s4Rows = [];
  for (const p of people) {
    if (!p.responded4) continue;
    const when = addMonths(p.randomised, 4) + survey.int(75);
    const md = mode(when);
    const web = md === "web";
    const arm = p.arm === "T" ? 1 : 0;
    const working = p.months[arm].days[Math.min(4, MONTHS - 1)] > 0;
    const sw = p.sw0.map((v) => clamp(v + (survey.next() < 0.3 ? (arm ? 1 : 0) : 0) - (survey.next() < 0.2 ? 1 : 0), 1, 5));
    s4Rows.push([p.id, isoDate(when), md, survey.next() < 0.01 ? "Don't know" : working ? "Yes" : "No", ...sw.map((v) => item(v, web, SWEMWBS_LABELS, 1, 0.004))]);
  }
  s4Rows.sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[0] < b[0] ? -1 : 1));
  files["survey_4m.csv"] = csv(["id", "interview_date", "mode", "in_paid_work", ...Array.from({ length: 7 }, (_, j) => `swemwbs_${j + 1}`)], s4Rows);

  const s12Header = [
    "id", "interview_date", "mode", "hours_per_week",
    ...Array.from({ length: 8 }, (_, j) => `phq8_${j + 1}`), ...Array.from({ length: 7 }, (_, j) => `gad7_${j + 1}`),
    ...Array.from({ length: 7 }, (_, j) => `swemwbs_${j + 1}`), "eq5d_mo", "eq5d_sc", "eq5d_ua", "eq5d_pd", "eq5d_ad", "eq5d_vas",
    ...Array.from({ length: 9 }, (_, j) => `jsse_${j + 1}`), ...Array.from({ length: 10 }, (_, j) => `gse_${j + 1}`),
    "ons_satisfied", "ons_worthwhile", "ons_happy", "ons_anxious",
  ];
  const s12Rows = [];
  for (const p of people) {
    if (!p.responded12 || p.erased) continue;
    const when = addMonths(p.randomised, 12) + survey.int(90);
    const md = mode(when);
    const web = md === "web";
    const arm = p.arm === "T" ? 1 : 0;
    const it = p.items12[arm];
    const k12 = Math.min(12, MONTHS - 1);
    const hours = p.months[arm].days[k12] === 0 ? 0 : [10, 20, 27, 37][p.hours - 1] + survey.int(5) - 2;
    const hoursCell = survey.next() < 0.02 ? -8 : hours;
    const answers = {
      phq8_12: it.phq.map((v) => item(v, web, PHQ_LABELS, 0, 0.001, 0.003)),
      gad7_12: it.gad.map((v) => item(v, web, PHQ_LABELS, 0, 0.001, 0.003)),
      swemwbs12: it.sw.map((v) => item(v, web, SWEMWBS_LABELS, 1, 0.004)),
      eq5d12: it.eq.map((v) => item(v, false, null, 1, 0, 0.002)),
      vas: [survey.next() < 0.01 ? -8 : it.vas],
      jsse12: it.jsse.map((v) => item(v, false, null, 1, 0.01)),
      gse12: it.gse.map((v) => item(v, web, GSE_LABELS, 1, 0.008)),
      ons_satisfied12: it.ons.map((v) => item(v, false, null, 0, 0.005, 0.003)),
    };
    // questionnaires with an unanswered item: their scores are missing or prorated
    p.unanswered = new Set(Object.keys(answers).filter((k) => answers[k].some((v) => v === -8 || v === -9 || v === "Don't know")));
    s12Rows.push([p.id, isoDate(when), md, hoursCell, ...Object.values(answers).flat()]);
  }
  // one respondent started the web questionnaire, stopped, and was interviewed by telephone later:
  // two records; the SAP keeps the later one
  const duplicates = Math.max(1, count(1));
  for (let d = 0; d < duplicates; d++) {
    const k = survey.int(s12Rows.length);
    const row = s12Rows[k];
    const later = [...row];
    later[1] = isoDate(day(...row[1].split("-").map(Number)) + 9 + survey.int(20));
    later[2] = "telephone";
    s12Rows[k] = row.map((v, j) => (j > 3 + 8 + 7 && j !== 2 ? "" : v));
    s12Rows[k][2] = "web";
    s12Rows.push(later);
  }
  s12Rows.sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[0] < b[0] ? -1 : 1));
  files["survey_12m.csv"] = csv(s12Header, s12Rows);

  const miRows = [];
  for (const p of people) {
    if (!p.inMi) continue;
    const referred = p.randomised + mi.int(8);
    const met = mi.next() < 0.93 ? referred + 3 + mi.int(25) : null;
    const job = p.firstJob1 !== undefined && p.firstJob1 <= 275 && met !== null ? p.randomised + Math.max(p.firstJob1, met - p.randomised) : null;
    miRows.push([p.id, isoDate(referred), met === null ? "" : isoDate(met), met === null ? 0 : 1 + Math.floor(-Math.log(mi.next()) * (p.site === "WMCA" ? 14 : 10)), job === null ? "" : isoDate(job), job === null ? "" : mi.next() < 0.7 ? "yes" : "no"]);
  }
  files["provider_mi.csv"] = csv(["id", "referred_on", "first_meeting", "meetings", "job_start", "in_work_support"], miRows);

  // ------------------------------------------------------------------------------------------
  // The planted effects: every outcome of the SAP, from both potential outcomes of every retained
  // participant, in each population (the effects in the pooled populations follow from the groups')
  const truth = plantedEffects(retained, { used, params, items: (p, arm) => p.items12[arm] });
  const summary = {
    randomised: Object.fromEntries(GROUPS.map((g) => [g.id, { T: count(g.randomised.T), C: count(g.randomised.C) }])),
    erased: people.filter((p) => p.erased).length,
    withdrawn: retained.filter((p) => !Number.isNaN(p.withdrawn)).length,
    survey4: tally(retained, (p) => p.responded4),
    survey12: tally(retained, (p) => p.responded12),
    provider_mi: tally(retained, (p) => p.inMi),
    rows: Object.fromEntries(Object.entries(files).map(([f, t]) => [f, t.split("\n").length - 2])),
    parameters: Object.fromEntries(GROUPS.map((g, gi) => [g.id, roundAll(params[gi])])),
  };
  // optionally, each retained participant's outcomes as the SAP should derive them (for tests)
  const observedOutcomes = observed ? observedValues(retained, { used, params, items: (p, arm) => p.items12[arm] }) : undefined;
  return { files, truth, summary, observed: observedOutcomes };
}

function tally(people, f) {
  const out = {};
  for (const g of GROUPS) out[g.id] = { T: people.filter((p) => p.group === g.id && p.arm === "T" && f(p)).length, C: people.filter((p) => p.group === g.id && p.arm === "C" && f(p)).length };
  return out;
}

const roundAll = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Math.round(v * 1e6) / 1e6]));

function cell(v) {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return String(v);
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function eq5dLevels(m, p, r) {
  return [p - 0.2, 0.7 * p + 0.3 * m - 0.9, 0.5 * p + 0.5 * m - 0.1, 0.9 * p + 0.2, 0.9 * m + 0.4].map((v) => ordinal(v + 0.7 * r.normal(), EQ5D_CUTS, 1));
}

/** Solves f(x) = target for x in [lo, hi] by bisection; `direction` is +1 if f increases, −1 if it decreases. */
function bisect(f, lo, hi, target, direction) {
  for (let it = 0; it < 32; it++) {
    const mid = (lo + hi) / 2;
    if ((f(mid) - target) * direction < 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** The SAP's populations over trial groups. */
export const POPULATIONS = {
  scr_iw: ["SCR IW"],
  scr_oow: ["SCR OOW"],
  all_scr: ["SCR IW", "SCR OOW"],
  wmca: ["WMCA OOW"],
  all_oow: ["SCR OOW", "WMCA OOW"],
};

/**
 * Each SAP outcome as a function of a participant's potential data under an arm, with its reporting
 * unit (as in sap.yaml). Administrative outcomes apply trialstat's window rules (months 1–12 after the
 * month of randomisation; records dated on or after a withdrawal not used).
 */
function outcomeDefinitions({ used }) {
  const months = (p, arm, from, to, f) => {
    let s = 0;
    for (let k = from; k <= to; k++) if (used(p, k)) s += f(p.months[arm], k, arm);
    return s;
  };
  const weeks = (m, k) => m.weeks[k];
  const anyDays = (m, k) => (m.days[k] > 0 ? 1 : 0);
  const oow = (p, arm, k) => (p.benefit[arm][k] !== null && p.benefit[arm][k] !== "UC in work" ? 1 : 0);
  const sum = (xs) => xs.reduce((a, b) => a + b, 0);
  return {
    employed13w: { unit: "ppt", f: (p, arm) => (months(p, arm, 1, 12, weeks) >= 13 ? 1 : 0) },
    earnings12: { unit: "GBP", f: (p, arm) => months(p, arm, 1, 12, (_, k) => p.earnings[arm][k]) },
    eq5d12: { unit: "sd", f: (p, arm, it) => eq5dIndex(it.eq) },
    swemwbs12: { unit: "sd", f: (p, arm, it) => SWEMWBS_METRIC[sum(it.sw) - 7] },
    employed_m12: { unit: "ppt", f: (p, arm) => months(p, arm, 12, 12, anyDays) },
    months_employed12: { unit: "raw", f: (p, arm) => months(p, arm, 1, 12, anyDays) },
    weeks_employed12: { unit: "raw", f: (p, arm) => months(p, arm, 1, 12, weeks) },
    employed13w_m13_24: { unit: "ppt", f: (p, arm) => (months(p, arm, 13, 24, weeks) >= 13 ? 1 : 0) },
    hours16_m12: { unit: "ppt", f: (p, arm) => (used(p, 12) && p.months[arm].days[12] > 0 && p.hours >= 2 ? 1 : 0) },
    oow_benefit_m12: { unit: "ppt", f: (p, arm) => (used(p, 12) ? oow(p, arm, 12) : 0) },
    jsse12: { unit: "sd", f: (p, arm, it) => sum(it.jsse) },
    gse12: { unit: "sd", f: (p, arm, it) => sum(it.gse) },
    phq8_12: { unit: "raw", f: (p, arm, it) => sum(it.phq) },
    gad7_12: { unit: "raw", f: (p, arm, it) => sum(it.gad) },
    ons_satisfied12: { unit: "raw", f: (p, arm, it) => it.ons[0] },
  };
}

/** Each retained participant's outcomes under the arm they were randomised to, by id. */
function observedValues(retained, ctx) {
  const defs = Object.entries(outcomeDefinitions(ctx));
  return new Map(retained.map((p) => {
    const arm = p.arm === "T" ? 1 : 0;
    // a questionnaire with an unanswered item has no exact score to compare (missing or prorated)
    const known = defs.filter(([name]) => !p.unanswered?.has(name));
    return [p.id, Object.fromEntries(known.map(([name, { f }]) => [name, f(p, arm, ctx.items(p, arm))]))];
  }));
}

function plantedEffects(retained, ctx) {
  const defs = outcomeDefinitions(ctx);
  const effects = {};
  for (const [population, groups] of Object.entries(POPULATIONS)) {
    const ms = retained.filter((p) => groups.includes(p.group));
    effects[population] = {};
    for (const [outcome, { unit, f }] of Object.entries(defs)) {
      const y0 = ms.map((p) => f(p, 0, ctx.items(p, 0)));
      const y1 = ms.map((p) => f(p, 1, ctx.items(p, 1)));
      const m0 = y0.reduce((a, b) => a + b, 0) / y0.length;
      const m1 = y1.reduce((a, b) => a + b, 0) / y1.length;
      const sd = Math.sqrt(y0.reduce((s, y) => s + (y - m0) ** 2, 0) / (y0.length - 1));
      const effect = unit === "ppt" ? (m1 - m0) * 100 : unit === "sd" ? (m1 - m0) / sd : m1 - m0;
      effects[population][outcome] = { effect: round(effect, 6), unit, control_mean: round(m0, 6), treated_mean: round(m1, 6), ...(unit === "sd" ? { control_sd: round(sd, 6) } : {}) };
    }
  }
  return {
    note: "True intention-to-treat effects planted in the generated data: for each population and outcome, the mean of the outcome if everyone retained had been treated minus its mean if no one had (from both potential outcomes of every participant), in the outcome's reporting unit (sd: divided by the SD of the untreated outcome).",
    targets: TARGETS,
    effects,
  };
}

const round = (x, d) => Math.round(x * 10 ** d) / 10 ** d;

// ---------------------------------------------------------------------------------------------

function parseArgs(argv) {
  const here = dirname(fileURLToPath(import.meta.url));
  const options = { scale: 1, seed: DEFAULT_SEED, out: join(here, "data"), ifNeeded: false, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === "--scale") options.scale = Number(value());
    else if (a === "--seed") options.seed = Number(value());
    else if (a === "--out") options.out = resolve(value());
    else if (a === "--if-needed") options.ifNeeded = true;
    else if (a === "--quiet") options.quiet = true;
    else if (a === "--help" || a === "-h") {
      process.stdout.write("usage: node examples/hlt/generate.mjs [--scale 1] [--seed 3] [--out DIR] [--if-needed] [--quiet]\n");
      process.exit(0);
    } else throw new Error(`unknown option ${a} (try --help)`);
  }
  return options;
}

/** Writes the extracts, truth.json and manifest.json into `out` (replacing it as a whole). */
export function writeStudy(out, { scale, seed }) {
  const started = process.hrtime.bigint();
  const { files, truth, summary } = generate({ scale, seed });
  const staging = `${out}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(staging, name), text);
  writeFileSync(join(staging, "truth.json"), `${JSON.stringify(truth, null, 2)}\n`);
  const manifest = { generator_version: GENERATOR_VERSION, seed, scale, ...summary };
  writeFileSync(join(staging, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  rmSync(out, { recursive: true, force: true });
  renameSync(staging, out);
  return { manifest, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/** Whether `out` already holds this generator's data for this seed and scale. */
export function isCurrent(out, { scale, seed }) {
  try {
    const m = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    return m.generator_version === GENERATOR_VERSION && m.seed === seed && m.scale === scale;
  } catch {
    return false;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const options = parseArgs(process.argv.slice(2));
    if (options.ifNeeded && existsSync(options.out) && isCurrent(options.out, options)) {
      if (!options.quiet) process.stdout.write(`${options.out}: generated data present (seed ${options.seed}, scale ${options.scale})\n`);
    } else {
      const { manifest, seconds } = writeStudy(options.out, options);
      const total = Object.values(manifest.randomised).reduce((s, a) => s + a.T + a.C, 0);
      if (!options.quiet) process.stdout.write(`generated ${total.toLocaleString("en-GB")} recruits (seed ${options.seed}, scale ${options.scale}) in ${options.out} in ${seconds.toFixed(1)} s\n`);
    }
  } catch (e) {
    process.stderr.write(`error: ${e.message}\n`);
    process.exit(2);
  }
}
