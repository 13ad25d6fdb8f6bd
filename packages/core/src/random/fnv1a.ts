/**
 * FNV-1a, 64 bits, of a string's UTF-8 bytes: h ← 0xcbf29ce484222325; for each byte b,
 * h ← (h ⊕ b) · 0x100000001b3 (mod 2⁶⁴). It names a random stream by its purpose ("bootstrap",
 * "randomisation-inference"): short, stable across platforms and versions, and with no collision
 * among the purposes in use (a test checks that). It is not cryptographic and need not be; streams.ts
 * mixes it further with SplitMix64's finaliser.
 *
 * Source: G. Fowler, L. C. Noll, K.-P. Vo, D. Eastlake, "The FNV non-cryptographic hash algorithm",
 * IETF draft-eastlake-fnv. Checked against C in test/random/reference.json.
 *
 * @example
 * fnv1a64("a"); // 0xaf63dc4c8601ec8cn
 */
const OFFSET_BASIS = 0xcbf29ce484222325n;
const PRIME = 0x100000001b3n;
const MASK64 = (1n << 64n) - 1n;
const utf8 = new TextEncoder();

export function fnv1a64(text: string): bigint {
  let h = OFFSET_BASIS;
  for (const byte of utf8.encode(text)) h = ((h ^ BigInt(byte)) * PRIME) & MASK64;
  return h;
}
