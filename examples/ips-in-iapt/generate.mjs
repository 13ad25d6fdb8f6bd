#!/usr/bin/env node
// The IPS-in-IAPT example: a seeded generator of a single-arm service evaluation's data with the
// shape of the 'IPS in IAPT' Psychological Wellbeing and Work feasibility pilot (The Work
// Foundation, 2015): 413 referrals to four sites, 240 participants, 166 in the evaluation, GAD-7,
// PHQ-9, WHO-5 and JSSE at the first and last appointment. Plain JavaScript for Node 20 with no
// dependency but trialstat's core library (built by pnpm install), whose seeded random streams it
// draws from — the same bytes for the same seed, never Math.random.
//
//   node examples/ips-in-iapt/generate.mjs [--seed 2015] [--out examples/ips-in-iapt/data]
//
// README.md (beside this file) says what is generated and which of the pilot's figures the data
// reproduce exactly. The data are small and committed (the R oracle test/oracle/single-arm.R reads
// them); example.test.ts checks that this generator still writes the same bytes.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const DEFAULT_SEED = 2015;

let core;
try {
  core = await import("../../packages/core/dist/index.js");
} catch (e) {
  const message = `the example's generator needs trialstat's core library built (${e.message})`;
  if (!(process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url))) throw new Error(`${message}; run "pnpm install"`);
  process.stderr.write(`error: ${message}\n  hint: run "pnpm install" (it builds trialstat) or "pnpm run build"\n`);
  process.exit(2);
}
const { RandomStreams, shuffleInPlace, standardNormal, uniformInteger } = core;

/**
 * The pilot's published counts by site (Tables 1–5), and how many records of each measurement the
 * example invents where the report gives none (marked "example").
 */
export const SITES = [
  // Table 1: referrals, declined IPS, declined IPS and IAPT (participants = the rest); Table 2: in the
  // evaluation; Table 3: IPS service users, appointments; Table 4: making applications, applications,
  // attending interviews, interviews; Table 5: achieving paid employment, paid job outcomes
  { site: "Site A", referrals: 253, declinedIps: 52, declinedBoth: 73, evaluated: 93, ipsUsers: 67, appointments: 174, applicants: 15, applications: 33, interviewees: 7, interviews: 9, employed: 6, jobOutcomes: 6,
    // example: first IAPT session recorded, last session (both), last session only; first and last JSSE (both)
    iaptStart: 70, iaptBoth: 4, iaptEndOnly: 1, jsseStart: 55, jsseBoth: 20 },
  { site: "Site B", referrals: 18, declinedIps: 6, declinedBoth: 8, evaluated: 3, ipsUsers: 2, appointments: 11, applicants: 2, applications: 2, interviewees: 0, interviews: 0, employed: 0, jobOutcomes: 0,
    iaptStart: 2, iaptBoth: 0, iaptEndOnly: 0, jsseStart: 2, jsseBoth: 0 },
  { site: "Site C", referrals: 58, declinedIps: 14, declinedBoth: 1, evaluated: 5, ipsUsers: 2, appointments: 12, applicants: 1, applications: 1, interviewees: 1, interviews: 1, employed: 0, jobOutcomes: 0,
    iaptStart: 4, iaptBoth: 0, iaptEndOnly: 0, jsseStart: 1, jsseBoth: 0 },
  { site: "Site D", referrals: 84, declinedIps: 7, declinedBoth: 12, evaluated: 65, ipsUsers: 54, appointments: 235, applicants: 25, applications: 147, interviewees: 15, interviews: 29, employed: 9, jobOutcomes: 10,
    iaptStart: 50, iaptBoth: 6, iaptEndOnly: 0, jsseStart: 48, jsseBoth: 23 },
];

/**
 * Table 6 (JSSE, sites A and D, n = 43): average 24 at the start (range 13–44), 31 at the end (15–45).
 * Table 7 (the 10 who completed IAPT): GAD-7 15 → 11.7, PHQ-9 18.2 → 14.9. The example's completers
 * have exactly these sums (so means) and ranges.
 */
export const TABLE6 = { n: 43, start: { sum: 24 * 43, min: 13, max: 44 }, end: { sum: 31 * 43, min: 15, max: 45 } };
export const TABLE7 = { n: 10, gad7: { start: 150, end: 117 }, phq9: { start: 182, end: 149 } };

class Rng {
  constructor(streams, purpose) {
    this.stream = streams.stream(purpose);
  }
  int(n) {
    return uniformInteger(this.stream, n);
  }
  normal() {
    return standardNormal(this.stream);
  }
  shuffle(array) {
    return shuffleInPlace(this.stream, array);
  }
  /** k distinct elements of the array, in a random order. */
  sample(array, k) {
    return this.shuffle([...array]).slice(0, k);
  }
}

/** `total` units spread over `n` people, each at least 1 (a multinomial remainder); the first gets `top` when given (a published maximum). */
function spread(rng, n, total, top) {
  if (top !== undefined) return [top, ...spread(rng, n - 1, total - top)];
  const out = new Array(n).fill(1);
  for (let u = n; u < total; u++) out[rng.int(n)]++;
  return out;
}

/**
 * n whole scores in [lo, hi] near a normal(mean, sd) draw, then nudged one point at a time so that
 * they add up to `sum` exactly and include `min` and `max` when given (the published range).
 */
function scores(rng, n, { mean, sd, lo, hi, sum, min, max }) {
  const floor = min ?? lo;
  const ceiling = max ?? hi;
  const x = Array.from({ length: n }, () => Math.min(ceiling, Math.max(floor, Math.round(mean + sd * rng.normal()))));
  if (min !== undefined) x[0] = min;
  if (max !== undefined) x[1] = max;
  if (sum !== undefined) {
    for (let guard = 0; x.reduce((a, b) => a + b, 0) !== sum; guard++) {
      if (guard > 1e6) throw new Error(`cannot make ${n} scores in [${floor}, ${ceiling}] add up to ${sum}`);
      const k = 2 + rng.int(n - 2);
      const up = x.reduce((a, b) => a + b, 0) < sum;
      if (up && x[k] < ceiling) x[k]++;
      else if (!up && x[k] > floor) x[k]--;
    }
  }
  return rng.shuffle(x);
}

/** One whole score near a normal(mean, sd) draw, within [lo, hi]. */
function score(rng, mean, sd, lo, hi) {
  return Math.min(hi, Math.max(lo, Math.round(mean + sd * rng.normal())));
}

/** A total split into `k` item ratings in [lo, hi]. */
function items(rng, total, k, lo, hi) {
  const out = new Array(k).fill(lo);
  for (let left = total - k * lo; left > 0; ) {
    const j = rng.int(k);
    if (out[j] < hi) {
      out[j]++;
      left--;
    }
  }
  return out;
}

const csv = (header, rows) => `${[header, ...rows].map((r) => r.map((v) => (v === null || v === undefined ? "" : String(v))).join(",")).join("\n")}\n`;

/** The example's files, by name, and a manifest of what they hold. */
export function generate({ seed = DEFAULT_SEED } = {}) {
  const streams = new RandomStreams(seed);
  const rng = (purpose) => new Rng(streams, purpose);
  const people = [];
  for (const s of SITES) {
    const r = rng(`people ${s.site}`);
    const participants = s.referrals - s.declinedIps - s.declinedBoth;
    const site = [
      ...Array.from({ length: s.declinedIps }, () => ({ referral: "declined_ips" })),
      ...Array.from({ length: s.declinedBoth }, () => ({ referral: "declined_both" })),
      ...Array.from({ length: participants }, () => ({ referral: "participant" })),
    ].map((p) => ({ ...p, site: s.site }));
    const inPilot = site.filter((p) => p.referral === "participant");
    for (const p of inPilot) p.consented = "no";
    const evaluated = r.sample(inPilot, s.evaluated);
    for (const p of evaluated) p.consented = "yes";
    const users = r.sample(evaluated, s.ipsUsers);
    for (const p of evaluated) p.ips_user = 0;
    // Tables 3–5: every IPS service user had at least one appointment; applications, interviews and
    // jobs among some of them (those with a job made applications)
    const appointments = spread(r, users.length, s.appointments);
    users.forEach((p, k) => Object.assign(p, { ips_user: 1, appointments: appointments[k], applications: 0, interviews: 0, paid_job: 0, job_outcomes: 0 }));
    const applicants = r.sample(users, s.applicants);
    // the pilot's ranges: applications 0–42, interviews 0–9 (both at site D in the example)
    const top = s.site === "Site D";
    const applications = spread(r, applicants.length, s.applications, top ? 42 : undefined);
    applicants.forEach((p, k) => (p.applications = applications[k]));
    const interviewees = r.sample(applicants, s.interviewees);
    const interviews = spread(r, interviewees.length, s.interviews, top ? 9 : undefined);
    interviewees.forEach((p, k) => (p.interviews = interviews[k]));
    const employed = r.sample(applicants, s.employed);
    employed.forEach((p) => Object.assign(p, { paid_job: 1, job_outcomes: 1 }));
    for (let extra = s.employed; extra < s.jobOutcomes; extra++) employed[extra - s.employed].job_outcomes++;

    // measurements: the first and last IAPT session (GAD-7, PHQ-9, WHO-5), the first and last IPS appointment (JSSE)
    const iaptStart = r.sample(evaluated, s.iaptStart);
    const iaptBoth = iaptStart.slice(0, s.iaptBoth);
    const iaptEndOnly = r.sample(evaluated.filter((p) => !iaptStart.includes(p)), s.iaptEndOnly);
    for (const p of iaptStart) p.iaptFirst = true;
    for (const p of [...iaptBoth, ...iaptEndOnly]) p.iaptLast = true;
    for (const p of iaptBoth) p.completer = true;
    const jsseStart = r.sample(users, s.jsseStart);
    for (const p of jsseStart) p.ipsFirst = true;
    for (const p of jsseStart.slice(0, s.jsseBoth)) Object.assign(p, { ipsLast: true, jsseCompleter: true });
    people.push(...site);
  }
  rng("order").shuffle(people);
  people.forEach((p, k) => (p.id = `R${String(k + 1).padStart(4, "0")}`));

  // Table 7: the ten completers' GAD-7 and PHQ-9, with the published means; others' first scores
  const m = rng("mental health");
  const completers = people.filter((p) => p.completer);
  const gad7Start = scores(m, completers.length, { mean: 15, sd: 3, lo: 8, hi: 21, sum: TABLE7.gad7.start });
  const gad7End = scores(m, completers.length, { mean: 11.7, sd: 4, lo: 0, hi: 21, sum: TABLE7.gad7.end });
  const phq9Start = scores(m, completers.length, { mean: 18.2, sd: 4, lo: 10, hi: 27, sum: TABLE7.phq9.start });
  const phq9End = scores(m, completers.length, { mean: 14.9, sd: 5, lo: 0, hi: 27, sum: TABLE7.phq9.end });
  // end scores go together (the lowest GAD-7 with the lowest PHQ-9), so that some completers recover
  gad7End.sort((a, b) => a - b);
  phq9End.sort((a, b) => a - b);
  completers.forEach((p, k) => Object.assign(p, { gad7: [gad7Start[k], gad7End[k]], phq9: [phq9Start[k], phq9End[k]] }));
  for (const p of people) {
    if (p.iaptFirst && !p.completer) Object.assign(p, { gad7: [score(m, 14, 4, 0, 21), null], phq9: [score(m, 16, 5, 0, 27), null] });
    if (p.iaptLast && !p.completer) Object.assign(p, { gad7: [null, 9 + m.int(8)], phq9: [null, 10 + m.int(10)] });
    // WHO-5: asked at some first sessions, at no last one (the pilot: "complete data was not provided by any site")
    if (p.iaptFirst && m.int(10) < 6) p.who5 = items(m, 4 + m.int(14), 5, 0, 5);
  }

  // Table 6: the 43 with both JSSE scores, with the published means and ranges; others' first scores
  const j = rng("jsse");
  const both = people.filter((p) => p.jsseCompleter);
  const start = scores(j, both.length, { mean: 24, sd: 7, lo: 9, hi: 45, ...TABLE6.start });
  const end = scores(j, both.length, { mean: 31, sd: 7, lo: 9, hi: 45, ...TABLE6.end });
  both.forEach((p, k) => (p.jsse = [items(j, start[k], 9, 1, 5), items(j, end[k], 9, 1, 5)]));
  for (const p of people) if (p.ipsFirst && !p.jsseCompleter) p.jsse = [items(j, score(j, 23, 7, 9, 45), 9, 1, 5), null];

  const byId = [...people].sort((a, b) => (a.id < b.id ? -1 : 1));
  const mi = ["id", "site", "referral", "consented", "ips_user", "appointments", "applications", "interviews", "paid_job", "job_outcomes"];
  const who5Items = ["who5_1", "who5_2", "who5_3", "who5_4", "who5_5"];
  const jsseItems = Array.from({ length: 9 }, (_, k) => `jsse_${k + 1}`);
  const iapt = (when) =>
    csv(
      ["id", "gad7", "phq9", ...who5Items],
      byId.filter((p) => (when === 0 ? p.iaptFirst : p.iaptLast)).map((p) => [p.id, p.gad7?.[when], p.phq9?.[when], ...(when === 0 && p.who5 ? p.who5 : who5Items.map(() => null))]),
    );
  const ips = (when) => csv(["id", ...jsseItems], byId.filter((p) => (when === 0 ? p.ipsFirst : p.ipsLast)).map((p) => [p.id, ...p.jsse[when]]));
  const files = {
    "referrals.csv": csv(mi, byId.map((p) => mi.map((c) => p[c]))),
    "iapt_first.csv": iapt(0),
    "iapt_last.csv": iapt(1),
    "ips_first.csv": ips(0),
    "ips_last.csv": ips(1),
  };
  return { files, manifest: { seed, referrals: people.length, participants: people.filter((p) => p.referral === "participant").length, evaluated: people.filter((p) => p.consented === "yes").length } };
}

/** Writes the example's files into a folder. */
export function writeStudy(dir, options = {}) {
  const { files, manifest } = generate(options);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return manifest;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const value = (flag, fallback) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : fallback);
  const seed = Number(value("--seed", DEFAULT_SEED));
  if (!Number.isInteger(seed)) {
    process.stderr.write(`error: --seed needs a whole number\n  hint: node examples/ips-in-iapt/generate.mjs [--seed ${DEFAULT_SEED}] [--out DIR]\n`);
    process.exit(2);
  }
  const out = value("--out", join(dirname(fileURLToPath(import.meta.url)), "data"));
  const manifest = writeStudy(out, { seed });
  process.stdout.write(`wrote ${manifest.referrals} referrals (${manifest.participants} participants, ${manifest.evaluated} in the evaluation) to ${out}/ (seed ${seed})\n`);
}
