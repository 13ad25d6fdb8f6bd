import { describe, expect, expectTypeOf, it } from "vitest";
import { array, integer, object, oneOfValues, optional, pair, record, string, type Static } from "./schema-builder.js";
import { deriveKinds, sapSchema } from "./schema.js";
import type { OutcomeSpec, Sap } from "./types.js";

/** Every object schema in a JSON Schema, with its path. */
function objectSchemas(node: unknown, path = "#"): { path: string; schema: Record<string, unknown> }[] {
  if (node === null || typeof node !== "object") return [];
  if (Array.isArray(node)) return node.flatMap((n, i) => objectSchemas(n, `${path}/${i}`));
  const s = node as Record<string, unknown>;
  const here = s.type === "object" ? [{ path, schema: s }] : [];
  return [...here, ...Object.entries(s).flatMap(([k, v]) => objectSchemas(v, `${path}/${k}`))];
}

describe("the SAP's one definition", () => {
  it("closes every object: named properties forbid any others, and a mapping constrains its values", () => {
    const objects = objectSchemas(sapSchema);
    expect(objects.length).toBeGreaterThan(40);
    for (const { path, schema } of objects) {
      if (schema.properties !== undefined) expect(schema.additionalProperties, path).toBe(false);
      else expect(typeof schema.additionalProperties, path).toBe("object");
    }
  });

  it("is plain JSON: what JSON.stringify prints is the whole schema", () => {
    expect(JSON.parse(JSON.stringify(sapSchema))).toEqual(sapSchema);
    const symbols = (node: unknown): number =>
      node === null || typeof node !== "object" ? 0 : Object.getOwnPropertySymbols(node).length + Object.values(node).reduce<number>((n, v) => n + symbols(v), 0);
    expect(symbols(sapSchema)).toBe(0);
  });

  it("lists the kinds of derived variable in the order of derive's oneOf", () => {
    const derive = (sapSchema.properties as Record<string, { additionalProperties: { oneOf: unknown[] } }>).derive;
    expect(derive.additionalProperties.oneOf).toEqual(deriveKinds.map((k) => k.schema));
    expect(deriveKinds.map((k) => k.key)).toEqual(["instrument", "likert", "from", "recode"]);
    for (const k of deriveKinds) expect((k.schema.required as string[]).includes(k.key)).toBe(true);
  });

  it("gives the types of a plan", () => {
    expectTypeOf<Sap["trialstat"]>().toEqualTypeOf<1>();
    expectTypeOf<OutcomeSpec["role"]>().toEqualTypeOf<"primary" | "secondary" | "exploratory">();
    expectTypeOf<OutcomeSpec["weights"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Sap["sources"]>().toEqualTypeOf<Record<string, Sap["sources"][string]>>();
  });
});

describe("schema builder", () => {
  const window = object({ months: integer({ minimum: 1 }), start: optional(integer()) }, { description: "a window" });

  it("writes required keys and forbids others", () => {
    expect(window).toEqual({
      type: "object",
      additionalProperties: false,
      required: ["months"],
      description: "a window",
      properties: { months: { type: "integer", minimum: 1 }, start: { type: "integer" } },
    });
    expectTypeOf<Static<typeof window>>().toEqualTypeOf<{ months: number; start?: number }>();
  });

  it("writes enums, pairs, arrays and mappings as JSON Schema keywords", () => {
    expect(oneOfValues(["a", "b"])).toEqual({ enum: ["a", "b"] });
    expect(pair(integer())).toEqual({ type: "array", items: { type: "integer" }, minItems: 2, maxItems: 2 });
    expect(array(string(), { minItems: 1 })).toEqual({ type: "array", items: { type: "string" }, minItems: 1 });
    expect(record(string(), { propertyNames: string({ pattern: "^x" }) })).toEqual({ type: "object", propertyNames: { type: "string", pattern: "^x" }, additionalProperties: { type: "string" } });
    expectTypeOf<Static<ReturnType<typeof pair<ReturnType<typeof integer>>>>>().toEqualTypeOf<[number, number]>();
  });
});
