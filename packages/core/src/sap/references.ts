import { dateProblem } from "../data/dates.js";
import { evaluationProblems } from "./evaluation-references.js";
import { participantKeyProblems } from "./participant-keys.js";
import { bootstrapType, linRequested } from "./plan-analyses.js";
import { type FrameRole, frameVariables } from "./plan-variables.js";
import { closest, unknownName } from "./problems.js";
import type { Sap } from "./types.js";
import { referenceLevelProblems } from "./reference-levels.js";
import { designProblems } from "./design-references.js";
import { economicsProblems } from "./economics-references.js";
import { confidenceLevelProblems } from "./confidence-levels.js";

/**
 * Cross-reference checks that need no data: every name a SAP uses must be defined, and the parts
 * of an entry must fit together (an administrative outcome reads a long source; a survey weight
 * models a source that is a survey wave; a ppt outcome is binary; ...), and no participant key is
 * used where the outputs would print it (participant-keys.ts). Returns every problem.
 */
export function checkReferences(sap: Sap): { path: (string | number)[]; message: string; hint?: string }[] {
  const out: { path: (string | number)[]; message: string; hint?: string }[] = [];
  const sources = Object.keys(sap.sources);
  const weights = Object.keys(sap.weights ?? {});
  const populations = Object.keys(sap.populations);
  const needSource = (path: (string | number)[], name: string) => {
    if (!sources.includes(name)) {
      out.push(unknownName(path, "source", name, sources));
      return false;
    }
    return true;
  };

  // dates written in the plan must exist on the calendar (the schema checks only their form)
  const checkDate = (path: (string | number)[], text: string) => {
    const why = dateProblem(text);
    if (why) out.push({ path, message: `"${text}" ${why}`, hint: "write a date that exists, as YYYY-MM-DD" });
  };
  checkDate(["registration", "date"], sap.registration.date);
  out.push(...evaluationProblems(sap));

  needSource(["linkage", "randomised"], sap.linkage.randomised);
  if (sap.linkage.withdrawal) needSource(["linkage", "withdrawal", "source"], sap.linkage.withdrawal.source);
  if (sap.linkage.erasure) needSource(["linkage", "erasure", "source"], sap.linkage.erasure.source);
  const randomised = sap.sources[sap.linkage.randomised];
  if (randomised && randomised.shape === "long") out.push({ path: ["sources", sap.linkage.randomised, "shape"], message: "the randomised source must be wide (one row per participant)" });

  for (const [name, spec] of Object.entries(sap.sources)) {
    if (spec.duplicates && spec.shape === "long") out.push({ path: ["sources", name, "duplicates"], message: "duplicates are resolved only in wide sources; a long source has many records per participant" });
    if (spec.wave && spec.shape === "long") out.push({ path: ["sources", name, "wave"], message: "a survey wave must be a wide source (one response per participant)" });
    if (spec.responded !== undefined && !spec.wave) out.push({ path: ["sources", name, "responded"], message: "a response indicator belongs to a survey wave", hint: `add wave: { months: N } to sources.${name}, saying when the survey falls due after randomisation` });
  }

  for (const [name, d] of Object.entries(sap.derive ?? {})) {
    const path = ["derive", name];
    if (sources.includes(name) || weights.includes(name)) out.push({ path, message: `"${name}" is also the name of a ${sources.includes(name) ? "source" : "weight"}`, hint: "give every source, derived variable and weight its own name" });
    if ("instrument" in d || "likert" in d) {
      if (needSource([...path, "source"], d.source) && sap.sources[d.source].shape === "long") out.push({ path: [...path, "source"], message: `items are read from a wide source, but ${d.source} is long` });
    } else if ("from" in d) {
      if (needSource([...path, "from"], d.from) && sap.sources[d.from].shape !== "long") {
        out.push({ path: [...path, "from"], message: `administrative outcomes are computed from a long source of dated records, but ${d.from} is wide`, hint: `add shape: long to sources.${d.from}` });
      }
      const measures = (["sum", "count", "any"] as const).filter((m) => m in d);
      if (measures.length !== 1) out.push({ path, message: `an administrative outcome needs exactly one of sum, count or any${measures.length ? ` (it has ${measures.join(" and ")})` : ""}` });
      if (d.any && d.at_least !== undefined) out.push({ path: [...path, "at_least"], message: "any already gives a 0/1 outcome; at_least applies to sum and count" });
      if (d.missing !== undefined && d.sum === undefined) out.push({ path: [...path, "missing"], message: "missing applies to a sum; count and any never count a record whose value is missing" });
    } else if ("recode" in d) {
      const kinds = (["bands", "map", "quantiles"] as const).filter((k) => k in d);
      if (kinds.length !== 1) out.push({ path, message: `a recode needs exactly one of bands, map or quantiles${kinds.length ? ` (it has ${kinds.join(" and ")})` : ""}` });
      if (d.bands) {
        d.bands.forEach((b, i) => {
          if (typeof b.below === "string") checkDate([...path, "bands", i, "below"], b.below);
          const last = i === d.bands!.length - 1;
          if (!last && b.below === undefined) out.push({ path: [...path, "bands", i, "below"], message: "every band but the last needs an upper limit (below)" });
          if (last && b.below !== undefined) out.push({ path: [...path, "bands", i, "below"], message: "the last band is open-ended: remove below", hint: "values at or above the previous limit fall in it" });
          const prev = i > 0 ? d.bands![i - 1].below : undefined;
          if (b.below !== undefined && prev !== undefined && typeof b.below !== typeof prev) out.push({ path: [...path, "bands", i, "below"], message: "band limits must all be numbers or all be dates" });
          else if (b.below !== undefined && prev !== undefined && b.below <= prev) out.push({ path: [...path, "bands", i, "below"], message: "band limits must increase" });
        });
      }
      if (d.quantiles !== undefined && d.labels && d.labels.length !== d.quantiles) out.push({ path: [...path, "labels"], message: `${d.quantiles} quantile bands need ${d.quantiles} labels, not ${d.labels.length}` });
      if (d.labels && d.quantiles === undefined) out.push({ path: [...path, "labels"], message: "labels go with quantiles (bands carry their own labels)" });
      if (d.recode === name) out.push({ path: [...path, "recode"], message: "a variable cannot be recoded from itself" });
    }
  }

  for (const [name, w] of Object.entries(sap.weights ?? {})) {
    const path = ["weights", name];
    if (needSource([...path, "survey"], w.survey) && !sap.sources[w.survey].wave) {
      out.push({ path: [...path, "survey"], message: `${w.survey} is not a survey wave`, hint: `add wave: { months: N } to sources.${w.survey}, saying when the survey falls due after randomisation` });
    }
  }

  const outcomeNames = new Set<string>();
  sap.outcomes.forEach((o, i) => {
    const path = ["outcomes", i];
    if (outcomeNames.has(o.name)) out.push({ path: [...path, "name"], message: `outcome ${o.name} is listed twice` });
    outcomeNames.add(o.name);
    if (o.weights !== undefined && !weights.includes(o.weights)) {
      const guess = closest(o.weights, weights);
      out.push({ path: [...path, "weights"], message: `no weights named "${o.weights}"`, hint: guess ? `did you mean "${guess}"?` : weights.length ? `weights: ${weights.join(", ")}` : "define it under weights:" });
    }
    if (o.report === "ppt" && o.type !== "binary") out.push({ path: [...path, "report"], message: "ppt (percentage points) is for binary outcomes", hint: "use sd, currency or raw" });
    if (o.model === "logit" && o.type !== "binary") out.push({ path: [...path, "model"], message: "a logit model needs a binary outcome" });
    if (o.report === "currency" && !o.currency) out.push({ path: [...path, "currency"], message: "say which currency (e.g. currency: GBP)" });
    for (const [j, p] of (o.populations ?? []).entries()) {
      if (!populations.includes(p)) out.push({ path: [...path, "populations", j], message: `no population named "${p}"`, hint: `populations: ${populations.join(", ")}` });
    }
  });

  // an outcome on the right-hand side of its own model would explain itself
  const variables = frameVariables(sap);
  for (const { path, name, role } of variables) {
    const as = MODEL_ROLES[role];
    if (as !== undefined && outcomeNames.has(name)) {
      out.push({ path, message: `${name} is an outcome, so it cannot also be ${as} of the models`, hint: "adjust for the baseline measure of the outcome (a column of its own), not the outcome itself" });
    }
  }
  // the treatment column as a subgroup splits the trial by arm: each level holds one arm, with no
  // effect to estimate, which the run would find only when fitting (an analysis problem, exit 1)
  const treatmentColumn = sap.treatment?.column;
  (sap.subgroups ?? []).forEach((name, i) => {
    if (name === treatmentColumn) {
      out.push({ path: ["subgroups", i], message: `${name} is the trial's treatment column, so each of its subgroups would hold one arm only, with no effect to estimate`, hint: `remove ${name} from subgroups: every effect is already the difference between the arms` });
    }
  });
  const planCovariates = new Set(sap.covariates?.variables ?? []);
  for (const { path, name, role } of variables) {
    if (role === "outcome covariate" && planCovariates.has(name)) out.push({ path, message: `${name} is already a covariate of every model (covariates.variables)`, hint: "list it once: here for this outcome only, or under covariates.variables for all" });
  }
  out.push(...referenceLevelProblems(sap, variables));

  (sap.inference?.multiplicity ?? []).forEach((m, i) => {
    if (Array.isArray(m.family)) {
      m.family.forEach((n, j) => {
        if (!outcomeNames.has(n)) out.push({ path: ["inference", "multiplicity", i, "family", j], message: `no outcome named "${n}"` });
      });
    }
  });
  out.push(...overlappingFamilies(sap));
  out.push(...checkAnalysesBeside(sap, populations));
  out.push(...checkOutputReferences(sap, populations));
  out.push(...participantKeyProblems(sap));
  out.push(...designProblems(sap));
  if (sap.economics) {
    out.push(...economicsProblems(sap.economics, { populations, outcomes: sap.outcomes.map((o) => o.name) }, ["economics"]));
    if (sap.economics.seed === undefined) out.push({ path: ["economics"], message: "the benefit–cost Monte Carlo of a plan needs a seed", hint: "add seed: a whole number such as 20240101, so that its draws can be made again" });
  }
  out.push(...confidenceLevelProblems(sap));
  const se = sap.inference?.se;
  const clustered = sap.inference?.cluster !== undefined;
  if (se && clustered !== ["CR0", "CR1", "stata", "CR2"].includes(se)) {
    out.push({ path: ["inference", "se"], message: clustered ? `${se} ignores the cluster` : `${se} needs inference.cluster`, hint: clustered ? "with a cluster use CR0, CR1 (stata) or CR2" : "name the cluster column, or use HC2" });
  }
  return out;
}

/** output: descriptive tables need one kind (variable or multi), every population they name must exist, and star levels differ. */
function checkOutputReferences(sap: Sap, populations: string[]): { path: (string | number)[]; message: string; hint?: string }[] {
  const out: { path: (string | number)[]; message: string; hint?: string }[] = [];
  const population = (path: (string | number)[], p: string) => {
    if (!populations.includes(p)) out.push(unknownName(path, "population", p, populations));
  };
  (sap.output?.descriptives ?? []).forEach((d, i) => {
    const path = ["output", "descriptives", i];
    if ((d.variable === undefined) === (d.multi === undefined)) out.push({ path, message: "a descriptive table needs exactly one of variable (a characteristic) or multi (a multi-response question)" });
    if (d.multi) {
      const seen = new Set<string>();
      d.multi.forEach((m, j) => {
        if (seen.has(m)) out.push({ path: [...path, "multi", j], message: `${m} is listed twice` });
        seen.add(m);
      });
      for (const key of Object.keys(d.labels ?? {})) if (!seen.has(key)) out.push({ path: [...path, "labels", key], message: `${key} is not one of this question's answers (multi)`, hint: `answers: ${d.multi.join(", ")}` });
      if (d.order) out.push({ path: [...path, "order"], message: "order goes with variable; a multi-response question lists its answers in the order of multi" });
    }
    if (d.population !== undefined) population([...path, "population"], d.population);
  });
  (sap.output?.balance?.populations ?? []).forEach((p, i) => population(["output", "balance", "populations", i], p));
  // a label for a variable the table does not have would be silently unused (a typo: agee)
  const balance = sap.output?.balance;
  for (const key of Object.keys(balance?.labels ?? {})) {
    if (!balance!.variables.includes(key)) {
      const guess = closest(key, balance!.variables);
      out.push({ path: ["output", "balance", "labels", key], message: `${key} is not one of the balance table's variables`, hint: guess ? `did you mean "${guess}"? (variables: ${balance!.variables.join(", ")})` : `variables: ${balance!.variables.join(", ")}` });
    }
  }
  // a level given twice makes two numbers of stars start at the same p-value, so the fewer can never be printed
  const stars = sap.output?.stars;
  if (stars) {
    stars.forEach((level, i) => {
      const first = stars.indexOf(level);
      if (first === i) return;
      // stars count the levels above p: those above this level, then every copy of it at once
      const skipped = stars.filter((t) => t > level).length + stars.slice(0, i).filter((t) => t === level).length;
      out.push({ path: ["output", "stars", i], message: `the level ${level} is given twice (also output.stars[${first}]), so ${"*".repeat(skipped)} could never be printed`, hint: "give each star its own level, e.g. [0.10, 0.05, 0.01]" });
    });
  }
  return out;
}

/** The roles that put a variable on the right-hand side of a model, worded for a message. */
const MODEL_ROLES: Partial<Record<FrameRole, string>> = {
  covariate: "a covariate",
  "outcome covariate": "a covariate",
  subgroup: "a subgroup",
  stratum: "a stratum",
  cluster: "the cluster",
  "randomisation block": "a randomisation block",
  "randomisation stratum": "a randomisation stratum",
  "take-up": "the take-up",
};

type Problem = { path: (string | number)[]; message: string; hint?: string };

/**
 * The analyses beside the ITT (docs/sap.md#analyses-beside-the-itt): the outcomes and populations
 * their scopes name exist; randomisation inference, the bootstrap, Lin's adjustment and the CACE
 * are for outcomes modelled by least squares; Lin's adjustment needs something to adjust for;
 * worst-case bounds are for binary outcomes; the bootstrap's type fits the plan's clusters.
 */
function checkAnalysesBeside(sap: Sap, populations: string[]): Problem[] {
  const out: Problem[] = [];
  const outcomes = sap.outcomes.map((o) => o.name);
  const scopes = [
    { path: ["inference", "randomisation"], what: "randomisation inference", scope: sap.inference?.randomisation },
    { path: ["inference", "bootstrap"], what: "the bootstrap", scope: sap.inference?.bootstrap },
    { path: ["take_up"], what: "the complier average causal effect", scope: sap.take_up },
  ];
  for (const { path, what, scope } of scopes) {
    if (!scope) continue;
    (scope.outcomes ?? []).forEach((name, j) => {
      if (!outcomes.includes(name)) out.push(unknownName([...path, "outcomes", j], "outcome", name, outcomes));
    });
    (scope.populations ?? []).forEach((name, j) => {
      if (!populations.includes(name)) out.push(unknownName([...path, "populations", j], "population", name, populations));
    });
    // a logit's effect is an average marginal effect: these estimators refit least squares
    for (const o of sap.outcomes) {
      if (o.model !== "logit" || (scope.outcomes && !scope.outcomes.includes(o.name))) continue;
      const j = scope.outcomes?.indexOf(o.name);
      out.push({
        path: j === undefined ? path : [...path, "outcomes", j],
        message: `${what} is estimated by least squares, and the outcome ${o.name} is modelled by a logit`,
        hint: j === undefined ? "list the outcomes it applies to (outcomes: [...]), leaving out those modelled by a logit" : `leave ${o.name} out, or model it by least squares (the linear probability model)`,
      });
    }
  }

  sap.outcomes.forEach((o, i) => {
    const path = ["outcomes", i];
    if (linRequested(sap, o)) {
      const at = o.lin !== undefined ? [...path, "lin"] : ["covariates", "lin"];
      if (o.model === "logit") out.push({ path: at, message: `Lin's adjustment is a linear model, and the outcome ${o.name} is modelled by a logit`, hint: o.lin !== undefined ? "remove lin from this outcome" : `set lin: false on the outcome ${o.name}` });
      const adjusted = (sap.covariates?.variables.length ?? 0) + (o.covariates?.length ?? 0) > 0;
      const stratified = Object.entries(sap.populations).some(([p, spec]) => (!o.populations || o.populations.includes(p)) && (spec.strata?.length ?? 0) > 0);
      if (!adjusted && !stratified) out.push({ path: at, message: `Lin's adjustment adjusts for covariates, and the outcome ${o.name} has none`, hint: "name covariates (covariates.variables, or the outcome's covariates)" });
    }
    const seen = new Set<string>();
    (o.bounds ?? []).forEach((b, j) => {
      if (seen.has(b)) out.push({ path: [...path, "bounds", j], message: `${b} is listed twice` });
      seen.add(b);
      if (b === "worst_case" && o.type !== "binary") {
        out.push({ path: [...path, "bounds", j], message: `worst-case bounds set missing outcomes to 0 and 1, so they are for binary outcomes, and ${o.name} is ${o.type}`, hint: "use lee for other outcomes" });
      }
    });
  });

  const boot = sap.inference?.bootstrap;
  if (boot) {
    const clustered = sap.inference?.cluster !== undefined;
    if (boot.type !== undefined && boot.type !== "pairs" && !clustered) {
      out.push({ path: ["inference", "bootstrap", "type"], message: `the ${boot.type === "wild" ? "wild cluster" : "cluster"} bootstrap needs inference.cluster`, hint: "name the cluster variable, or use type: pairs" });
    }
    if (boot.type === "pairs" && clustered) {
      out.push({ path: ["inference", "bootstrap", "type"], message: "the pairs bootstrap resamples participants one by one, which ignores inference.cluster", hint: "use type: wild (the default with a cluster) or type: cluster" });
    }
    if (boot.weights !== undefined && bootstrapType(sap) !== "wild") {
      out.push({ path: ["inference", "bootstrap", "weights"], message: "weights are those of the wild cluster bootstrap", hint: "remove them, or use type: wild with inference.cluster" });
    }
  }
  return out;
}

/**
 * An outcome in two multiplicity families (by role, or by name): each family's adjustment would be
 * written to the same rows' p_adjusted, the later over the earlier, while the tables' note names
 * both. Reported at the second family that takes it in, naming the first.
 */
function overlappingFamilies(sap: Sap): Problem[] {
  const out: Problem[] = [];
  const first = new Map<string, number>();
  (sap.inference?.multiplicity ?? []).forEach((m, i) => {
    const family = m.family;
    for (const outcome of sap.outcomes) {
      // where the family takes it in: its index in a list of names, or the role-wide family as a whole (null)
      const at = Array.isArray(family) ? family.indexOf(outcome.name) : outcome.role === family ? null : -1;
      if (at === -1) continue;
      const earlier = first.get(outcome.name);
      if (earlier === undefined) {
        first.set(outcome.name, i);
        continue;
      }
      const path = at === null ? ["inference", "multiplicity", i, "family"] : ["inference", "multiplicity", i, "family", at];
      const described = (k: number) => {
        const f = sap.inference!.multiplicity![k];
        return `inference.multiplicity[${k}] (${Array.isArray(f.family) ? `the outcomes ${f.family.join(", ")}` : `the ${f.family} outcomes`}, ${f.method})`;
      };
      out.push({
        path,
        message: `the outcome ${outcome.name} is in two multiplicity families, ${described(earlier)} and ${described(i)}: its adjusted p-value can hold one adjustment`,
        hint: "put each outcome in one family: remove it from one of them (or give the role-wide family a list of outcome names)",
      });
    }
  });
  return out;
}
