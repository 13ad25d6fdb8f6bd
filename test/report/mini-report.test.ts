import { miniCopy } from "../sap/mini-copy.js";
import { MINI_DESIGN, MINI_ECONOMICS } from "../sap/mini-design.js";
import { reportSnapshots } from "./report-snapshots.js";

// The mini plan (test/sap/mini) as a study: every table in Markdown, CSV and HTML, and every
// picture. The example study gets the same with reportSnapshots("hlt", "examples/hlt/sap.yaml").
reportSnapshots("mini", "test/sap/mini/sap.yaml");

// The same plan with counts rounded to base 5 and no disclosure control of results: the frequency tables only.
const rounded = miniCopy({ sap: (t) => t.replace("disclosure: { min_count: 10, results: true }", "disclosure: { min_count: 10, round_to: 5 }") });
reportSnapshots("mini-rounded", `${rounded}/sap.yaml`, { only: /^(descriptive|response|balance-all|results-scr)/ });

// And without disclosure control: every count as it is.
const open = miniCopy({ sap: (t) => t.replace("  disclosure: { min_count: 10, results: true }\n", "") });
reportSnapshots("mini-uncontrolled", `${open}/sap.yaml`, { only: /^(descriptive-3|descriptive-4|response|flow$|results-scr)/ });

// With a design section and an economics section (docs/sap.md#design, #economics): their tables and pictures.
const planned = miniCopy({ sap: (t) => t + MINI_DESIGN + MINI_ECONOMICS });
reportSnapshots("mini-design-economics", `${planned}/sap.yaml`, { only: /^(mdes|economics|returns)/ });
