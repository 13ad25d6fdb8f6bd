import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseSap } from "../../packages/core/src/sap/parse.js";
import { sapValidators } from "../../packages/core/src/sap/sap-validators.js";
import { repoPath } from "../helpers.js";

/**
 * `pnpm run build` replaces the SAP validators compiled by ajv on first use with the same schema
 * compiled ahead of time (packages/core/scripts/compile-sap-schema.mjs). Both must report exactly
 * the same errors: here on the example plan and on random damage done to it.
 */
describe("SAP schema compiled at build time", () => {
  it("reports the same errors as the schema compiled on first use", async () => {
    const built = (await import(pathToFileURL(repoPath("packages/core/dist/sap/sap-validators.js")).href)) as { sapValidators: typeof sapValidators };
    const ahead = built.sapValidators();
    const onUse = sapValidators();
    expect(ahead.derive.length).toBe(onUse.derive.length);
    const plan = parseSap(readFileSync(repoPath("examples/hlt/sap.yaml"), "utf8")).sap as unknown as Record<string, unknown>;
    expect(plan).toBeDefined();
    // what parseSap reads from an error (verbose errors also carry schemas, which may be circular)
    type AjvError = { instancePath: string; schemaPath: string; keyword: string; params: unknown; message?: string; parentSchema?: { properties?: object; description?: string } };
    const errorsOf = (validate: (data: unknown) => boolean, data: unknown) =>
      validate(data)
        ? []
        : (validate as unknown as { errors: AjvError[] }).errors.map((e) => ({
            at: [e.instancePath, e.schemaPath, e.keyword, e.message],
            params: e.params,
            allowed: Object.keys(e.parentSchema?.properties ?? {}),
            description: e.parentSchema?.description,
          }));
    const junk = fc.oneof(fc.constant(null), fc.integer(), fc.string({ maxLength: 3 }), fc.constant([]), fc.constant({ x: 1 }), fc.constant(""));
    const keys = Object.keys(plan);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...keys), fc.option(fc.string({ maxLength: 4 })), junk), { maxLength: 3 }), (edits) => {
        const data = structuredClone(plan);
        for (const [key, inner, value] of edits) {
          const section = data[key];
          if (inner && section && typeof section === "object" && !Array.isArray(section)) (section as Record<string, unknown>)[inner] = value;
          else data[key] = value;
        }
        expect(errorsOf(ahead.whole, data)).toEqual(errorsOf(onUse.whole, data));
        const derived = Object.values((data.derive ?? {}) as Record<string, unknown>);
        for (const entry of derived) for (let b = 0; b < onUse.derive.length; b++) expect(errorsOf(ahead.derive[b], entry)).toEqual(errorsOf(onUse.derive[b], entry));
      }),
      { numRuns: 300 },
    );
  });
});
