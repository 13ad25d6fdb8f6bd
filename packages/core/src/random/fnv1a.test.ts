import { describe, expect, it } from "vitest";
import { reference } from "../../../../test/random/helpers.js";
import { fnv1a64 } from "./fnv1a.js";

describe("FNV-1a, 64 bits", () => {
  it("gives the test vectors of the FNV specification", () => {
    expect(fnv1a64("")).toBe(0xcbf29ce484222325n); // the offset basis
    expect(fnv1a64("a")).toBe(0xaf63dc4c8601ec8cn);
    expect(fnv1a64("foobar")).toBe(0x85944171f73967e8n);
  });

  it("hashes a purpose's UTF-8 bytes as the C reference does, non-ASCII text included", () => {
    const cases = reference().fnv1a64;
    expect(cases.some((c) => /[^\x00-\x7f]/.test(c.text))).toBe(true);
    for (const { text, hash } of cases) expect(fnv1a64(text).toString(16).padStart(16, "0"), text).toBe(hash);
  });
});
