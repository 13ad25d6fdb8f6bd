import { ittAnalysis } from "./itt.js";
import type { AnalysisKind } from "./kind.js";
import { singleArmAnalysis } from "./single-arm.js";

/** Every kind of analysis the plan runner runs, in the order their rows appear in results.json. */
export const ANALYSIS_KINDS: readonly AnalysisKind[] = [ittAnalysis, singleArmAnalysis];
