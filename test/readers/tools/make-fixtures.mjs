// Writes the Parquet, Arrow, Excel and gzip fixtures for the file readers, each with a tool other
// than the one trialstat reads it with:
//   - Parquet: DuckDB (@duckdb/node-api), snappy and gzip pages; DuckDB then reads each file back
//     and its reading is recorded as <file>.expected.json (trialstat reads Parquet with hyparquet).
//   - Arrow IPC: apache-arrow's writer, file and stream formats; the expected JSON is the data the
//     script put in (trialstat reads with apache-arrow's reader, so its own conversion is tested).
//   - Excel: exceljs; make-fixtures.R reads the workbook with readxl for the expected JSON
//     (trialstat reads .xlsx with its own reader).
//   - .csv.gz: Node's zlib (trialstat inflates with fflate); expected = the uncompressed CSV.
// Run from the repository root: npm install --prefix test/readers/tools && node test/readers/tools/make-fixtures.mjs
// (then make-fixtures.R). The writers are kept out of the workspace so that pnpm install need not fetch them.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { DuckDBInstance } from "@duckdb/node-api";
import * as arrow from "apache-arrow";
import ExcelJS from "exceljs";

const dir = "test/readers/fixtures";
mkdirSync(`${dir}/mini`, { recursive: true });
const json = (value) => JSON.stringify(value, null, 2) + "\n";

// --- Parquet, by DuckDB ---------------------------------------------------------------------------
const db = await (await DuckDBInstance.create(":memory:")).connect();
await db.run(`
  CREATE TABLE people AS SELECT * FROM (VALUES
    ('001', 1::TINYINT, 300::SMALLINT, 1234.5::DOUBLE, 0.1::FLOAT, 9007199254740993::BIGINT, 12.34::DECIMAL(10,2), true,  DATE '2019-01-31', TIMESTAMP '2019-02-01 13:45:00', 'Zoë',    'North'),
    ('002', 0::TINYINT, -2::SMALLINT,  NULL,          -1.5::FLOAT, -5::BIGINT,              0.00::DECIMAL(10,2),  false, DATE '2020-02-29', TIMESTAMP '1969-12-31 23:59:59', 'Łukasz', 'South'),
    ('003', 1::TINYINT, NULL,          -0.25::DOUBLE, NULL,        NULL,                    -7.05::DECIMAL(10,2), NULL,  NULL,              NULL,                            '',       NULL),
    ('004', 0::TINYINT, 32767::SMALLINT, 1e10::DOUBLE, 3.0::FLOAT, 0::BIGINT,               99999999.99::DECIMAL(10,2), true, DATE '1900-03-01', TIMESTAMP '2000-03-01 00:00:00', NULL,  'North'),
    ('005', 1::TINYINT, 7::SMALLINT,   pi(),          16777217::FLOAT, 42::BIGINT,          1.50::DECIMAL(10,2),  false, DATE '1970-01-01', TIMESTAMP '2022-01-01 12:00:00', '李小龙', 'Wales')
  ) AS t(id, arm, small, earnings, ratio, big, price, flag, randomised, interview, name, site)`);
await db.run(`ALTER TABLE people ALTER site TYPE ENUM('North', 'South', 'Wales')`);
for (const codec of ["snappy", "gzip", "zstd"]) {
  const file = `${dir}/duckdb-${codec}.parquet`;
  await db.run(`COPY people TO '${file}' (FORMAT parquet, COMPRESSION ${codec})`);
  if (codec === "zstd") continue; // kept only to test the error for a codec trialstat does not read
  // DuckDB's own reading of the file it wrote: numbers as text with all their digits, dates as days
  const result = await db.runAndReadAll(`
    SELECT id, arm::VARCHAR, small::VARCHAR, earnings, ratio::DOUBLE AS ratio, big::VARCHAR, price::DOUBLE AS price,
           CASE WHEN flag THEN '1' WHEN NOT flag THEN '0' END AS flag, strftime(randomised, '%Y-%m-%d'),
           strftime(interview::DATE, '%Y-%m-%d'), name, site::VARCHAR
    FROM read_parquet('${file}') ORDER BY id`);
  const names = ["id", "arm", "small", "earnings", "ratio", "big", "price", "flag", "randomised", "interview", "name", "site"];
  const kinds = { id: "text", arm: "number", small: "number", earnings: "number", ratio: "number", big: "number", price: "number", flag: "number", randomised: "date", interview: "date", name: "text", site: "text" };
  const rows = result.getRows();
  const columns = {};
  names.forEach((name, j) => {
    const values = rows.map((r) => (r[j] === null ? null : typeof r[j] === "number" ? shortest(r[j]) : String(r[j])));
    columns[name] = { kind: kinds[name], values, tag: values.map(() => null), user_missing: values.map(() => false), labels: null };
  });
  writeFileSync(`${file}.expected.json`, json({ nRows: rows.length, columns }));
}

/** Shortest decimal text of a double, which parses back to it exactly. */
function shortest(x) {
  return String(x);
}

// --- Arrow IPC, by apache-arrow ---------------------------------------------------------------------
const day = (iso) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10));
const arrowData = {
  id: ["001", "002", "003", "004"],
  tiny: [1, -128, null, 127],
  int: [70000, -3, 0, null],
  big: [9007199254740993n, -1n, null, 0n],
  ratio: [0.5, null, -2.25, 1e-7],
  earnings: [1234.5, Math.PI, null, -0],
  flag: [true, false, null, true],
  site: ["North", "South", "North", null],
  randomised: ["2019-01-31", null, "1960-01-01", "2024-02-29"],
  stamp: ["2019-02-01T13:45:00Z", "1969-12-31T23:59:59Z", null, "2000-03-01T00:00:00Z"],
};
const vector = (type, values) => arrow.vectorFromArray(values, type);
const arrowTable = new arrow.Table({
  id: vector(new arrow.Utf8(), arrowData.id),
  tiny: vector(new arrow.Int8(), arrowData.tiny),
  int: vector(new arrow.Int32(), arrowData.int),
  big: vector(new arrow.Int64(), arrowData.big),
  ratio: vector(new arrow.Float32(), arrowData.ratio),
  earnings: vector(new arrow.Float64(), arrowData.earnings),
  flag: vector(new arrow.Bool(), arrowData.flag),
  site: vector(new arrow.Dictionary(new arrow.Utf8(), new arrow.Int32()), arrowData.site),
  randomised: vector(new arrow.DateDay(), arrowData.randomised.map((d) => (d === null ? null : new Date(day(d))))),
  stamp: vector(new arrow.TimestampMillisecond(), arrowData.stamp.map((d) => (d === null ? null : Date.parse(d)))),
});
writeFileSync(`${dir}/apache-arrow-file.arrow`, arrow.tableToIPC(arrowTable, "file"));
writeFileSync(`${dir}/apache-arrow-stream.arrow`, arrow.tableToIPC(arrowTable, "stream"));
const arrowKinds = { id: "text", tiny: "number", int: "number", big: "number", ratio: "number", earnings: "number", flag: "number", site: "text", randomised: "date", stamp: "date" };
const arrowExpected = {};
for (const [name, values] of Object.entries(arrowData)) {
  // a Float32 column holds the nearest float to each value
  const text = values.map((v) => (v === null ? null : typeof v === "boolean" ? (v ? "1" : "0") : name === "stamp" ? v.slice(0, 10) : name === "ratio" ? String(Math.fround(v)) : String(v)));
  arrowExpected[name] = { kind: arrowKinds[name], values: text, tag: text.map(() => null), user_missing: text.map(() => false), labels: null };
}
for (const f of ["apache-arrow-file.arrow", "apache-arrow-stream.arrow"]) writeFileSync(`${dir}/${f}.expected.json`, json({ nRows: 4, columns: arrowExpected }));

// --- Excel, by exceljs (readxl reads it for the expected contents, in make-fixtures.R) --------------
const workbook = new ExcelJS.Workbook();
workbook.created = new Date(Date.UTC(2024, 0, 1));
workbook.modified = workbook.created;
const baseline = workbook.addWorksheet("Baseline");
baseline.addRow(["id", "arm", "earnings", "randomised", "name", "flag", "total"]);
const rows = [
  ["001", 1, 1234.5, new Date(Date.UTC(2019, 0, 31)), "Zoë", true],
  ["002", 0, null, new Date(Date.UTC(2020, 1, 29)), "Łukasz", false],
  ["003", 1, -0.25, null, "O'Brien, \"Jr\" <&>", null],
  ["004", 0, 1e10, new Date(Date.UTC(1900, 2, 1)), "李小龙", true],
  ["005", 1, Math.PI, new Date(Date.UTC(2000, 2, 1)), null, false],
];
rows.forEach((r, i) => {
  const row = baseline.addRow(r);
  row.getCell(7).value = { formula: `B${i + 2}+C${i + 2}`, result: r[2] === null ? r[1] : r[1] + r[2] };
});
baseline.getColumn(4).numFmt = "yyyy-mm-dd";
const wave = workbook.addWorksheet("Wave 1");
wave.getCell("B3").value = "id";
wave.getCell("C3").value = "score";
wave.getCell("D3").value = "interviewed";
wave.getCell("B4").value = "001";
wave.getCell("C4").value = 12;
wave.getCell("D4").value = new Date(Date.UTC(2020, 5, 1, 14, 30));
wave.getCell("D4").numFmt = "dd/mm/yyyy hh:mm";
wave.getCell("B6").value = "003";
wave.getCell("C6").value = 0.1;
wave.getCell("B7").value = "004";
wave.getCell("D7").value = new Date(Date.UTC(2021, 11, 31));
wave.getCell("D7").numFmt = "d mmm yyyy";
await workbook.xlsx.writeFile(`${dir}/exceljs.xlsx`);

// --- .csv.gz, by Node's zlib ------------------------------------------------------------------------
const csv = "id,arm,earnings,randomised,name\n001,T,1234.5,2019-01-31,Zoë\n002,C,NA,2020-02-29,\"O'Brien, \"\"Jr\"\"\"\n003,T,-0.25,,李小龙\n";
writeFileSync(`${dir}/zlib.csv`, csv);
writeFileSync(`${dir}/zlib.csv.gz`, gzipSync(Buffer.from(csv, "utf8"), { level: 9 }));

// --- the example trial in every format (test/cli/data-formats.test.ts: fit gives the same output) ---
const trialCsv = readFileSync("examples/fit/trial.csv", "utf8");
writeFileSync(`${dir}/trial.csv.gz`, gzipSync(Buffer.from(trialCsv, "utf8"), { level: 9 }));
await db.run(`COPY (SELECT * FROM read_csv('examples/fit/trial.csv', header = true)) TO '${dir}/trial.parquet' (FORMAT parquet)`);
const [header, ...lines] = trialCsv.trim().split("\n").map((l) => l.split(","));
const trialColumns = header.map((_, j) => lines.map((l) => (l[j] === "" || l[j] === "NA" ? null : /^-?[\d.]+$/.test(l[j]) ? Number(l[j]) : l[j])));
writeFileSync(
  `${dir}/trial.arrow`,
  arrow.tableToIPC(new arrow.Table(Object.fromEntries(header.map((name, j) => [name, arrow.vectorFromArray(trialColumns[j], trialColumns[j].some((v) => typeof v === "string") ? new arrow.Utf8() : new arrow.Float64())]))), "file"),
);
const trialBook = new ExcelJS.Workbook();
trialBook.created = trialBook.modified = new Date(Date.UTC(2024, 0, 1));
const trialSheet = trialBook.addWorksheet("trial");
trialSheet.addRow(header);
for (let i = 0; i < lines.length; i++) trialSheet.addRow(trialColumns.map((c) => c[i]));
await trialBook.xlsx.writeFile(`${dir}/trial.xlsx`);

// --- the mini SAP's sources (test/sap/mini/data) in other formats (see make-fixtures.R too) ----------
const mini = "test/sap/mini/data";
await db.run(`COPY (SELECT * FROM read_csv('${mini}/hmrc.csv', header = true, types = {'id': 'VARCHAR', 'month': 'VARCHAR'})) TO '${dir}/mini/hmrc.parquet' (FORMAT parquet)`);
const csvRows = (file) => readFileSync(`${mini}/${file}`, "utf8").trim().split("\n").map((l) => l.split(","));
const [profileHeader, ...profileRows] = csvRows("profile.csv");
const profileBook = new ExcelJS.Workbook();
profileBook.created = profileBook.modified = new Date(Date.UTC(2024, 0, 1));
const profileSheet = profileBook.addWorksheet("profile");
profileSheet.addRow(profileHeader);
for (const r of profileRows) profileSheet.addRow(r.map((v) => (v === "" ? null : v)));
await profileBook.xlsx.writeFile(`${dir}/mini/profile.xlsx`);
const [, ...withdrawalRows] = csvRows("withdrawals.csv");
writeFileSync(
  `${dir}/mini/withdrawals.arrow`,
  arrow.tableToIPC(
    new arrow.Table({
      id: vector(new arrow.Utf8(), withdrawalRows.map((r) => r[0])),
      withdrawn_on: vector(new arrow.DateDay(), withdrawalRows.map((r) => (r[1] ? new Date(day(r[1])) : null))),
      erased: vector(new arrow.Utf8(), withdrawalRows.map((r) => r[2] || null)),
    }),
    "file",
  ),
);
