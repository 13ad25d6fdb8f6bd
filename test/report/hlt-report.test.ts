import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generate } from "../../examples/hlt/generate.mjs";
import { repoPath } from "../helpers.js";
import { reportSnapshots } from "./report-snapshots.js";

// The example study (examples/hlt), generated at full size with its default seed: every report table
// in Markdown, CSV and HTML, and the flow diagram and the forest plots of the primary outcomes.
reportSnapshots(
  "hlt",
  () => {
    const dir = mkdtempSync(join(tmpdir(), "trialstat-hlt-report-"));
    mkdirSync(join(dir, "data"));
    for (const [name, text] of Object.entries(generate().files)) writeFileSync(join(dir, "data", name), text);
    copyFileSync(repoPath("examples/hlt/sap.yaml"), join(dir, "sap.yaml"));
    return join(dir, "sap.yaml");
  },
  { pictures: /^(flow|forest-.*-(employed13w|earnings12|eq5d12|swemwbs12)$)/ },
);
