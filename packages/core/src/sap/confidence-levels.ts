import { levelKey } from "../stats/confidence-level.js";
import type { Sap } from "./types.js";

type Problem = { path: (string | number)[]; message: string; hint?: string };

/**
 * inference.levels: every level gets its own name. results.json holds a level's interval as
 * `conf_low_<name>`, tables head it "<name>% CI", so a level listed twice, or two levels that
 * levelKey names alike (they agree to 15 significant digits: 0.95 and 0.9500000000000001), would
 * write one field over the other and lose an interval without a word.
 */
export function confidenceLevelProblems(sap: Sap): Problem[] {
  const levels = sap.inference?.levels ?? [];
  const out: Problem[] = [];
  levels.forEach((level, i) => {
    const name = levelKey(level);
    const first = levels.findIndex((l) => levelKey(l) === name);
    if (first === i) return;
    const also = `inference.levels[${first}]`;
    out.push(
      levels[first] === level
        ? { path: ["inference", "levels", i], message: `the level ${level} is given twice (also ${also})`, hint: "list each confidence level once" }
        : {
            path: ["inference", "levels", i],
            message: `the levels ${level} and ${levels[first]} (${also}) would both be named ${name}% (conf_low_${name} in results.json), so one interval would overwrite the other`,
            hint: "levels must differ within their first 15 significant digits: keep one of the two",
          },
    );
  });
  return out;
}
