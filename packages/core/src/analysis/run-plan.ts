import { bytesToHex } from "@noble/hashes/utils";
import { sha256 } from "@noble/hashes/sha2";
import { version } from "../version.js";
import { TrialstatError, analysisError, inputError, showValue } from "../errors.js";
import { isBinaryDataFile } from "../data/readers/read-data.js";
import { adjustPValues } from "../effects/multiplicity.js";
import type { Flow } from "../link/flow.js";
import { byArm } from "../link/flow.js";
import { type Linked, linkSources } from "../link/link.js";
import { type LoadedSource, columnsHint, loadSource } from "../link/load-source.js";
import { type ParsedSap, parseSap } from "../sap/parse.js";
import { type SapProblem, SapProblems, closest, pathString } from "../sap/problems.js";
import { frameVariables, planVariables, sourceColumns } from "../sap/plan-variables.js";
import { checkReferences } from "../sap/references.js";
import { forPlan, planHint } from "../sap/remedies.js";
import type { Sap } from "../sap/types.js";
import type { SyncBlockMapper } from "../stats/bootstrap/draw-blocks.js";
import { RANDOM_GENERATOR } from "../random/streams.js";
import { bootstrapType } from "../sap/plan-analyses.js";
import { csvText } from "../report/csv.js";
import { workDone } from "../report/work-done.js";
import { deriveVariables, namesThatHideColumns } from "./derive-variables.js";
import { AnalysisFrame } from "./frame.js";
import { populationChecks } from "./population-checks.js";
import { checkFilterValuesMatch, populationMembers } from "./populations.js";
import type { ResultsDocument } from "./results.js";
import type { EffectRow } from "./effect-row.js";
import type { SingleArmResults } from "./single-arm-rows.js";
import { ANALYSIS_KINDS } from "./kinds/registry.js";
import type { AnalysisContext } from "./kinds/kind.js";
import { analysisSettings } from "./settings.js";
import { surveyWeights } from "./survey-weights.js";
import { type ReportData, reportData } from "./report-data.js";
import type { WeightDiagnostics } from "../weights/non-response-weights.js";
import { type Lock, registrationDeviations } from "./conformance.js";
import { designMdes, weightDesignEffects } from "./design-mdes.js";
import { benefitCostAnalysis } from "./economics.js";
import { type PublishedTable, parsePublishedTable } from "../reproduce/published-table.js";
import { type ReproductionSettings, reproductionSettings } from "../reproduce/reproduction-settings.js";
import { type Reproduction, reproduceTable } from "../reproduce/reproduction.js";

/**
 * Runs a SAP end to end (docs/sap.md): parse and check the plan, load and check the extracts,
 * link them, derive variables, build non-response weights, estimate every pre-specified effect,
 * adjust for multiplicity. The file system stays outside: `readFile` supplies each source's text
 * (the CLI resolves paths relative to the SAP and refuses files outside its folder).
 *
 * Two entry points share every step: `validatePlan` returns all problems (schema, references,
 * data) without estimating; `runPlan` stops with all problems if there are any, else returns
 * the results, the flow, and the hashes that tie them to their inputs.
 */
export interface PlanInput {
  sapText: string;
  /** The SAP's file name as it should appear in results and messages. */
  sapFile: string;
  /**
   * `parseSap(sapText)`, when the caller has parsed the plan already (the CLI guards the files a
   * plan names before it runs, and `check` reads what the plan declares): it is not parsed again.
   */
  parsed?: ParsedSap;
  /** Returns the text of a file named in the SAP (relative path as written there). */
  readFile(file: string): string;
  /**
   * Streams a source file in pieces, so that large extracts are never held as one string
   * (default: the whole text from readFile).
   */
  readChunks?(file: string): Iterable<string>;
  /** A source file's size in bytes, if known: a hint that lets a large CSV be read without growing its columns. */
  sizeOf?(file: string): number | undefined;
  /** sha256 of a source file's bytes, once read through readChunks or readBytes (else hashed here). */
  sourceHash?(file: string): string | undefined;
  /** The plan's registration (its lock), if it has one: a changed or re-registered plan is recorded as a deviation. */
  lock?: Lock;
  /**
   * Runs blocks of bootstrap draws (inference.bootstrap) all at once: the CLI spreads them over
   * worker threads, blocking until they are done; by default they run here, one after another. The
   * results are the same bytes either way (stats/bootstrap/draw-blocks.ts).
   */
  mapBootstrapBlocks?: SyncBlockMapper;
  /**
   * The bytes of a source file in a binary format (.csv.gz, .dta, .sav, .zsav, .parquet, .arrow,
   * .feather, .xlsx: see isBinaryDataFile); a host without it can run plans over CSV files only.
   */
  readBytes?(file: string): Uint8Array;
  /**
   * Called as each step begins — `("load", "baseline")` for a source, `("link")`, `("weights",
   * "nr12")`, `("estimate", "itt employed12")` for an outcome in one population — so that a front end
   * can show progress; the library itself writes nothing.
   */
  onStep?(step: string, detail?: string): void;
}

export interface PlanRun {
  sap: Sap;
  results: ResultsDocument;
  flow: Flow;
  rows: EffectRow[];
  /** One row per participant (key, arm, derived variables, weights) — only when output.row_level is true. */
  rowLevelCsv?: string;
  /** What the report tables and plots need beyond results and flow (aggregates only). */
  report: ReportData;
  /** The published table the plan names (`published`), judged against the results (docs/reproduce.md). */
  reproduction?: Reproduction;
  /**
   * Seconds spent in each step, in order (check, load, link, derive, weights, estimate,
   * multiplicity, results). Never part of results.json: timings differ from run to run.
   */
  timings: StepTimings;
}

/** Seconds per step of a run, in the order the steps ran. */
export type StepTimings = Record<string, number>;

/** A stopwatch that records the time since its previous lap under a step's name. */
function stepClock(): { timings: StepTimings; lap(step: string): void } {
  const timings: StepTimings = {};
  let last = performance.now();
  return {
    timings,
    lap(step) {
      const now = performance.now();
      timings[step] = (timings[step] ?? 0) + (now - last) / 1000;
      last = now;
    },
  };
}

export function hashText(text: string): string {
  return bytesToHex(sha256(new TextEncoder().encode(text)));
}

/**
 * Hash of a SAP's content: its text with line endings normalised (so CRLF checkouts agree) and
 * without a leading byte-order mark (which an editor may add or drop on saving, and the plan's
 * reader ignores), so that only a change to what the plan says is a change.
 */
export function sapHash(text: string): string {
  return hashText(text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n"));
}

interface Prepared {
  sap: Sap;
  frame: AnalysisFrame;
  sources: Map<string, LoadedSource>;
  linked: Linked;
  notes: Record<string, Record<string, number>>;
  clock: ReturnType<typeof stepClock>;
  /** The published table the plan names, read and checked. */
  published?: { table: PublishedTable; settings: ReproductionSettings };
  /** Line and column of a SAP path. */
  locate(path: readonly (string | number)[]): { line: number; column: number } | undefined;
}

/**
 * Every problem that would stop `runPlan`, located: the plan, its data, and each analysis. It runs
 * the plan as `runPlan` does, writing nothing — weights, populations and every estimate — but
 * where `runPlan` stops at the first failed analysis it notes the problem and goes on, so that one
 * pass lists them all. An empty list means `runPlan` will succeed. A problem found only at this
 * stage has `kind: "analysis"` when the data cannot support the analysis (exit 1 for `run`).
 * `whenRun` receives the finished run when every analysis succeeded, for the steps that follow
 * a run outside the library (the CLI builds the report's files there, as `run` does).
 */
export function validatePlan(input: PlanInput, options: { whenRun?: (run: PlanRun) => void } = {}): SapProblem[] {
  const { prepared, problems } = prepare(input);
  if (!prepared) return problems;
  const found: SapProblem[] = [];
  const run = analyse(input, prepared, (e, step) => found.push(stepProblem(e, step, input.sapFile, prepared.locate)));
  // what the caller does with a finished run (the CLI builds the report), so that it is checked too
  if (run) options.whenRun?.(run);
  return found;
}

/**
 * A failed step of a plan as a problem located in the SAP: at the error's own SAP path when it is
 * more precise (populations.all.where), else at the step's (outcomes.2), with that line and column.
 */
function stepProblem(e: TrialstatError, step: string, sapFile: string, locate: Prepared["locate"]): SapProblem {
  const path = e.location?.path?.startsWith(`${step}.`) ? e.location.path : step;
  const segments = pathSegments(path);
  const message = e.message.startsWith(`${path}: `) ? e.message.slice(path.length + 2) : e.message;
  return { file: sapFile, ...locate(segments), path: pathString(segments), message: message + rowsDescribed(e), hint: planHint(e, step), kind: e.kind };
}

/** A SAP path as written (`outcomes.2`, `output.descriptives[0].order[1]`) as the segments that locate it. */
function pathSegments(path: string): (string | number)[] {
  return path
    .split(/\.|\[(\d+)\]/)
    .filter((s) => s !== undefined && s !== "")
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/**
 * Which rows a model's error is about ("outcome y, population all, subgroup site"), as the model
 * describes them in place of a file: said after the message, which is located at the plan's line.
 */
function rowsDescribed(e: TrialstatError): string {
  const where = e.location?.file;
  return where !== undefined && e.location?.line === undefined && /^outcome .*, population /.test(where) && !e.message.includes(where) ? ` (${where})` : "";
}

/**
 * The error to throw for a failed step of a plan (`run`, `power SAP`): located at the SAP's line as
 * validate lists it (stepProblem), with its hint worded for the plan. An error that points into a
 * data file already (file:line, or one of the plan's `dataFiles`) keeps that place, which says more
 * than the plan's line; a model's own description of its rows ("outcome y, population all") is no
 * file, and gives way to the plan's line.
 */
export function planStepError(e: TrialstatError, step: string, sapFile: string, locate: Prepared["locate"], dataFiles: ReadonlySet<string> = new Set()): TrialstatError {
  const planned = forPlan(e, step);
  if (e.location?.line !== undefined || (e.location?.file !== undefined && dataFiles.has(e.location.file))) return planned;
  const p = stepProblem(e, step, sapFile, locate);
  return planned.restated(`${p.path}: ${p.message}`, { file: p.file, line: p.line, column: p.column });
}

function prepare(input: PlanInput): { prepared?: Prepared; problems: SapProblem[] } {
  const clock = stepClock();
  const file = input.sapFile;
  input.onStep?.("check plan");
  const parsed = input.parsed ?? parseSap(input.sapText, file);
  if (!parsed.sap) return { problems: parsed.problems };
  const sap = parsed.sap;
  const locateRaw = (path: (string | number)[]) => ({ file, ...parsed.locate(path), path: pathString(path) });
  const problems: SapProblem[] = checkReferences(sap).map((r) => ({ ...locateRaw(r.path), message: r.message, hint: r.hint }));
  if (problems.length) return { problems };
  const at = (path: string): Omit<SapProblem, "message"> => ({ file, ...parsed.locate(pathSegments(path)), path });

  // a problem with a source file as a whole (missing, outside the folder, not a regular file) is
  // located at the SAP's reference to it; one inside the file, at its line
  const sourceProblem = (name: string, sourceFile: string, p: SapProblem): SapProblem =>
    p.line === undefined && (p.file === undefined || p.file === sourceFile)
      ? { ...at(`sources.${name}.file`), message: p.message.includes(sourceFile) ? p.message : `${sourceFile}: ${p.message}`, hint: p.hint }
      : { ...p, file: p.file ?? sourceFile };

  // the published table the plan names: read and checked before the data, so that a typo in it is found at once
  let published: Prepared["published"];
  if (sap.published) {
    const spec = sap.published;
    try {
      const table = parsePublishedTable(input.readFile(spec.file), spec.file);
      published = { table, settings: reproductionSettings(table, spec, file) };
    } catch (e) {
      if (!(e instanceof TrialstatError)) throw e;
      const loc = e.location;
      const place = loc?.path ? at(loc.path) : loc?.line === undefined ? at("published.file") : { file: loc.file, line: loc.line, column: loc.column };
      const message = !loc?.path && loc?.line === undefined && loc?.file && !e.message.includes(loc.file) ? `${loc.file}: ${e.message}` : e.message;
      return { problems: [{ ...place, message, hint: e.hint }] };
    }
  }

  clock.lap("check plan");

  // sources
  const sources = new Map<string, LoadedSource>();
  for (const [name, spec] of Object.entries(sap.sources)) {
    let loaded: ReturnType<typeof loadSource>;
    input.onStep?.("load", name);
    try {
      loaded = loadSource(name, spec, sourceContent(input, spec.file), spec.file, { used: columnsUsed(sap, name), computeHash: !input.sourceHash, sizeHint: input.sizeOf?.(spec.file) });
    } catch (e) {
      if (!(e instanceof TrialstatError)) throw e;
      problems.push(sourceProblem(name, spec.file, { file: e.location?.file, line: e.location?.line, column: e.location?.column, message: e.message, hint: e.hint }));
      continue;
    }
    problems.push(...loaded.problems.map((p) => (p.path ? { ...at(p.path), ...p } : sourceProblem(name, spec.file, p))));
    if (loaded.source) sources.set(name, loaded.source);
  }
  // a column a derived variable reads from its source: checked here against the whole file, since a
  // long source keeps only the columns the plan names (a misspelt one would otherwise be reported
  // when deriving, against the kept columns, and without the SAP's line)
  for (const v of planVariables(sap)) {
    const source = v.source === undefined ? undefined : sources.get(v.source);
    if (!source || v.path[0] !== "derive" || source.table.hasColumn(v.name)) continue;
    problems.push({ ...locateRaw(v.path), message: `no column named "${v.name}" in ${source.file}`, hint: columnsHint(v.name, source.fileColumns) });
  }
  if (problems.length) return { problems };
  clock.lap("load");
  input.onStep?.("link");

  const link = linkSources(sap, sources);
  problems.push(...link.problems.map((p) => (p.path && !p.file ? { ...at(p.path), ...p } : p)));
  if (!link.linked) return { problems };
  const linked = link.linked;
  const frame = new AnalysisFrame(sap, linked, sources, input.readFile);

  problems.push(...namesThatHideColumns(frame).map((p) => ({ ...at(p.path!), ...p })));
  // names the plan uses must exist (derived names are known before they are computed; a recode
  // may read a weight, which is built later)
  const derivedNames = new Set(Object.keys(sap.derive ?? {}));
  const weightNames = new Set(Object.keys(sap.weights ?? {}));
  for (const v of frameVariables(sap)) {
    if (derivedNames.has(v.name) || frame.has(v.name) || (v.role === "recode source" && weightNames.has(v.name))) continue;
    const guess = closest(v.name, [...derivedNames, ...frame.knownNames()]);
    problems.push({ ...locateRaw(v.path), message: `no variable named "${v.name}"`, hint: guess ? `did you mean "${guess}"?` : "use a column of the randomised source, source.column, or a derived variable" });
  }
  if (problems.length) return { problems };

  clock.lap("link");
  input.onStep?.("derive");
  const derived = deriveVariables(frame);
  problems.push(...derived.problems.map((p) => (p.path && !p.file ? { ...at(p.path.split(":")[0]), ...p } : p)));
  if (problems.length) return { problems };
  if (Object.keys(derived.notes).length) linked.flow.derived = derived.notes;
  const clusterProblem = inexactClusterCodes(frame, sap.inference?.cluster);
  if (clusterProblem) return { problems: [{ ...at("inference.cluster"), ...clusterProblem }] };
  clock.lap("derive");
  return { prepared: { sap, frame, sources, linked, notes: derived.notes, clock, published, locate: parsed.locate }, problems };
}

/** A source file's bytes (binary formats) or text (CSV, streamed where the host can). */
function sourceContent(input: PlanInput, file: string): Uint8Array | string | Iterable<string> {
  if (isBinaryDataFile(file)) {
    if (!input.readBytes) {
      throw inputError(`${file} is not a CSV file, and this host passes source files as text`, {
        location: { file },
        hint: "give the plan's input a readBytes(file) function (the trialstat CLI does), or convert the file to CSV",
      });
    }
    return input.readBytes(file);
  }
  return input.readChunks ? input.readChunks(file) : input.readFile(file);
}

/**
 * The columns of a long source that the plan reads (administrative outcomes' dates and measures), so
 * the loader stores only those; undefined (everything) for wide sources, whose columns may be
 * referred to by name anywhere in the plan.
 */
function columnsUsed(sap: Sap, source: string): Set<string> | undefined {
  return (sap.sources[source].shape ?? "wide") === "long" ? sourceColumns(sap, source) : undefined;
}

export function runPlan(input: PlanInput): PlanRun {
  const { prepared, problems } = prepare(input);
  if (!prepared) throw new SapProblems(problems);
  return analyse(input, prepared, (e, step) => {
    throw planStepError(e, step, input.sapFile, prepared.locate, new Set([...prepared.sources.values()].map((s) => s.file)));
  })!;
}

/**
 * A failed step of the analysis: the error and the SAP path of what failed (`weights.nr12`,
 * `populations.all`, `outcomes.2`). `runPlan` rethrows it; `validatePlan` records it and goes on
 * with the steps that do not depend on it (and `analyse` then stops after the estimates, returning
 * nothing, since multiplicity and the report need every one of them).
 */
type OnFailure = (error: TrialstatError, path: string) => void;

function analyse(input: PlanInput, prepared: Prepared, onFailure: OnFailure): PlanRun | undefined {
  const { sap, frame, sources, linked, notes, clock } = prepared;
  const flow = linked.flow;
  let failed = false;
  const fail: OnFailure = (e, path) => {
    failed = true;
    onFailure(e, path);
  };
  const attempt = <T>(path: string, step: () => T): T | undefined => {
    try {
      return step();
    } catch (e) {
      if (!(e instanceof TrialstatError)) throw e;
      fail(e, path);
      return undefined;
    }
  };

  // non-response weights, per survey wave
  const weightColumns = new Map<string, Float64Array>();
  const weightReports: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(sap.weights ?? {})) {
    input.onStep?.("weights", name);
    const built = attempt(`weights.${name}`, () => surveyWeights(frame, name, spec));
    if (!built) continue;
    weightColumns.set(name, built.weights);
    frame.set(name, { kind: "number", values: built.weights });
    weightReports[name] = built.diagnostics;
  }
  clock.lap("weights");

  const settings = analysisSettings(sap);
  input.onStep?.("populations");
  const populations: AnalysisContext["populations"][number][] = [];
  const membersOf = new Map<string, Int32Array>();
  for (const [population, spec] of Object.entries(sap.populations)) {
    const members = attempt(`populations.${population}`, () => {
      const selected = populationMembers(frame, spec, population);
      if (selected.length === 0) {
        throw analysisError(`the population ${population} selects nobody: no retained participant meets ${JSON.stringify(spec.where ?? {})}`, {
          location: { path: `populations.${population}.where` },
          hint: "check the filter's values against the data (codes are matched exactly, as text or numbers)",
        });
      }
      checkFilterValuesMatch(frame, spec, population);
      return selected;
    });
    if (!members) continue;
    const failedOutcomes = new Set<number>();
    let populationFailed = false;
    for (const { path, error } of attempt(`populations.${population}`, () => populationChecks(frame, sap, population, members)) ?? []) {
      fail(error, path);
      if (path.startsWith("outcomes.")) failedOutcomes.add(Number(path.split(".")[1]));
      else populationFailed = true;
    }
    if (populationFailed) continue;
    membersOf.set(population, members);
    flow.populations[population] = byArm(Uint8Array.from(members, (i) => linked.arm[i]));
    populations.push({ name: population, members, strata: spec.strata ?? [], failedOutcomes });
  }

  const rows: EffectRow[] = [];
  // randomisation inference reports its assignments, and the bootstrap its draws, as they are done, as steps of the estimation
  const onStep = input.onStep?.bind(input);
  const progress = onStep && ((what: string, done: number, total: number, unit: string) => onStep("estimate", `${what}: ${workDone(done, total, unit)}`));
  const host = { mapBootstrapBlocks: input.mapBootstrapBlocks, progress };
  const context: AnalysisContext = { sap, frame, flow, populations, weights: weightColumns, settings, rows, host, attempt };
  const warnings: string[] = [];
  let singleArm: SingleArmResults | undefined;
  for (const kind of ANALYSIS_KINDS) {
    if (!kind.applies(sap)) continue;
    const announce = <T>(path: string, step: () => T): T | undefined => {
      const outcome = /^outcomes\.(\d+)$/.exec(path);
      input.onStep?.("estimate", `${kind.id} ${outcome ? (sap.outcomes[Number(outcome[1])]?.name ?? path) : path}`);
      return attempt(path, step);
    };
    const out = kind.run({ ...context, attempt: announce });
    rows.push(...out.rows);
    for (const a of out.augmentations ?? []) Object.assign(a.row, a.fields);
    singleArm ??= out.singleArm;
    flow.outcomes.push(...out.outcomeFlows);
    // a population's few clusters are reported by each of its models: once is enough
    for (const w of out.warnings) if (!warnings.includes(w)) warnings.push(w);
  }

  clock.lap("estimate");
  // what each population could detect, and the returns per £1 spent (docs/sap.md#design, #economics)
  // (the planned table is computed too, so that a design the plan cannot support is its problem, as `trialstat power SAP` finds)
  const design = sap.design ? attempt("design", () => (designMdes(sap), designMdes(sap, { rows, weightDesignEffects: weightDesignEffects(weightReports) }))) : undefined;
  const economics = sap.economics ? attempt("economics", () => benefitCostAnalysis(rows, sap.economics!)) : undefined;
  if (failed) return undefined;
  input.onStep?.("multiplicity");

  // multiplicity: each family of overall rows, within each population (or across all)
  const multiplicity = (sap.inference?.multiplicity ?? []).map((m) => ({ family: m.family, method: m.method, across: m.across ?? "population" }));
  for (const m of multiplicity) {
    const inFamily = (r: EffectRow) => r.analysis === "itt" && r.subgroup === null && (Array.isArray(m.family) ? m.family.includes(r.outcome) : r.role === m.family);
    const groups = new Map<string, EffectRow[]>();
    for (const r of rows.filter(inFamily)) {
      const key = m.across === "all" ? "" : r.population;
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    for (const group of groups.values()) {
      const adjusted = adjustPValues(group.map((r) => r.p_value), m.method);
      group.forEach((r, k) => (r.p_adjusted = adjusted[k]));
    }
  }

  clock.lap("multiplicity");
  input.onStep?.("results");

  const results: ResultsDocument = {
    trialstat_version: version,
    sap: { file: input.sapFile, title: sap.title, registration: { id: sap.registration.id, sap_version: sap.registration.sap_version, date: sap.registration.date }, sha256: sapHash(input.sapText) },
    inputs: [...sources.values()].map((s) => ({ source: s.name, file: s.file, sha256: input.sourceHash?.(s.spec.file) ?? s.sha256 ?? "", rows: s.table.nRows })),
    settings: {
      se_type: settings.seType,
      cluster: settings.cluster ?? null,
      levels: [...settings.levels],
      covariates: [...settings.covariates],
      outcome_covariates: Object.fromEntries(sap.outcomes.filter((o) => o.covariates?.length).map((o) => [o.name, [...o.covariates!]])),
      strata: Object.fromEntries(populations.filter((p) => p.strata.length).map((p) => [p.name, [...p.strata]])),
      reference_levels: Object.fromEntries(settings.reference),
      covariate_missing: settings.covariateMissing,
      subgroups: [...settings.subgroups],
      multiplicity,
      ...analysesBeside(sap),
    },
    rows,
    ...(singleArm && { single_arm: singleArm }),
    weights: weightReports,
    derived: notes,
    labels: {
      populations: Object.fromEntries(Object.entries(sap.populations).map(([name, p]) => [name, p.label ?? name])),
      outcomes: Object.fromEntries(sap.outcomes.map((o) => [o.name, o.label ?? o.name])),
    },
    deviations: input.lock ? registrationDeviations(input.lock, input.sapFile, sapHash(input.sapText)) : [],
    warnings,
    ...(design && { design }),
    ...(economics && { economics }),
  };
  const rowLevelCsv = sap.output?.row_level ? rowLevel(frame, modelVariables(sap, weightColumns.keys())) : undefined;
  // the descriptive and balance tables' own problems (a misspelt category) are the plan's, located at their keys
  const report = attempt("output", () => reportData(frame, membersOf, weightColumns, weightReports as Record<string, WeightDiagnostics>));
  if (!report) return undefined;
  const reproduction = prepared.published ? reproduceTable(prepared.published.table, results, prepared.published.settings) : undefined;
  clock.lap("results");
  return { sap, results, flow, rows, rowLevelCsv, report, ...(reproduction ? { reproduction } : {}), timings: clock.timings };
}

/**
 * Every variable the plan's models and populations use — outcomes, covariates (the plan's and each
 * outcome's), strata, subgroups, the cluster, population filters, derived variables and weights —
 * in a fixed order, each once: the row-level output holds them all, so that any model can be
 * refitted from it.
 */
function modelVariables(sap: Sap, weights: Iterable<string>): string[] {
  const names = [
    ...sap.outcomes.map((o) => o.name),
    ...(sap.covariates?.variables ?? []),
    ...sap.outcomes.flatMap((o) => o.covariates ?? []),
    ...Object.values(sap.populations).flatMap((p) => [...(p.strata ?? []), ...Object.keys(p.where ?? {})]),
    ...(sap.subgroups ?? []),
    ...(sap.inference?.cluster ? [sap.inference.cluster] : []),
    ...(sap.inference?.randomisation?.blocks !== undefined ? [sap.inference.randomisation.blocks] : []),
    ...(sap.inference?.randomisation?.strata ?? []),
    ...(sap.take_up ? [sap.take_up.variable] : []),
    ...Object.keys(sap.derive ?? {}),
    ...weights,
  ];
  return [...new Set(names)];
}

/**
 * The settings of the analyses beside the ITT that the plan asks for, as results.json records them
 * (nothing for a plan that asks for none, so that its results are what they always were): the
 * plan's seeds, from which each estimate's own is derived (analysis-seeds.ts), and the generator.
 */
function analysesBeside(sap: Sap): Partial<ResultsDocument["settings"]> {
  const out: Partial<ResultsDocument["settings"]> = {};
  const ri = sap.inference?.randomisation;
  if (ri) out.randomisation = { draws: ri.draws, seed: ri.seed, blocks: ri.blocks ?? null, strata: ri.strata ? [...ri.strata] : null, generator: RANDOM_GENERATOR };
  const boot = sap.inference?.bootstrap;
  if (boot) out.bootstrap = { type: bootstrapType(sap)!, draws: boot.draws, seed: boot.seed, weights: boot.weights ?? null, generator: RANDOM_GENERATOR };
  if (sap.take_up) out.take_up = { variable: sap.take_up.variable, label: sap.take_up.label ?? sap.take_up.variable };
  return out;
}

/** The analysis frame's variables, one row per participant, keyed. */
function rowLevel(frame: AnalysisFrame, names: string[]): string {
  const header = ["key", "arm", ...names];
  const columns = names.map((n) => frame.get(n));
  const rows = frame.linked.keys.map((key, i) => [
    key,
    frame.linked.flow.arms[frame.linked.arm[i] === 1 ? "treated" : "control"],
    ...columns.map((c) => (c.kind === "number" ? (Number.isNaN(c.values[i]) ? null : c.values[i]) : c.values[i])),
  ]);
  return csvText(header, rows);
}

/**
 * A cluster column read as numbers is grouped by its values as written back (String(value)): codes
 * beyond 2^53 (a 17–20-digit identifier) may have lost digits, so distinct clusters could merge.
 * Such a column must be declared as text.
 */
function inexactClusterCodes(frame: AnalysisFrame, cluster: string | undefined): { message: string; hint: string } | undefined {
  if (cluster === undefined) return undefined;
  const column = frame.get(cluster);
  if (column.kind !== "number") return undefined;
  const k = column.values.findIndex((v) => Math.abs(v) > 2 ** 53);
  if (k < 0) return undefined;
  return {
    message: `the cluster variable ${cluster} is ${column.values[k]} for participant ${showValue(frame.linked.keys[k])}, beyond 2^53 (9,007,199,254,740,992): read as a number, such codes lose their last digits and distinct clusters can merge`,
    hint: `declare ${cluster} as text in its source's columns (type: string), so that its codes are compared as written`,
  };
}
