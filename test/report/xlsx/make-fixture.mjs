// Writes test/report/xlsx/gss-tables.xlsx from the tables in gss-tables.mjs with the built library
// (pnpm run build first); read-back.R then records what R's readxl sees in it. Run from the
// repository root:
//   pnpm run build && node test/report/xlsx/make-fixture.mjs && Rscript test/report/xlsx/read-back.R
import { writeFileSync } from "node:fs";
import { gssSpreadsheet } from "../../../packages/core/dist/trialstat-core.js";
import { fixtureBook } from "./gss-tables.mjs";

writeFileSync(new URL("gss-tables.xlsx", import.meta.url), gssSpreadsheet(fixtureBook));
