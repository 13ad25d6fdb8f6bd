// The report tables of the spreadsheet oracle: every case the GSS layout (gss-spreadsheet.ts) must
// handle — section rows (plain and indented), blank label cells that repeat the label above, blank
// cells with nothing to report, suppressed numbers and text, bold numbers, number formats with
// thousands separators, percent signs, currency and stars, a true minus, an exponent, text that
// is not a number, stacked and repeated headers, a blank header with a name, notes shared between
// tables, a table without rows, and text that XML must escape or cannot hold (control characters).
// make-fixture.mjs writes gss-tables.xlsx from it; read-back.R records what readxl sees.
const num = (value, text) => ({ text, value });
const text = (t) => ({ text: t });
const sup = { text: "[c]", value: null, suppressed: true };
const section = (label) => ({ kind: "section", cells: [text(label)] });

export const fixtureBook = {
  title: "Oracle workbook <&>",
  creator: "trialstat test",
  about: "Tables that exercise the Government Statistical Service layout.",
  cover: [{ heading: "Registration", lines: ["ISRCTN00000000, SAP version 1.0 (2024-01-01)"] }],
  tables: [
    {
      section: "Results",
      table: {
        id: "subgroups",
        title: "Subgroups: everyone",
        sectionColumn: "Outcome",
        columns: [
          { header: ["", "Subgroup"] },
          { header: ["", "Level"], align: "left" },
          { header: ["Mean", "Control"] },
          { header: ["", "Effect"] },
          { header: ["", "Sig."], align: "left" },
          { header: ["", "p"] },
          { header: ["n", "Control"] },
        ],
        rows: [
          section("Earnings (GBP)"),
          { cells: [text("gender"), text("F"), num(2921.23, "2,921.23"), { ...num(902, "£902 ***"), strong: true }, text("***"), text("<0.001"), num(1234, "1,234")] },
          { cells: [text(""), text("M"), num(5, "5%"), num(-0.07, "−0.07"), text(""), num(0.129, "0.129"), sup] },
          section("Wellbeing (sd)"),
          { cells: [text("age band"), text("18-34"), num(0.00012, "1.20e-4"), num(null, ""), text(""), num(null, "NA"), num(12, "12")] },
          { cells: [text(""), text("35+"), sup, num(16.6, "16.6ppt ***"), text("*"), num(0.5, "0.500"), num(1000000, "1,000,000")] },
        ],
        notes: ["Sig.: * significant at 90%.", "Shared note: suppressed cells show [c]."],
      },
    },
    {
      section: "Balance",
      table: {
        id: "balance",
        title: "Baseline balance",
        sectionColumn: "Variable",
        columns: [{ header: ["", "Characteristic"] }, { header: ["Control", "SD"] }, { header: ["Treated", "SD"] }, { header: ["Control", "SD"] }],
        rows: [
          { cells: [text("age, mean (SD)"), num(41.13, "41.13"), num(13.15, "13.15"), num(1, "1")] },
          section("gender, %"),
          { cells: [text("  F"), num(58, "58"), text(""), num(2, "2")] },
          { cells: [text("  M"), sup, text(""), num(3, "3")] },
          { cells: [text("score, mean (SD)"), num(19.88, "19.88"), num(4.08, "4.08"), num(4, "4")] },
          { kind: "base", cells: [text("Base"), num(132, "132"), text(""), num(134, "134")] },
        ],
        notes: ["Shared note: suppressed cells show [c]."],
      },
    },
    {
      section: "Awkward text",
      table: {
        id: "text",
        title: "Headline \u001b[31m & <b>bold</b>",
        columns: [{ header: [""], name: "Population" }, { header: ["Effect"] }, { header: [""] }],
        rows: [{ cells: [text("=cmd|' /C calc'!A0"), text("Zoë \u202e李 \"quoted\""), num(3.5, "3.5")] }],
        notes: [],
      },
    },
    { table: { id: "empty", title: "A table without rows", columns: [{ header: ["Step"] }, { header: ["Total"] }], rows: [], notes: [] } },
  ],
};
