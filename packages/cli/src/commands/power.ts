import { type Command, Option } from "commander";
import {
  type MdesInput,
  POWER_ALTERNATIVES,
  type PowerAlternative,
  type PowerCalculation,
  T_TEST_POWER_TYPES,
  type TTestPowerType,
  TrialstatError,
  inputError,
  minimumDetectableEffect,
  powerJson,
  powerPropTest,
  powerTTest,
  powerTable,
} from "@trialstat/core";
import type { CommandContext } from "../context.js";
import { commandSummary } from "../summaries.js";
import { printPlanPower } from "./power-plan.js";

/**
 * `trialstat power`: R's power.t.test and power.prop.test with R's argument names, and Bloom's
 * minimum detectable effect for designs those cannot describe (allocation, covariates, survey
 * response, weights, clusters). Leave out one of n, delta (or p2) and power: it is solved for.
 * A comma-separated list in any numeric flag gives one row per combination.
 */
interface PowerFlags {
  n?: string;
  delta?: string;
  sd?: string;
  power?: string;
  sigLevel?: string;
  alpha?: string;
  p1?: string;
  p2?: string;
  type?: TTestPowerType;
  alternative: PowerAlternative;
  strict?: boolean;
  tol?: string;
  nTotal?: string;
  clusters?: string;
  clusterSize?: string;
  icc?: string;
  r2?: string;
  r2Cluster?: string;
  covariates?: string;
  responseRate?: string;
  deff?: string;
  allocation?: string;
  distribution?: "t" | "normal";
  format: "table" | "json";
  results?: string;
}

/** Flags that only Bloom's formula has: any of them makes the calculation an MDES. */
const DESIGN_FLAGS = ["nTotal", "clusters", "clusterSize", "icc", "r2", "r2Cluster", "covariates", "responseRate", "deff", "allocation", "distribution"] as const;

const FLAG_NAME: Record<string, string> = {
  n: "--n",
  delta: "--delta",
  sd: "--sd",
  power: "--power",
  sigLevel: "--sig-level",
  "sig.level": "--sig-level",
  p1: "--p1",
  p2: "--p2",
  nTotal: "--n-total",
  clusters: "--clusters",
  clusterSize: "--cluster-size",
  "cluster size": "--cluster-size",
  icc: "--icc",
  r2: "--r2",
  "r2 cluster": "--r2-cluster",
  r2Cluster: "--r2-cluster",
  covariates: "--covariates",
  "response rate": "--response-rate",
  responseRate: "--response-rate",
  deff: "--deff",
  "treated share": "--allocation",
  tol: "--tol",
};

export function registerPower(program: Command, ctx: CommandContext): void {
  program
    .command("power")
    .description(commandSummary("power"))
    .argument("[sap]", "a SAP with a design: section: the MDES of each population and outcome it plans (no flags but --results and --format)")
    .option("--results <file>", "with a SAP: the sample sizes a run achieved, from its results.json")
    .option("--n <n>", "number in each group (pairs for --type paired), as power.t.test / power.prop.test")
    .option("--delta <delta>", "true difference in means (or, with design flags, the effect in outcome units)")
    .option("--sd <sd>", "standard deviation (default 1: delta in SDs)")
    .option("--power <power>", "power of the test, e.g. 0.8")
    .option("--sig-level <alpha>", "significance level (default 0.05)")
    .option("--alpha <alpha>", "the same as --sig-level")
    .option("--p1 <p1>", "proportion in one group (power.prop.test), or the control proportion of a binary outcome")
    .option("--p2 <p2>", "proportion in the other group")
    .addOption(new Option("--type <type>", "t test: two.sample, one.sample or paired (default two.sample)").choices(T_TEST_POWER_TYPES))
    .addOption(new Option("--alternative <alternative>", "two.sided or one.sided").choices(POWER_ALTERNATIVES).default("two.sided"))
    .option("--strict", "two-sided: count the far rejection tail too (R's strict = TRUE)")
    .option("--tol <tol>", "root-finding tolerance (default: solve exactly; 1.220703e-4 reproduces R's uniroot answer)")
    .option("--n-total <n>", "Bloom: number randomised, both arms together")
    .option("--clusters <J>", "Bloom: number of clusters randomised, both arms together")
    .option("--cluster-size <m>", "Bloom: people per cluster")
    .option("--icc <rho>", "Bloom: intracluster correlation")
    .option("--r2 <r2>", "Bloom: share of outcome variance explained by covariates")
    .option("--r2-cluster <r2>", "Bloom: share of between-cluster variance explained by cluster-level covariates")
    .option("--covariates <K>", "Bloom: number of covariates (each costs a degree of freedom)")
    .option("--response-rate <r>", "Bloom: share answering the follow-up survey that measures the outcome")
    .option("--deff <D>", "Bloom: design effect of the non-response weights (Kish, 1 + CV²)")
    .option("--allocation <P>", "Bloom: share randomised to treatment (0.5), or a treated:control ratio such as 2:1")
    .addOption(new Option("--distribution <dist>", "Bloom: t (default) or normal quantiles in the multiplier").choices(["t", "normal"]))
    .addOption(new Option("--format <format>", "output format").choices(["table", "json"]).default("table"))
    .action((sap: string | undefined, flags: PowerFlags, command: Command) => {
      const given = Object.keys(flags).filter((k) => command.getOptionValueSource(k) === "cli" && k !== "format" && k !== "results");
      if (sap !== undefined) {
        if (given.length) {
          const flag = `--${given[0].replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
          throw inputError(`not used with a SAP: the plan's design: section gives the design`, { location: { path: flag }, hint: `set it in ${sap}'s design: section (docs/sap.md#design), or leave out the SAP to use the flags` });
        }
        printPlanPower(ctx, sap, flags);
        return;
      }
      if (flags.results !== undefined) throw inputError("--results needs a SAP: trialstat power SAP --results results.json", { location: { path: "--results" }, hint: "name the plan whose design: section the results achieved" });
      const calcs = asFlags(() => powerCalculations(flags), DESIGN_FLAGS.some((k) => flags[k] !== undefined), flags.alpha !== undefined);
      const json = calcs.length === 1 && !hasList(flags) ? powerJson(calcs[0]) : calcs.map(powerJson);
      ctx.out(flags.format === "json" ? `${JSON.stringify(json, null, 2)}\n` : powerTable(calcs));
    });
}

/** Core errors name R's arguments (sig.level, cluster size); the user typed flags, so name those (--alpha if that was the one given). */
function asFlags<T>(f: () => T, bloom: boolean, alpha: boolean): T {
  try {
    return f();
  } catch (e) {
    const path = e instanceof TrialstatError ? e.location?.path : undefined;
    if (!(e instanceof TrialstatError) || path === undefined) throw e;
    const flag = bloom && path === "n" ? "--n-total" : alpha && FLAG_NAME[path] === "--sig-level" ? "--alpha" : FLAG_NAME[path];
    if (!flag) throw e;
    throw e.restated(e.message, { ...e.location, path: flag });
  }
}

function hasList(flags: PowerFlags): boolean {
  return Object.values(flags).some((v) => typeof v === "string" && v.includes(","));
}

/** A value each numeric flag accepts, for hints: each flag has its own range (--n above 1, --deff at least 1, ...). */
const EXAMPLE: Record<string, string> = {
  "--n": "100",
  "--delta": "0.2",
  "--sd": "1",
  "--power": "0.8",
  "--sig-level": "0.05",
  "--alpha": "0.05",
  "--p1": "0.25",
  "--p2": "0.3",
  "--tol": "1e-10",
  "--n-total": "1000",
  "--clusters": "40",
  "--cluster-size": "25",
  "--icc": "0.05",
  "--r2": "0.3",
  "--r2-cluster": "0.3",
  "--covariates": "3",
  "--response-rate": "0.45",
  "--deff": "1.2",
};

/** A flag's numbers: one, or a comma-separated list. */
function numbers(flag: string, text: string | undefined): (number | undefined)[] {
  if (text === undefined) return [undefined];
  return text.split(",").map((part) => {
    const s = part.trim();
    const x = Number(s);
    if (s === "" || !Number.isFinite(x)) {
      throw inputError(`${flag} must be a number (or a comma-separated list of numbers), got "${text}"`, { location: { path: flag }, hint: `e.g. ${flag} ${EXAMPLE[flag]}` });
    }
    return x;
  });
}

/** A flag that takes one number: a list is refused rather than all but its first value ignored. */
function oneNumber(flag: string, text: string | undefined): number | undefined {
  const xs = numbers(flag, text);
  if (xs.length > 1) {
    throw inputError(`takes one number, not a list: got "${text}"`, { location: { path: flag }, hint: `e.g. ${flag} ${EXAMPLE[flag]}; run trialstat power once for each value` });
  }
  return xs[0];
}

/** A count's numbers (people or clusters randomised): whole, as no trial randomises 1000.5 people. */
function wholeNumbers(flag: string, text: string | undefined): (number | undefined)[] {
  const xs = numbers(flag, text);
  const bad = xs.find((x) => x !== undefined && !Number.isInteger(x));
  if (bad !== undefined) throw inputError(`${flag} must be a whole number (or a comma-separated list of them), got ${bad}`, { location: { path: flag }, hint: `e.g. ${flag} ${EXAMPLE[flag]}` });
  return xs;
}

/** "0.4" (the treated share) or "2:1" (treated to control) → P. */
function treatedShare(text: string): number {
  const ratio = /^\s*([0-9.]+)\s*:\s*([0-9.]+)\s*$/.exec(text);
  const hint = "the share randomised to treatment (e.g. 0.5), or a treated:control ratio (e.g. 2:1)";
  if (ratio) {
    const [t, c] = [Number(ratio[1]), Number(ratio[2])];
    if (t > 0 && c > 0) return t / (t + c);
    throw inputError(`--allocation ratio must have two positive parts, got "${text}"`, { location: { path: "--allocation" }, hint });
  }
  const p = Number(text);
  if (!(p > 0 && p < 1)) throw inputError(`--allocation must be a share between 0 and 1 or a ratio, got "${text}"`, { location: { path: "--allocation" }, hint });
  return p;
}

/** Every combination of the flags' values, in the order given, first flag slowest. */
function grid(lists: Record<string, (number | undefined)[]>): Record<string, number | undefined>[] {
  let rows: Record<string, number | undefined>[] = [{}];
  for (const [key, values] of Object.entries(lists)) rows = rows.flatMap((row) => values.map((v) => ({ ...row, [key]: v })));
  return rows;
}

export function powerCalculations(flags: PowerFlags): PowerCalculation[] {
  if (flags.alpha !== undefined && flags.sigLevel !== undefined) {
    throw inputError("--alpha and --sig-level are both given", { location: { path: "--alpha" }, hint: "they are the same thing; give one" });
  }
  const sigLevelText = flags.sigLevel ?? flags.alpha;
  const sigLevelFlag = flags.alpha !== undefined ? "--alpha" : "--sig-level";
  const tol = oneNumber("--tol", flags.tol);
  if (tol !== undefined && !(tol > 0)) throw inputError(`--tol must be positive, got ${flags.tol}`, { location: { path: "--tol" }, hint: "e.g. --tol 1e-10" });
  const bloom = DESIGN_FLAGS.some((k) => flags[k] !== undefined);
  const proportions = flags.p1 !== undefined || flags.p2 !== undefined;

  if (bloom) {
    if (flags.n !== undefined) {
      throw inputError("--n is the number in each group (as power.t.test); Bloom's design flags take the total", {
        location: { path: "--n" },
        hint: flags.clusters !== undefined || flags.clusterSize !== undefined || flags.icc !== undefined ? "give --clusters and --cluster-size for a cluster design" : "use --n-total (both arms together)",
      });
    }
    for (const [given, flag] of [
      [flags.type, "--type"],
      [flags.strict, "--strict"],
    ] as const) {
      if (given !== undefined) throw inputError(`${flag} is an option of power.t.test, not of Bloom's MDES`, { location: { path: flag }, hint: "Bloom's formula is for two-arm trials and counts one rejection tail" });
    }
    const share = flags.allocation === undefined ? undefined : treatedShare(flags.allocation);
    const rows = grid({
      n: wholeNumbers("--n-total", flags.nTotal),
      clusters: wholeNumbers("--clusters", flags.clusters),
      clusterSize: numbers("--cluster-size", flags.clusterSize),
      icc: numbers("--icc", flags.icc),
      delta: numbers("--delta", flags.delta),
      p2: numbers("--p2", flags.p2),
      power: numbers("--power", flags.power),
      r2: numbers("--r2", flags.r2),
      responseRate: numbers("--response-rate", flags.responseRate),
      sigLevel: numbers(sigLevelFlag, sigLevelText),
    });
    const fixed = {
      sd: oneNumber("--sd", flags.sd),
      p1: oneNumber("--p1", flags.p1),
      r2Cluster: oneNumber("--r2-cluster", flags.r2Cluster),
      covariates: oneNumber("--covariates", flags.covariates),
      designEffect: oneNumber("--deff", flags.deff),
    };
    return rows.map((row) => ({
      kind: "mdes" as const,
      result: minimumDetectableEffect({ ...row, ...fixed, treatedShare: share, alternative: flags.alternative, distribution: flags.distribution, tol } as MdesInput),
    }));
  }

  if (proportions) {
    for (const [given, flag] of [
      [flags.delta, "--delta"],
      [flags.sd, "--sd"],
      [flags.type, "--type"],
    ] as const) {
      if (given !== undefined) {
        throw inputError(`${flag} is not an argument of power.prop.test`, { location: { path: flag }, hint: "a test of two proportions takes --p1 and --p2 (and --n in each group)" });
      }
    }
    const rows = grid({ n: numbers("--n", flags.n), p1: numbers("--p1", flags.p1), p2: numbers("--p2", flags.p2), power: numbers("--power", flags.power), sigLevel: numbers(sigLevelFlag, sigLevelText) });
    return rows.map((row) => ({ kind: "prop" as const, result: powerPropTest({ ...row, alternative: flags.alternative, strict: flags.strict, tol }) }));
  }

  const rows = grid({
    n: numbers("--n", flags.n),
    delta: numbers("--delta", flags.delta),
    sd: numbers("--sd", flags.sd),
    power: numbers("--power", flags.power),
    sigLevel: numbers(sigLevelFlag, sigLevelText),
  });
  return rows.map((row) => ({ kind: "t" as const, result: powerTTest({ ...row, type: flags.type, alternative: flags.alternative, strict: flags.strict, tol }) }));
}
