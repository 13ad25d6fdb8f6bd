import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readTextChunks } from "./text-file.js";

const dir = mkdtempSync(join(tmpdir(), "trialstat-text-"));
const file = (name: string, bytes: Uint8Array | string) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};

describe("readTextChunks", () => {
  // "é" is 2 bytes, "€" 3 and "😀" 4 in UTF-8: every piece size below cuts some of them
  const text = "id,name\n1,é€😀\n2,naïve £5\n3,\u00a0😀😀\n".repeat(7);
  it.each([1, 2, 3, 4, 5, 7, 64])("decodes characters cut by %i-byte pieces exactly", (chunkBytes) => {
    const path = file(`multi-${chunkBytes}.csv`, text);
    expect([...readTextChunks(path, { chunkBytes })].join("")).toBe(text);
  });

  it("reads pieces that are pure ASCII (copied byte for byte) and pieces that are not (decoded) alike", () => {
    const mixed = `${"id,x\n1,2\n".repeat(50)}3,é\n${"4,5\n".repeat(50)}`;
    const path = file("mixed.csv", mixed);
    for (const chunkBytes of [1, 16, 100, 1 << 22]) expect([...readTextChunks(path, { chunkBytes })].join("")).toBe(mixed);
  });

  it("names the line of an invalid byte whatever piece it falls in", () => {
    const path = file("latin1.csv", Buffer.concat([Buffer.from("a\n€\nb\n"), Buffer.from([0xe9]), Buffer.from("\n")]));
    for (const chunkBytes of [1, 2, 3, 5, 1 << 22]) {
      expect(() => [...readTextChunks(path, { chunkBytes })]).toThrow("latin1.csv is not valid UTF-8: byte 0xE9 on line 4");
    }
  });

  it("says a UTF-16 file is UTF-16, not Latin-1", () => {
    const path = file("utf16.yaml", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("trialstat: 1\n", "utf16le")]));
    expect(() => [...readTextChunks(path, { shown: "utf16.yaml" })]).toThrow(expect.objectContaining({ message: "utf16.yaml is not valid UTF-8: byte 0xFF on line 1", advice: expect.stringContaining("the file is UTF-16") }));
  });

  it("reports a sequence cut off by the end of the file as incomplete", () => {
    const path = file("cut.csv", Buffer.from([0x61, 0x0a, 0xe2, 0x82]));
    for (const chunkBytes of [1, 3, 1 << 22]) {
      expect(() => [...readTextChunks(path, { chunkBytes })]).toThrow("cut.csv is not valid UTF-8: a character cut off by the end of the file on line 2");
    }
  });

  it("hashes the file's bytes, byte-order mark included", () => {
    const path = file("bom.csv", "\uFEFFa\n1\n");
    let digest = "";
    const got = [...readTextChunks(path, { chunkBytes: 2, onDigest: (d) => (digest = d) })].join("");
    expect(got).toBe("\uFEFFa\n1\n");
    // sha256 of the bytes EF BB BF 61 0A 31 0A (sha256sum of printf '\xef\xbb\xbfa\n1\n')
    expect(digest).toBe(SHA);
  });
});
const SHA = "3d32ed5d97a42c7ca9387f63ac0f08dceb6b4993089f807c6d56a35db7d70c36";
