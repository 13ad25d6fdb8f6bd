import { basename } from "node:path";
import type { Command } from "commander";
import type { CommandContext } from "../context.js";
import { commandSummary } from "../summaries.js";
import { type Lock, type Registration, checkDeclared, compareResults, inputError, provenanceDeviations, parseSap, reRegister, registrationDeviations, resultsFromJson, runPlan, sapHash, version } from "@trialstat/core";
import { oneLine } from "@trialstat/core/errors";
import { EXIT } from "../report-error.js";
import { readTextFile, writeFileAtomic } from "../io.js";
import { lockPath, planInput, readLock, readSapText } from "../sap-files.js";

/** `trialstat lock SAP` and `trialstat check SAP`: registering a plan, and the CI gate. */
export function registerConformanceCommands(program: Command, ctx: CommandContext): void {
  program
    .command("lock")
    .description(commandSummary("lock"))
    .argument("<sap>", "the SAP (YAML)")
    .option("--force", "register a plan that differs from its lock (a deviation: the earlier registration is kept in the lock's history)")
    .action((sap: string, flags: { force?: boolean }) => {
      const text = readSapText(ctx, sap);
      const parsed = parseSap(text, sap);
      if (!parsed.sap) {
        ctx.err(`error: ${sap} is not a valid SAP\nhint: run trialstat validate ${sap} to see every problem\n`);
        ctx.exitCode = EXIT.input;
        return;
      }
      const file = lockPath(sap);
      const previous = readLock(ctx, file);
      const now: Registration = { sha256: sapHash(text), locked_at: new Date().toISOString(), trialstat_version: version };
      if (previous?.sha256 === now.sha256) {
        ctx.summary(`${sap} is already locked as it is: sha256 ${now.sha256}, locked on ${previous.locked_at} (${file} left as it was)\n`);
        return;
      }
      if (previous && !flags.force) {
        throw inputError(`${sap} differs from the plan registered in ${file} on ${previous.locked_at} (sha256 ${previous.sha256.slice(0, 12)}… locked, ${now.sha256.slice(0, 12)}… now)`, {
          hint: `registering a changed plan again is a deviation that check, run and the report will show: pass --force to do it (${file} keeps the earlier registration)`,
        });
      }
      const lock: Lock = previous ? reRegister(previous, now) : { sap: basename(sap), ...now };
      writeFileAtomic(ctx.path(file), `${JSON.stringify(lock, null, 2)}\n`);
      ctx.summary(previous ? `re-registered ${sap}: sha256 ${lock.sha256} (${file}; the earlier registration of ${previous.locked_at} is kept in its history)\n` : `locked ${sap}: sha256 ${lock.sha256} (${file})\n`);
    });

  program
    .command("check")
    .description(commandSummary("check"))
    .argument("<sap>", "the SAP (YAML)")
    .option("--results <file>", "results.json to check (default: run the plan now)")
    .option("--expected <file>", "results.json the results must match")
    .option("--tolerance <x>", "relative tolerance for numbers (a finite number >= 0)", "1e-8")
    .option("--allow-outside", "allow source files outside the SAP's folder")
    .action((sap: string, flags: { results?: string; expected?: string; tolerance: string; allowOutside?: boolean }) => {
      const tolerance = parseTolerance(flags.tolerance);
      const deviations: string[] = [];
      const input = planInput(ctx, sap, flags);
      const lockFile = lockPath(sap);
      if (!input.lock) deviations.push(`not registered: ${lockFile} does not exist (run trialstat lock ${sap} when the plan is final)`);
      else deviations.push(...registrationDeviations(input.lock, sap, sapHash(input.sapText)));
      const parsed = input.parsed ?? parseSap(input.sapText, input.sapFile);
      if (!parsed.sap) {
        deviations.push(`SAP invalid: ${parsed.problems.length} problem(s); run trialstat validate ${sap}`);
      } else {
        // files given are read (and their shape checked) before the plan is run
        const given = flags.results === undefined ? undefined : resultsFromJson(readTextFile(ctx.path(flags.results), flags.results), flags.results, "results");
        const expected = flags.expected === undefined ? undefined : resultsFromJson(readTextFile(ctx.path(flags.expected), flags.expected), flags.expected, "expected results");
        const results = given ?? runPlan(input).results;
        if (given) deviations.push(...provenanceDeviations(parsed.sap, sapHash(input.sapText), given, (file) => sourceSha256(input, file)));
        deviations.push(...checkDeclared(parsed.sap, results));
        if (expected) deviations.push(...compareResults(results, expected, tolerance));
      }
      if (deviations.length === 0) {
        ctx.summary(`${sap}: conforms (locked plan, every declared analysis present${flags.expected ? `, results match ${flags.expected} within ${tolerance}` : ""})\n`);
        return;
      }
      // a deviation names levels and labels from the data: one line each, whatever they hold
      for (const d of deviations) ctx.out(`deviation: ${oneLine(d)}\n`);
      ctx.err(`${deviations.length} deviation${deviations.length === 1 ? "" : "s"} from the registered plan\n`);
      ctx.exitCode = EXIT.conformance;
    });
}

/**
 * --tolerance: a relative tolerance, so a finite number at least 0 written as a plain decimal
 * (`1e-8`, `0.001`, `0`). Infinity would let every difference pass, and NaN would compare false to
 * everything; an empty or half-numeric value ("1e-8x", "") is a mistake, not 0.
 */
export function parseTolerance(text: string): number {
  const value = /^\s*\+?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(value)) {
    throw inputError(`--tolerance must be a finite number at least 0, got "${text}"`, { hint: "a relative tolerance, e.g. --tolerance 1e-8 (0 asks for exact equality)" });
  }
  return value;
}

/** A source file's sha256 now: reading it through the plan's input (which checks where it is) records its digest. */
function sourceSha256(input: ReturnType<typeof planInput>, file: string): string {
  input.readBytes!(file);
  return input.sourceHash!(file)!;
}
