import { deriveKinds } from "./schema.js";

/**
 * How the SAP schema is compiled, shared by the validators compiled on first use
 * (sap-validators.ts) and those compiled ahead of time by the build
 * (scripts/compile-sap-schema.mjs), so that both report the same errors: ajv with every error,
 * each carrying its schema (for messages), no strict mode.
 *
 * @example
 * new Ajv(AJV_OPTIONS).compile(deriveBranchSchemas()[0]);
 */
export const AJV_OPTIONS = { allErrors: true, strict: false, verbose: true } as const;

/** The schemas of the kinds of derived variable (derive's oneOf): instrument, likert, from, recode. */
export function deriveBranchSchemas(): readonly object[] {
  return deriveKinds.map((k) => k.schema);
}
