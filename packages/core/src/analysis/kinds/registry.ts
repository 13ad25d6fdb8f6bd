import { bootstrapAnalysis } from "./bootstrap.js";
import { boundsAnalysis } from "./bounds.js";
import { caceAnalysis } from "./cace.js";
import { ittAnalysis } from "./itt.js";
import type { AnalysisKind } from "./kind.js";
import { linAnalysis } from "./lin.js";
import { randomisationAnalysis } from "./randomisation.js";
import { singleArmAnalysis } from "./single-arm.js";

/**
 * Every kind of analysis the plan runner runs, in the order their rows appear in results.json. The
 * ITT runs first: the kinds after it analyse the outcomes it estimated, and randomisation
 * inference, the bootstrap and the bounds add their fields to its rows. A single-arm evaluation
 * has its own kind.
 */
export const ANALYSIS_KINDS: readonly AnalysisKind[] = [ittAnalysis, linAnalysis, caceAnalysis, randomisationAnalysis, bootstrapAnalysis, boundsAnalysis, singleArmAnalysis];
