import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generate } from "../../examples/hlt/generate.mjs";
import { repoPath } from "../helpers.js";
import { reportSnapshots } from "./report-snapshots.js";

// The example study (examples/hlt), generated at full size with its default seed: every report table
// in Markdown, CSV and HTML, the flow diagram, the primary outcomes' forest plot and the first
// figure of subgroup forest plots.
reportSnapshots(
  "hlt",
  () => {
    const dir = mkdtempSync(join(tmpdir(), "trialstat-hlt-report-"));
    mkdirSync(join(dir, "data"));
    for (const [name, text] of Object.entries(generate().files)) writeFileSync(join(dir, "data", name), text);
    copyFileSync(repoPath("examples/hlt/sap.yaml"), join(dir, "sap.yaml"));
    return join(dir, "sap.yaml");
  },
  { pictures: /^(flow-diagram|forest-primary|forest-scr-iw-1)$/ },
);
