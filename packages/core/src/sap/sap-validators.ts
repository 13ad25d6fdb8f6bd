import { Ajv, type ValidateFunction } from "ajv";
import { AJV_OPTIONS, deriveBranchSchemas } from "./schema-compile-options.js";
import { economicsSpec, sapSchema } from "./schema.js";

/**
 * The SAP's JSON Schema as validator functions: the whole plan, each kind of derived variable
 * (instrument, likert, from, recode — the branches of derive's oneOf, checked one by one so that a
 * mistake is reported against its own kind), and the economics section alone (`trialstat cba`'s file).
 *
 * Compiling the schema takes ajv about 0.1 s, so it never happens when the library is imported: here
 * (tests, and a bare `tsc` build) it happens on first use; `pnpm run build` replaces this module in
 * dist with the same validators compiled ahead of time by ajv's standalone code generator
 * (packages/core/scripts/compile-sap-schema.mjs), so the built library neither compiles the schema
 * nor loads ajv at all.
 *
 * @example
 * const { whole } = sapValidators();
 * whole({ trialstat: 1 }); // false; whole.errors lists the missing keys
 */
export function sapValidators(): SapValidators {
  if (!compiled) {
    const ajv = new Ajv(AJV_OPTIONS);
    compiled = { whole: ajv.compile(sapSchema), derive: deriveBranchSchemas().map((s) => ajv.compile(s)), economics: ajv.compile(economicsSpec) };
  }
  return compiled;
}

export interface SapValidators {
  readonly whole: ValidateFunction;
  /** In the order of derive's oneOf: instrument, likert, from, recode. */
  readonly derive: readonly ValidateFunction[];
  /** The economics section on its own: the file `trialstat cba` reads. */
  readonly economics: ValidateFunction;
}

let compiled: SapValidators | undefined;
