import { describe, expect, it } from "vitest";
import { errorOf } from "../../../../test/helpers.js";
import { parseCsv } from "../data/csv.js";
import { TrialstatError } from "../errors.js";
import { scoreTable } from "./score.js";
import { ENGLAND_2018, EQ5D_DIMENSIONS, eq5dIndex, parseState, parseValueSet, stateIndex, stateName } from "./value-sets.js";

const englandCsv = [
  "dimension,level,decrement",
  "MO,2,0.058", "MO,3,0.076", "MO,4,0.207", "MO,5,0.274",
  "SC,2,0.050", "SC,3,0.080", "SC,4,0.164", "SC,5,0.203",
  "UA,2,0.050", "UA,3,0.063", "UA,4,0.162", "UA,5,0.184",
  "PD,2,0.063", "PD,3,0.084", "PD,4,0.276", "PD,5,0.335",
  "AD,2,0.078", "AD,3,0.104", "AD,4,0.285", "AD,5,0.289",
].join("\n");

/** Every state, 11111 first, in a synthetic full table: index = 1 − s / 2000 (3 decimals are not needed). */
function fullTable(value: (s: number) => number = (s) => 1 - s / 2000): string {
  const rows = ["state,index"];
  for (let s = 0; s < 3125; s++) rows.push(`${stateName(s)},${value(s)}`);
  return rows.join("\n");
}

describe("states", () => {
  it("are numbered as base-5 numbers, 11111 → 0 to 55555 → 3124", () => {
    expect(stateIndex(1, 1, 1, 1, 1)).toBe(0);
    expect(stateIndex(5, 5, 5, 5, 5)).toBe(3124);
    for (let s = 0; s < 3125; s++) {
      const l = parseState(stateName(s))!;
      expect(stateIndex(l[0], l[1], l[2], l[3], l[4])).toBe(s);
    }
    expect(parseState("11161")).toBeUndefined();
    expect(parseState("1111")).toBeUndefined();
  });
});

describe("value sets from decrements", () => {
  it("read from CSV give the built-in England 2018 set exactly, for all 3,125 states", () => {
    const vs = parseValueSet(englandCsv, "england.csv");
    expect(Array.from(vs.values)).toEqual(Array.from(ENGLAND_2018.values));
    expect(vs.name).toBe("value set from england.csv");
  });

  it("accept level 1 as 0, any order and case, and a constant for every state but 11111", () => {
    const rows = englandCsv.split("\n");
    const text = [rows[0], ...rows.slice(1).reverse().map((r) => r.toLowerCase()), "mo,1,0", "constant,,0.1"].join("\n");
    const vs = parseValueSet(text, "c.csv");
    expect(eq5dIndex(vs, "11111")).toBe(1);
    expect(eq5dIndex(vs, "11112")).toBe(0.822);
    expect(eq5dIndex(vs, "55555")).toBe(-0.385);
  });

  it("are exact decimals: no 0.24699999999999994", () => {
    for (let s = 0; s < 3125; s++) {
      const v = ENGLAND_2018.values[s];
      expect(Number(v.toFixed(3))).toBe(v);
    }
  });

  it.each([
    ["dimension,level,decrement\nMO,2,-0.058\n", "d.csv:2:decrement", 'decrement "-0.058" is not a number of 0 or more'],
    ["dimension,level,decrement\nXX,2,0.058\n", "d.csv:2:dimension", 'unknown dimension "XX"'],
    ["dimension,level,decrement\nMO,6,0.058\n", "d.csv:2:level", 'level "6" is not a level from 1 to 5'],
    ["dimension,level,decrement\nMO,1,0.01\n", "d.csv:2:decrement", "level 1 of MO has decrement 0.01; level 1 is no problems and must be 0"],
    ["dimension,level,decrement\nMO,2,0.058\nMO,2,0.058\n", "d.csv:3:level", "MO level 2 is given twice"],
    ["dimension,level,decrement\nconstant,,0.1\nconstant,,0.1\n", "d.csv:3:dimension", "the constant is given twice"],
    ["dimension,level,decrement\nMO,2,0.058\n", "d.csv", "no decrement for MO level 3, MO level 4, MO level 5, SC level 2"],
    ["dim,lvl,dec\nMO,2,0.1\n", "d.csv:1", "not an EQ-5D-5L value set: no column named dimension or state"],
    ["dimension,lvl,decrement\nMO,2,0.1\n", "d.csv:1", 'no column "level"'],
  ])("reject %j", (text, where, message) => {
    const e = errorOf<TrialstatError>(() => parseValueSet(text, "d.csv"));
    expect(e).toBeInstanceOf(TrialstatError);
    expect(e.where).toBe(where);
    expect(e.message).toContain(message);
  });
});

describe("value sets from a full table of states (the van Hout crosswalk form)", () => {
  it("read all 3,125 rows in any order", () => {
    const rows = fullTable().split("\n");
    const shuffled = [rows[0], ...rows.slice(1).reverse()].join("\n");
    const vs = parseValueSet(shuffled, "cw.csv");
    for (let s = 0; s < 3125; s++) expect(vs.values[s]).toBe(1 - s / 2000);
    expect(eq5dIndex(vs, "55555")).toBe(1 - 3124 / 2000);
  });

  it("need every state unless partial tables are allowed", () => {
    const rows = fullTable().split("\n");
    const without = rows.filter((r) => !r.startsWith("34215") && !r.startsWith("55555")).join("\n");
    expect(errorOf<TrialstatError>(() => parseValueSet(without, "cw.csv")).message).toBe("only 3123 of the 3,125 EQ-5D-5L states are given; missing: 34215, 55555");
    expect(eq5dIndex(parseValueSet(without, "cw.csv", { allowPartial: true }), "55555")).toBeNaN();
  });

  it.each([
    ["state,index\n11111,1\n1111,0.9\n", "t.csv:3:state", '"1111" is not an EQ-5D-5L state'],
    ["state,index\n11111,1\n11112,0.9\n11112,0.8\n", "t.csv:4:state", "state 11112 is given twice (also on line 3)"],
    ["state,index\n11111,1\n11112,1.2\n", "t.csv:3:index", 'index "1.2" of state 11112 is not a number of at most 1'],
    ["state,index\n11111,0.98\n", "t.csv:2:index", "state 11111 has index 0.98; full health must be 1"],
    ["state,index\n11111,1\n11112,NA\n", "t.csv:3:index", 'index "" of state 11112 is not a number of at most 1'],
  ])("reject %j", (text, where, message) => {
    const e = errorOf<TrialstatError>(() => parseValueSet(text, "t.csv", { allowPartial: true }));
    expect(e.where).toBe(where);
    expect(e.message).toBe(message);
  });

  it("stop scoring at a state a partial table lacks, naming the state and the line", () => {
    const vs = parseValueSet("state,index\n11111,1\n", "part.csv", { allowPartial: true });
    const t = parseCsv(`id,${EQ5D_DIMENSIONS.map((d) => `eq5d5l_${d.toLowerCase()}`).join(",")}\n1,1,1,1,1,1\n2,1,2,1,1,1\n`, { source: "s.csv" });
    const e = errorOf<TrialstatError>(() => scoreTable(t, "eq5d5l", { valueSet: vs }));
    expect(e.where).toBe("s.csv:3");
    expect(e.message).toBe("state 12111 has no value in value set from part.csv");
  });
});
