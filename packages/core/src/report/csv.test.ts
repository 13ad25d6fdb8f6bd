import { describe, expect, it } from "vitest";
import { parseCsv } from "../data/csv.js";
import { csvCell, csvQuote, csvWithColumn } from "./csv.js";

describe("csvWithColumn", () => {
  it("re-emits every cell as read and appends the column", () => {
    const input = 'id,name,score,note\n007,"Smith, J",1.50,NA\n008,=A1,-2,"say ""hi"""\n009,,NA,\n';
    const out = csvWithColumn(parseCsv(input), "weight", Float64Array.of(1.25, NaN, 0.1 + 0.2));
    expect(out).toBe('id,name,score,note,weight\n007,"Smith, J",1.50,NA,1.25\n008,=A1,-2,"say ""hi""",\n009,,NA,,0.30000000000000004\n');
  });

  it("round-trips: the output read back has the input's columns unchanged", () => {
    const input = "a,b\n1,x\n2,y\n";
    const back = parseCsv(csvWithColumn(parseCsv(input), "w", Float64Array.of(3, 4)));
    expect(back.columnNames).toEqual(["a", "b", "w"]);
    expect(back.column("b")).toMatchObject({ values: ["x", "y"] });
  });
});

describe("csvQuote and csvCell", () => {
  it("quotes only where RFC 4180 needs it; csvCell also neutralises formulas", () => {
    expect(csvQuote("=1+1")).toBe("=1+1");
    expect(csvQuote('a"b')).toBe('"a""b"');
    expect(csvCell("=1+1")).toBe("'=1+1");
  });

  it("leaves text that is a plain number as it is, and guards anything else that starts like a formula", () => {
    for (const n of ["-2", "+3.5", "-1e5", "+.5", "-0", "-1.", "-2E-3"]) expect(csvCell(n)).toBe(n);
    for (const f of ["-2+3", "+A1", "-1e5x", "- 2", "-", "+", "-2,5", "@SUM(A1)", "-\t2"]) expect(csvCell(f)).toBe(csvQuote(`'${f}`));
  });
});
