import type { GssSpreadsheet } from "@trialstat/core";

/** The report tables of the spreadsheet oracle (gss-tables.mjs). */
export declare const fixtureBook: GssSpreadsheet;
