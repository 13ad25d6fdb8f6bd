import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { repoPath } from "../helpers.js";
import { expectCliError, runCli, scratch } from "./run-cli.js";

const phq = (n: number) => Array.from({ length: n }, (_, j) => `phq9_${j + 1}`).join(",");

const dir = scratch({
  "phq.csv": `id,${phq(9)}\n007,0,1,2,3,0,1,2,3,0\n008,3,3,3,3,3,3,3,,\n009,1,,,1,1,1,1,1,1\n`,
  "labels.csv": `record,${phq(9)}\nr1,Not at all,Several days,More than half the days,Nearly every day,Not at all,Not at all,Not at all,Not at all,Refused\nr2,0,0,0,0,0,0,0,0,Never\n`,
  "codes.csv": `id,${phq(9)}\n1,0,0,0,0,0,0,0,-9,99\n2,1,1,1,1,1,1,1,1,1\n`,
  "bad.csv": `id,${phq(9)}\n1,0,1,2,3,0,1,2,3,0\n2,0,1,2,3,0,1,2,4,0\n`,
  "text.csv": `id,${phq(9)}\n1,0,1,2,3,0,1,2,3,Sometimes\n`,
  "mylabels.csv": "label,value\nNever,0\nSometimes,1\nOften,2\nAlways,3\nRefused,missing\n",
  "textids.csv": `id,${phq(9)}\na,0,0,0,0,0,0,0,0,0\n-2,0,0,0,0,0,0,0,0,0\n+3.5,0,0,0,0,0,0,0,0,0\n=1+1,0,0,0,0,0,0,0,0,0\nNA,0,0,0,0,0,0,0,0,0\n`,
  "header-only.csv": `id,${phq(9)}\n`,
  "dupids.csv": `id,${phq(9)}\nx,0,0,0,0,0,0,0,0,0\ny,1,1,1,1,1,1,1,1,1\nx,2,2,2,2,2,2,2,2,2\n,0,0,0,0,0,0,0,0,0\n,0,0,0,0,0,0,0,0,0\ny,3,3,3,3,3,3,3,3,3\n`,
  "seven.csv": "label,value\nNever,0\nSometimes,7\n",
  "ninemissing.csv": "label,value\nRefused,missing\n9,missing\n",
  "eq.csv": "id,mo,sc,ua,pd,ad,vas\nA,1,1,1,1,1,90\nB,2,3,2,4,5,40\nC,5,5,5,5,5,\n",
  "eqdec.csv": "dimension,level,decrement\nMO,2,0.1\nMO,3,0.2\nMO,4,0.3\nMO,5,0.4\nSC,2,0.1\nSC,3,0.2\nSC,4,0.3\nSC,5,0.4\nUA,2,0.1\nUA,3,0.2\nUA,4,0.3\nUA,5,0.4\nPD,2,0.1\nPD,3,0.2\nPD,4,0.3\nPD,5,0.4\nAD,2,0.1\nAD,3,0.2\nAD,4,0.3\nAD,5,0.4\n",
  "eqpart.csv": "state,index\n11111,1\n23245,0.5\n",
  "sw.csv": "id,swemwbs_1,swemwbs_2,swemwbs_3,swemwbs_4,swemwbs_5,swemwbs_6,swemwbs_7\n1,3,3,3,3,3,3,3\n",
  "ons.csv": "id,ons4_satisfied,ons4_worthwhile,ons4_happy,ons4_anxious\n1,8,7,4,6\n2,,10,0,1\n",
  "scale.json": '{"id": "myscale", "items": ["a", "b", "c"], "range": [1, 4], "reverse": [3], "aggregate": "sum", "bands": [{"label": "low", "min": 3, "max": 7}, {"label": "high", "min": 8, "max": 12}]}',
  "myscale.csv": "id,myscale_a,myscale_b,myscale_c\n1,4,4,1\n2,1,1,4\n",
  "badscale.json": '{"id": "x", "items": 3, "range": [1, 4], "aggregate": "total"}',
});
const at = (f: string) => `${dir}/${f}`;

describe("trialstat score", () => {
  it("writes the id and the scores as CSV on standard output", async () => {
    const r = await runCli(["score", "--instrument", "phq9", "--data", at("phq.csv")]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("id,phq9_score,phq9_band,phq9_answered,phq9_prorated\n007,12,moderate,9,0\n008,27,severe,7,1\n009,9,mild,7,1\n");
  });

  it("writes a file atomically with --out, prints a summary, and is byte-for-byte deterministic", async () => {
    const out = at("out/phq-scores.csv");
    const a = await runCli(["score", "--instrument", "phq9", "--data", at("phq.csv"), "--out", out]);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(`phq9: 3 rows, 3 scored (2 prorated), 0 without a score -> ${out}\n`);
    const first = readFileSync(out, "utf8");
    await runCli(["score", "--instrument", "phq9", "--data", at("phq.csv"), "--out", out]);
    expect(readFileSync(out, "utf8")).toBe(first);
    expect(first).toBe((await runCli(["score", "--instrument", "phq9", "--data", at("phq.csv")])).stdout);
  });

  it("reads labels, declared missing codes, another id column and a stricter missing-item rule", async () => {
    const r = await runCli(["score", "--instrument", "PHQ-9", "--data", at("codes.csv"), "--missing-codes", "-9,99", "--no-prorate"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("id,phq9_score,phq9_band,phq9_answered,phq9_prorated\n1,NA,NA,7,0\n2,9,mild,9,0\n");
    const l = await runCli(["score", "--instrument", "phq9", "--data", at("labels.csv"), "--id", "record", "--labels", at("mylabels.csv")]);
    expect(l.stderr).toBe("");
    expect(l.stdout).toBe("record,phq9_score,phq9_band,phq9_answered,phq9_prorated\nr1,7,mild,8,1\nr2,0,minimal,9,0\n");
    const m = await runCli(["score", "--instrument", "phq9", "--data", at("phq.csv"), "--max-missing", "0"]);
    expect(m.stdout).toContain("008,NA,NA,7,0");
  });

  it("scores EQ-5D-5L with the England 2018 set, a decrements file or a state table", async () => {
    const items = ["--items", "mo,sc,ua,pd,ad,vas"];
    const e = await runCli(["score", "--instrument", "eq5d5l", "--data", at("eq.csv"), ...items]);
    expect(e.stdout).toBe("id,eq5d5l_score,eq5d5l_vas,eq5d5l_answered,eq5d5l_prorated\nA,1,90,5,0\nB,0.247,40,5,0\nC,-0.285,NA,5,0\n");
    const d = await runCli(["score", "--instrument", "eq5d5l", "--data", at("eq.csv"), ...items, "--value-set", at("eqdec.csv")]);
    expect(d.stdout).toBe("id,eq5d5l_score,eq5d5l_vas,eq5d5l_answered,eq5d5l_prorated\nA,1,90,5,0\nB,-0.1,40,5,0\nC,-1,NA,5,0\n");
    const p = await runCli(["score", "--instrument", "eq5d5l", "--data", at("eq.csv"), ...items, "--value-set", at("eqpart.csv")]);
    expect(p.code).toBe(2);
    expect(p.stderr).toContain("eqpart.csv: only 2 of the 3,125 EQ-5D-5L states are given; missing: 11112, 11113, 11114, 11115, 11121, …");
  });

  it("writes one column and band per ONS4 item, and the SWEMWBS notice on stderr", async () => {
    const o = await runCli(["score", "--instrument", "ons4", "--data", at("ons.csv")]);
    expect(o.stdout).toBe(
      "id,ons4_satisfied,ons4_satisfied_band,ons4_worthwhile,ons4_worthwhile_band,ons4_happy,ons4_happy_band,ons4_anxious,ons4_anxious_band,ons4_answered\n" +
        "1,8,high,7,high,4,low,6,high,4\n2,NA,NA,10,very high,0,low,1,very low,3\n",
    );
    const s = await runCli(["score", "--instrument", "swemwbs", "--data", at("sw.csv")]);
    expect(s.stdout).toBe("id,swemwbs_score,swemwbs_raw,swemwbs_answered,swemwbs_prorated\n1,19.25,21,7,0\n");
    expect(s.stderr).toBe("note: Short Warwick Edinburgh Mental Wellbeing Scale (SWEMWBS) © NHS Health Scotland, University of Warwick and University of Edinburgh, 2008, all rights reserved.\n");
  });

  it("scores a Likert scale defined in JSON", async () => {
    const r = await runCli(["score", "--definition", at("scale.json"), "--data", at("myscale.csv")]);
    expect(r.stdout).toBe("id,myscale_score,myscale_band,myscale_answered,myscale_prorated\n1,12,high,3,0\n2,3,low,3,0\n");
  });

  it("runs the README example as shown", async () => {
    const readme = readFileSync(repoPath("README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## `trialstat score`"));
    const command = /```sh\npnpm --silent trialstat (score [^\n]*)\n```/.exec(section)![1];
    const shown = /```\n(id,phq9_score[\s\S]*?)\.\.\.\n```/.exec(section)![1];
    const r = await runCli(command.split(" "));
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith(shown)).toBe(true);
  });

  it("lists the instruments with their item counts, ranges and rules", async () => {
    const r = await runCli(["score", "--list"]);
    expect(r.code).toBe(0);
    for (const id of ["phq9", "phq8", "gad7", "swemwbs", "jsse", "who5", "eq5d5l", "gse", "ons4", "ips25"]) expect(r.stdout).toContain(`\n${id}  `);
    expect(r.stdout).toContain("items: 9, values 0-3; default columns phq9_1..phq9_9");
    expect(r.stdout).toContain("missing items: up to 2: prorated (mean of answered x 9, rounded half up); more: no score");
    expect(r.stdout).toContain("phq9_score (0-27): depression severity, sum of items 1-9; bands 0-4 minimal, 5-9 mild, 10-14 moderate, 15-19 moderately severe, 20-27 severe");
  });
});

describe("trialstat score: ids from the data", () => {
  it("writes a text id that is a plain number as it was, guards one that is a formula, and an NA id (missing, as in any column) empty", async () => {
    const r = await runCli(["score", "--instrument", "phq9", "--data", at("textids.csv")]);
    expect(r.stdout.trimEnd().split("\n").map((l) => l.split(",")[0])).toEqual(["id", "a", "-2", "+3.5", "'=1+1", ""]);
  });
});

describe("trialstat score: repeated ids", () => {
  it("scores every row but warns, naming the first repeated id, its lines and how many ids repeat (blank ids aside)", async () => {
    // dupids.csv: x on lines 2 and 4, y on lines 3 and 7, two blank ids (lines 5, 6) that are not ids at all
    const r = await runCli(["score", "--instrument", "phq9", "--data", at("dupids.csv"), "-q"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split("\n")).toHaveLength(7);
    expect(r.stderr).toBe(`warning: ${at("dupids.csv")}: 2 ids are on more than one row of column id (the first, "x", on lines 2 and 4); each row is scored on its own\n`);
    expect((await runCli(["score", "--instrument", "phq9", "--data", at("phq.csv")])).stderr).toBe("");
  });
});

describe("trialstat score: bad input gives one clear message and the right exit code", () => {
  it.each([
    [["--instrument", "phq9", "--data", "bad.csv"], 2, "bad.csv:3:phq9_8: value 4 is not allowed for PHQ-9 item 8 (allowed: 0, 1, 2, 3)", "declare it a missing code (--missing-codes)"],
    [["--instrument", "phq9", "--data", "text.csv"], 2, 'text.csv:2:phq9_9: "Sometimes" is not a PHQ-9 response label (allowed: 0, 1, 2, 3)', '"Nearly every day" = 3'],
    [["--instrument", "phq9", "--data", "labels.csv", "--missing-codes", "Refused"], 2, 'labels.csv:3:phq9_9: "Never" is not a PHQ-9 response label', "--labels"],
    [["--instrument", "phq", "--data", "phq.csv"], 2, 'unknown instrument "phq"', "instruments: phq9, phq8, gad7, swemwbs, jsse, who5, eq5d5l, gse, ons4, ips25"],
    [["--data", "phq.csv"], 2, "no instrument: give --instrument ID or --definition FILE.json", "instruments: phq9, phq8"],
    [["--instrument", "phq9"], 2, "no data: give --data FILE.csv", "header line"],
    [["--instrument", "gad7", "--data", "phq.csv"], 2, "phq.csv:1: no item columns were named, and the default gad7 columns are not there: gad7_1", "--items"],
    [["--instrument", "gad7", "--data", "phq.csv", "--items", "phq9_1,phq9_2"], 2, "GAD-7 takes 7 item columns, but 2 were given", "gad7_1,gad7_2"],
    [["--instrument", "phq9", "--data", "phq.csv", "--max-missing", "two"], 2, '--max-missing must be a whole number, got "two"', "--max-missing 2"],
    [["--instrument", "phq9", "--data", "phq.csv", "--max-missing", "9"], 2, "--max-missing: the most missing items must be a whole number from 0 to 8 for PHQ-9", "at least one item"],
    [["--instrument", "phq9", "--data", "phq.csv", "--max-missing", "2", "--no-prorate"], 2, "--no-prorate: prorating is off, but up to 2 missing items are allowed", "allow prorating, or give --max-missing 0 so that"],
    [["--instrument", "eq5d5l", "--data", "eq.csv", "--items", "mo,sc,ua,pd,ad", "--max-missing", "1"], 2, "--max-missing: an EQ-5D-5L index needs all five dimensions", "default"],
    [["--instrument", "phq9", "--data", "phq.csv", "--value-set", "eqdec.csv"], 2, "a value set applies only to EQ-5D-5L, not PHQ-9", "leave out"],
    [["--instrument", "eq5d5l", "--data", "eq.csv", "--items", "mo,sc,ua,pd,ad", "--value-set", "phq.csv"], 2, "phq.csv:1: not an EQ-5D-5L value set: no column named dimension or state", "dimension,level,decrement"],
    [["--instrument", "phq9", "--data", "phq.csv", "--labels", "phq.csv"], 2, 'phq.csv:1: no column "label"', "label,value"],
    [["--instrument", "phq9", "--data", "header-only.csv"], 2, "header-only.csv has a header but no data rows", "fully written"],
    [["--instrument", "phq9", "--data", "phq.csv", "--labels", "seven.csv"], 2, 'seven.csv:3:value: label "Sometimes" codes 7, which is not a PHQ-9 value for item 1', "allowed values"],
    [["--instrument", "ons4", "--data", "ons.csv", "--labels", "ninemissing.csv"], 2, "ninemissing.csv:3:label: missing code 9 is also an allowed value of ONS4 item satisfied", "codebook"],
    [["--instrument", "ons4", "--data", "ons.csv", "--missing-codes", "9"], 2, "missing code 9 is also an allowed value of ONS4 item satisfied", "codebook"],
    [["--instrument", "phq9", "--data", "phq.csv", "--id", "nope"], 2, 'no column named "nope"', "available columns: id, phq9_1"],
    [["--definition", "badscale.json", "--data", "myscale.csv"], 2, 'badscale.json: scale.aggregate: aggregate must be "sum" or "mean", got "total"', '"sum" or "mean"'],
    [["--definition", "scale.json", "--instrument", "phq9", "--data", "phq.csv"], 2, "give --instrument or --definition, not both", "--definition"],
    [["--instrument", "phq9", "--data", "missing.csv"], 2, "cannot read", "no such file"],
  ])("%j → exit %i", async (args, code, message, hint) => {
    const argv = ["score", ...args.map((a, i) => (["--data", "--labels", "--value-set", "--definition"].includes(args[i - 1]) ? at(a) : a))];
    const r = await runCli(argv);
    expectCliError(r, code, message, hint);
    expect(r.stderr.split("\n")[1]).toMatch(/^hint: /);
  });

  it("rejects an unknown --round with the choices", async () => {
    const r = await runCli(["score", "--instrument", "phq9", "--data", at("phq.csv"), "--round", "up"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Allowed choices are half-up, none");
  });
});
