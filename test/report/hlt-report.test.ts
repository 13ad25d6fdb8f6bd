import { hltStudy } from "../hlt-study/study.js";
import { reportSnapshots } from "./report-snapshots.js";

// The example study (examples/hlt), generated at full size with its default seed (once for the
// suite, test/hlt-study): every report table in Markdown, CSV and HTML, the flow diagram, the primary
// outcomes' forest plot and the first figure of subgroup forest plots.
reportSnapshots("hlt", (await hltStudy()).sap, { pictures: /^(flow-diagram|forest-primary|forest-scr-iw-1)$/ });
