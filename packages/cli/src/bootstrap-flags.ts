import { type Command, Option } from "commander";
import { type BootstrapOptions, type BootstrapType, type DataTable, type FitBootstrap, type FitOptions, type WildWeightType, BOOTSTRAP_TYPES, WILD_WEIGHT_TYPES, fitBootstrap, inputError } from "@trialstat/core";
import { workerBlockMapper } from "./bootstrap-workers.js";
import { seedFlag, wholeNumberFlag } from "./whole-number-flag.js";

/** The `fit` flags of the bootstrap, as commander parses them. */
export interface BootstrapFlags {
  bootstrap?: string;
  bootstrapType?: BootstrapType;
  bootstrapWeights?: WildWeightType;
  bootstrapStrata?: string;
  bootstrapTerm?: string[];
  bootstrapUnrestricted?: boolean;
  bootstrapWorkers?: string;
  seed?: string;
}

/** Adds the bootstrap flags to `trialstat fit`. */
export function addBootstrapOptions(command: Command): Command {
  return command
    .option("--bootstrap <draws>", "bootstrap the coefficients with this many draws (e.g. 999 or 9999); needs --seed")
    .addOption(new Option("--bootstrap-type <type>", "pairs (rows), cluster (whole clusters) or wild (wild cluster bootstrap-t; default with --cluster, else pairs)").choices([...BOOTSTRAP_TYPES]))
    .addOption(new Option("--bootstrap-weights <weights>", "wild bootstrap weights (default rademacher; every sign vector is used when 2^clusters <= draws)").choices([...WILD_WEIGHT_TYPES]))
    .option("--bootstrap-strata <column>", "pairs and cluster bootstrap: resample within the groups of this column (e.g. the arm)")
    .option("--bootstrap-term <term>", "a coefficient to bootstrap, as the table names it (repeat for several; default all)", (v: string, all: string[] = []) => [...all, v])
    .option("--bootstrap-unrestricted", "wild bootstrap without imposing the null (WCU); default: null imposed (WCR)")
    .option("--bootstrap-workers <n>", "worker threads for the bootstrap (default: one per core when the work is large)");
}

/**
 * Runs the bootstrap the flags ask for, or returns undefined when there is no --bootstrap (and then
 * refuses every other bootstrap flag, which would otherwise be silently ignored). `onProgress` is
 * told the draws done and in all as blocks of draws finish.
 */
export async function bootstrapFromFlags(table: DataTable, fit: FitOptions, flags: BootstrapFlags, onProgress?: (done: number, total: number) => void): Promise<FitBootstrap | undefined> {
  if (flags.bootstrap === undefined) {
    const stray = (["bootstrapType", "bootstrapWeights", "bootstrapStrata", "bootstrapTerm", "bootstrapUnrestricted", "bootstrapWorkers"] as const).find((k) => flags[k] !== undefined);
    if (stray) throw inputError(`--${stray.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} needs --bootstrap <draws>`, { hint: "e.g. --bootstrap 9999 --seed 20240101" });
    return undefined;
  }
  const draws = wholeNumberFlag("--bootstrap", flags.bootstrap, {}, "the number of draws, e.g. --bootstrap 9999");
  if (flags.seed === undefined) throw inputError("--bootstrap needs --seed", { hint: "give a seed such as --seed 20240101 and keep it with the results, so that they can be made again" });
  const seed = seedFlag(flags.seed);
  const type = flags.bootstrapType ?? (fit.cluster !== undefined ? "wild" : "pairs");
  const options: BootstrapOptions = {
    type,
    draws,
    seed,
    weights: flags.bootstrapWeights,
    strata: flags.bootstrapStrata,
    terms: flags.bootstrapTerm,
    imposeNull: flags.bootstrapUnrestricted ? false : undefined,
    onProgress,
  };
  if (flags.bootstrapUnrestricted && type !== "wild") throw inputError("--bootstrap-unrestricted applies to the wild bootstrap", { hint: "drop it, or use --bootstrap-type wild" });
  // by default the work decides, once the bootstrap's design is built (bootstrapThreads)
  const workers = flags.bootstrapWorkers === undefined ? undefined : wholeNumberFlag("--bootstrap-workers", flags.bootstrapWorkers, {}, "e.g. --bootstrap-workers 2");
  if (workers !== undefined && workers < 1) throw inputError("--bootstrap-workers must be at least 1", { hint: "1 runs the bootstrap in the main thread" });
  return fitBootstrap(table, fit, options, workerBlockMapper(workers));
}
