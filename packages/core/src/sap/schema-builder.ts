/**
 * A small JSON Schema (draft-07) builder whose schemas also carry, for TypeScript only, the type of
 * the values they accept — so that one definition (sap/schema.ts) gives both the JSON Schema that
 * `trialstat schema` prints and ajv compiles, and the SAP's TypeScript types (`Static<typeof x>`).
 *
 * Every value the builder returns is plain JSON Schema data: the type rides on a property that is
 * declared but never set, and an optional property's mark is a symbol that `object()` strips. Why
 * not TypeBox: its unions become `anyOf` of `const`s (not `enum`), its literals add `type`, and its
 * records become `patternProperties` — each of which would change the messages sap/parse.ts builds
 * from ajv's errors ("must be one of: …", "unknown key …").
 *
 * Objects are closed: `object()` always writes `additionalProperties: false`, so a misspelt key is
 * an error rather than a silently ignored setting.
 *
 * @example
 * const window = object({ months: integer({ minimum: 1 }), start: optional(integer({ minimum: 0 })) });
 * type Window = Static<typeof window>; // { months: number; start?: number }
 * JSON.stringify(window); // {"type":"object","additionalProperties":false,"required":["months"],"properties":{…}}
 */

/** Declared, never set: the TypeScript type of the values a schema accepts. */
declare const accepts: unique symbol;
/** Marks a property schema as optional inside `object()` (removed from the emitted schema). */
const OPTIONAL: unique symbol = Symbol("optional");

/** A JSON Schema (plain data) that accepts values of type T. */
export type Schema<T> = { readonly [keyword: string]: unknown; readonly [accepts]?: T };
/** A property schema that may be left out of its object. */
export type Optional<T> = Schema<T> & { readonly [OPTIONAL]: true };
/** The type of the values a schema accepts. */
export type Static<S> = S extends { readonly [accepts]?: infer T } ? T : never;

/** Annotations every schema may carry. */
export interface Annotations {
  description?: string;
  title?: string;
}

/** A schema of type T from its JSON Schema keywords (annotations left out when absent). */
function schema<T>(keywords: Record<string, unknown>): Schema<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(keywords)) if (v !== undefined) out[k] = v;
  return out as Schema<T>;
}

export function string(options: Annotations & { minLength?: number; pattern?: string } = {}): Schema<string> {
  return schema({ type: "string", ...options });
}

export function number(options: Annotations & NumberBounds = {}): Schema<number> {
  return schema({ type: "number", ...options });
}

export function integer(options: Annotations & NumberBounds = {}): Schema<number> {
  return schema({ type: "integer", ...options });
}

interface NumberBounds {
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

export function boolean(options: Annotations = {}): Schema<boolean> {
  return schema({ type: "boolean", ...options });
}

/** A text or a number (a code as written in a data file). */
export function stringOrNumber(options: Annotations = {}): Schema<string | number> {
  return schema({ type: ["string", "number"], ...options });
}

/** Exactly this value (`const`). */
export function constant<const V extends string | number | boolean>(value: V, options: Annotations = {}): Schema<V> {
  return schema({ const: value, ...options });
}

/** One of these values (`enum`). */
export function oneOfValues<const V extends readonly (string | number)[]>(values: V, options: Annotations = {}): Schema<V[number]> {
  return schema({ enum: [...values], ...options });
}

export function array<S extends Schema<unknown>>(items: S, options: Annotations & { minItems?: number; maxItems?: number } = {}): Schema<Static<S>[]> {
  return schema({ type: "array", items, ...options });
}

/** Exactly two items (e.g. a range), typed as a pair. */
export function pair<S extends Schema<unknown>>(items: S, options: Annotations = {}): Schema<[Static<S>, Static<S>]> {
  return schema({ type: "array", items, minItems: 2, maxItems: 2, ...options });
}

/** Marks a property of `object()` as one that may be left out. */
export function optional<T>(property: Schema<T>): Optional<T> {
  return { ...property, [OPTIONAL]: true } as Optional<T>;
}

/** A copy of a schema with another description (e.g. a name used for a particular purpose). */
export function describe<T>(base: Schema<T>, description: string): Schema<T> {
  return { ...base, description } as Schema<T>;
}

type Properties = Record<string, Schema<unknown>>;
type OptionalKeys<P> = { [K in keyof P]: P[K] extends { readonly [OPTIONAL]: true } ? K : never }[keyof P];
type Simplify<T> = { [K in keyof T]: T[K] } & {};
type ObjectOf<P extends Properties> = Simplify<
  { -readonly [K in Exclude<keyof P, OptionalKeys<P>>]: Static<P[K]> } & { -readonly [K in OptionalKeys<P>]?: Static<P[K]> }
>;

/**
 * A closed object: these properties (required unless marked `optional`) and no others.
 * `$schema` and `$id` are for the document's root.
 */
export function object<P extends Properties>(
  properties: P,
  options: Annotations & { minProperties?: number; $schema?: string; $id?: string } = {},
): Schema<ObjectOf<P>> {
  const { $schema, $id, title, description, minProperties } = options;
  const required = Object.keys(properties).filter((k) => !(OPTIONAL in properties[k]));
  const plain = Object.fromEntries(Object.entries(properties).map(([k, p]) => [k, withoutMark(p)]));
  return schema({
    $schema,
    $id,
    title,
    type: "object",
    additionalProperties: false,
    required: required.length ? required : undefined,
    minProperties,
    description,
    properties: plain,
  });
}

function withoutMark(property: Schema<unknown>): Schema<unknown> {
  if (!(OPTIONAL in property)) return property;
  const { [OPTIONAL]: _mark, ...rest } = property as Optional<unknown>;
  return rest as Schema<unknown>;
}

/** A mapping from names (optionally of a given form) to values of one schema. */
export function record<S extends Schema<unknown>>(
  values: S,
  options: Annotations & { propertyNames?: Schema<string>; minProperties?: number } = {},
): Schema<Record<string, Static<S>>> {
  const { propertyNames, minProperties, ...annotations } = options;
  return schema({ type: "object", minProperties, propertyNames, ...annotations, additionalProperties: values });
}

/** Any of these forms (`anyOf`). */
export function anyOf<const S extends readonly Schema<unknown>[]>(forms: S, options: Annotations = {}): Schema<Static<S[number]>> {
  return schema({ ...options, anyOf: [...forms] });
}

/** Exactly one of these forms (`oneOf`). */
export function oneOf<const S extends readonly Schema<unknown>[]>(forms: S, options: Annotations = {}): Schema<Static<S[number]>> {
  return schema({ ...options, oneOf: [...forms] });
}
