/**
 * @trialstat/core — the public API, re-exported by name.
 */
export { version } from "./version.js";

export { TrialstatError, type ErrorKind, type ErrorLocation, type ErrorExcerpt, inputError, analysisError, quoteValue, showValue, oneLine, excerptLines } from "./errors.js";

// data
export { parseCsv, CsvReader, type CsvOptions } from "./data/csv.js";
export { readDataBytes, dataFormatOf, isBinaryDataFile, type DataFormat, type ReadDataOptions } from "./data/readers/read-data.js";
export { utf8Chunks } from "./data/readers/utf8-text.js";
export { dataFormatOfBytes } from "./data/readers/format-of-bytes.js";
export { tableFromDecoded, type DecodedFile, type DecodedColumn } from "./data/readers/decoded.js";
export {
  type DataTable,
  type Column,
  type NumericColumn,
  type TextColumn,
  tableFromColumns,
  numericColumn,
  textColumn,
  selectRows,
  cellSourceText,
  parseNumber,
  requireDataRows,
  DEFAULT_MISSING,
} from "./data/table.js";
export { TableBuilder } from "./data/table-builder.js";

// formulas and designs
export { parseFormula, type ParsedFormula, type ParseFormulaOptions, formulaError } from "./stats/formula/parse.js";
export { expandFormula, combineTerms, type Terms } from "./stats/formula/terms.js";
export { buildModelFrame, type ModelFrame, type FrameVariable, type ModelFrameOptions } from "./stats/formula/model-frame.js";
export { buildModelMatrix, designFromVariables, designForTerms, type ModelMatrix } from "./stats/formula/model-matrix.js";

// linear algebra
export { type DenseMatrix, fromRows, toRows, zeros } from "./stats/linalg/dense.js";
export { pivotedQr, type PivotedQr, DEFAULT_RANK_TOLERANCE } from "./stats/linalg/pivoted-qr.js";
export { leastSquares, type LeastSquaresFit, type LeastSquaresOptions } from "./stats/linalg/least-squares.js";
export { choleskyFactor } from "./stats/linalg/cholesky.js";

// models and variance
export { fitLinearModel, linearPredictor, normalisedSqrtWeights, type LinearModelFit, type LinearModelInput } from "./stats/linear-model.js";
export { linDesign, linTerms, centredName, type LinDesign } from "./stats/lin-adjustment.js";
export {
  fitTwoStageLeastSquares,
  firstStageFittedValues,
  type TwoStageLeastSquaresInput,
  type TwoStageLeastSquaresFit,
} from "./stats/iv/two-stage-least-squares.js";
export {
  instrumentDiagnostics,
  type InstrumentDiagnostics,
  type InstrumentDiagnosticsInput,
  type FirstStageStatistic,
  type WaldFTest,
  type OveridentificationTest,
} from "./stats/iv/instrument-diagnostics.js";
export { fitLogit, type LogitFit, type LogitInput, type LogitSeType, LOGIT_SE_TYPES, logistic } from "./stats/logit.js";
export { LINEAR_SE_TYPES, CLUSTER_SE_TYPES, type LinearSeType, type VarianceEstimate, type FittedModel } from "./stats/variance/types.js";
export { averageMarginalEffect, type MarginalEffect } from "./stats/marginal-effect.js";
export { waldTest, type WaldInput, type WaldResult, type Hypothesis } from "./stats/wald.js";
export { coefficientRow, confidenceLevelProblem, criticalValue, type CoefficientRow, type ReferenceDistribution } from "./stats/inference.js";
export { fitFormula, resolveSeType, type FitOptions, type FitResult, type FitHypothesisTest } from "./stats/fit.js";
export {
  specifyEstimator,
  estimatorDesign,
  fitLinearEstimator,
  WEAK_INSTRUMENT_F,
  type EstimatorSpecification,
  type EstimatorDesign,
  type EstimatorFields,
} from "./stats/fit-estimator.js";
export { type DesignContext, checkDesign, checkOutcome, requireStandardError, requireVaryingOutcome, FEW_CLUSTERS, LARGEST_MODEL_VALUE, SMALLEST_MODEL_SCALE } from "./stats/design-checks.js";

// bootstrap (docs/statistics.md#bootstrap)
export { type DrawBlock, type BlockMapper, type SyncBlockMapper, type BlockRunnerName, DRAWS_PER_BLOCK, drawBlocks, joinBlocks } from "./stats/bootstrap/draw-blocks.js";
export { runBootstrapBlock, mapBlocksHere, mapBlocksHereSync } from "./stats/bootstrap/run-block.js";
export { bootstrapQuantiles, summariseReplicates, usesExtremeOrderStatistics, type ResampleSummary } from "./stats/bootstrap/bootstrap-intervals.js";
export {
  resampleBootstrap,
  resampleBootstrapAsync,
  refitResample,
  BOOTSTRAP_PURPOSE,
  type ResampleBootstrapInput,
  type ResampleBootstrapResult,
  type ResampleCoefficient,
  type ResampleTask,
} from "./stats/bootstrap/resample-bootstrap.js";
export {
  wildClusterBootstrap,
  wildClusterBootstrapAsync,
  wildWeights,
  WILD_WEIGHT_TYPES,
  WILD_PURPOSE,
  type WildWeightType,
  type WildBootstrapInput,
  type WildBootstrapResult,
  type WildTask,
} from "./stats/bootstrap/wild-cluster-bootstrap.js";
export { mthLargest } from "./stats/bootstrap/order-statistic.js";
export { fitBootstrap, BOOTSTRAP_TYPES, type BootstrapType, type BootstrapOptions, type FitBootstrap, type FitBootstrapRow } from "./stats/bootstrap/fit-bootstrap.js";

// distributions
export { normalCdf, normalUpperTail, normalQuantile, normalTwoSidedP } from "./stats/distributions/normal.js";
export { studentTUpperTail, studentTTwoSidedP, studentTQuantile, studentTUpperQuantile } from "./stats/distributions/student-t.js";
export { fUpperTail } from "./stats/distributions/f.js";
export { chiSquareUpperTail } from "./stats/distributions/chi-square.js";
export { noncentralTCdf } from "./stats/distributions/noncentral-t.js";
export { signedRankCdf, signedRankQuantile } from "./stats/distributions/signed-rank.js";
export { findRoot, R_UNIROOT_TOL, type FindRootOptions, type FoundRoot } from "./stats/find-root.js";

// power and minimum detectable effects
export { EXACT_TOL, POWER_ALTERNATIVES, type PowerAlternative } from "./stats/power/solve-power.js";
export { powerTTest, T_TEST_POWER_TYPES, type TTestPowerType, type PowerTTestInput, type PowerTTestResult } from "./stats/power/t-test-power.js";
export { powerPropTest, type PowerPropTestInput, type PowerPropTestResult } from "./stats/power/proportion-test-power.js";
export {
  minimumDetectableEffect,
  type MdesInput,
  type MdesResult,
  type MdesUnknown,
  type MdesDistribution,
} from "./stats/power/minimum-detectable-effect.js";

// benefit–cost analysis (docs/statistics.md#benefitcost-analysis)
export { presentValueFactor, MAX_HORIZON_YEARS, type BenefitHorizon } from "./economics/discounting.js";
export {
  benefitCostReturns,
  PERSPECTIVES,
  type Perspective,
  type ByPerspective,
  type ValuedImpact,
  type JointImpacts,
  type BenefitCostGroup,
  type BenefitCostReturns,
} from "./economics/benefit-cost.js";
export { benefitCostMonteCarlo, BENEFIT_COST_PURPOSE, DEFAULT_DRAWS, MAX_DRAWS, type MonteCarloOptions, type PerspectiveSimulation, type BenefitCostSimulation } from "./economics/monte-carlo.js";
export { summariseDraws, histogram, type DrawSummary, type Histogram } from "./economics/draw-summary.js";
export { pooledCostPerRecruit, type CostPart } from "./economics/pooled-cost.js";

// single-arm evaluations: change within people, rates with intervals
export { wilsonInterval, type ProportionInterval, type ProportionAlternative } from "./stats/single-arm/wilson-interval.js";
export { pairedTTest, pairedDifferences, oneSampleTTest, type PairedTTest, type PairedTestOptions } from "./stats/single-arm/paired-t-test.js";
export { pairedChange, type PairedChange, type ChangeInterval } from "./stats/single-arm/paired-change.js";
export { spread, type Spread } from "./stats/single-arm/spread.js";
export { wilcoxonSignedRank, averageRanks, type WilcoxonSignedRank, type WilcoxonOptions } from "./stats/single-arm/wilcoxon-signed-rank.js";

// random numbers (docs/statistics.md#random-numbers)
export { Xoshiro128StarStar, type RandomStream } from "./random/xoshiro128.js";
export { RandomStreams, randomStream, RANDOM_GENERATOR, type RandomProvenance } from "./random/streams.js";
export { uniform, uniform53Bits, uniformOpen, uniformSource } from "./random/uniform.js";
export { uniformInteger } from "./random/integer.js";
export { standardNormal } from "./random/normal.js";
export { shuffleInPlace, shuffleRange, randomPermutation } from "./random/shuffle.js";
export { type GroupCodes } from "./random/groups.js";
export { permuteWithinBlocks, permutationWithinBlocks } from "./random/block-permutation.js";
export { resampleRows, resampleClusters, type ClusterResample } from "./random/resample.js";
export { rademacherWeights, webbWeights, WEBB_POINTS } from "./random/wild-weights.js";
export { multivariateNormal } from "./random/multivariate-normal.js";

// non-response weights
export {
  nonResponseWeights,
  WEIGHT_METHODS,
  type WeightMethod,
  type NonResponseWeightOptions,
  type NonResponseWeights,
  type WeightDiagnostics,
  type CellDiagnostics,
  type TrimDiagnostics,
  type MissingCovariateNote,
} from "./weights/non-response-weights.js";
export { type MissingCovariatePolicy, type PreparedCovariate, prepareCovariates, MAX_NUMERIC_CATEGORIES } from "./weights/missing-covariates.js";
export { type Categorical, type Cell, categorical, crossClassify, cellLabel, MISSING_LEVEL } from "./weights/cells.js";
export { readIndicator } from "./weights/indicator.js";
export { cellPropensity, type CellPropensity, type PropensityModel } from "./weights/propensity.js";
export { weightingClassWeights, type WeightingClass } from "./weights/weighting-classes.js";
export { rake, RAKE_DEFAULTS, type RakeMargin, type RakeOptions, type RakeResult } from "./weights/rake.js";
export { trimWeights, percentile, type TrimResult } from "./weights/trim.js";
export { rescaleToMeanOne } from "./weights/rescale.js";
export { summariseWeights, kishDesignEffect, effectiveSampleSize, balanceRows, type WeightSummary, type BalanceRow } from "./weights/diagnostics.js";

// report
export { csvCell, csvText, csvQuote, csvWithColumn } from "./report/csv.js";
export { markdownTable, markdownText } from "./report/markdown.js";
export { safeFileName, uniqueFileNames } from "./report/file-names.js";
export { weightDiagnosticsTable, weightDiagnosticsMarkdown } from "./report/weights-report.js";
export { formatSignificant, formatPValue, alignColumns } from "./report/format-number.js";
export { fitTable, fitCsv, type FitOutputOptions } from "./report/fit-report.js";
export { fitJson, fitJsonObject, type FitJsonNames } from "./report/fit-json.js";
export { parseLinearHypothesis, type ParsedHypothesis } from "./stats/linear-hypothesis.js";
export { fitSummary, fitFactors, type FitSummary, type FitFactor } from "./stats/fit-summary.js";

// SAP runner building blocks
export { adjustPValues, significanceStars } from "./effects/multiplicity.js";
export { recodeBands, recodeMap, recodeQuantiles } from "./derive/recode.js";
export { quantileType7 } from "./stats/quantile.js";
export { windowOutcome, type WindowOutcomeInput } from "./derive/admin-window.js";
export { parseDate, addMonths, monthOffset, formatDay, dayNumber, type DateFormat } from "./data/dates.js";
export { runPlan, validatePlan, hashText, sapHash, type PlanInput, type PlanRun, type StepTimings } from "./analysis/run-plan.js";
export { type ResultsDocument, type FlatRow, flattenRow, unflattenRow, resultsJson } from "./analysis/results.js";
export { type EffectRow, type Interval, intervalAt, levelKey } from "./analysis/effect-row.js";
export { levelFromKey, levelLabel, levelPercent } from "./stats/confidence-level.js";
export { type Flow, type ByArm, type SourceFlow, type OutcomeFlow } from "./link/flow.js";
export { parseSap, parseEconomics, type ParsedSap } from "./sap/parse.js";
export { economicsProblems } from "./sap/economics-references.js";
export { sapSchema } from "./sap/schema.js";
export { type Sap, type DesignSpec, type EconomicsSpec } from "./sap/types.js";
export { type SapProblem, SapProblems, formatProblem } from "./sap/problems.js";
export { type EffectInput, type DesignColumn } from "./effects/effect-input.js";
export { treatmentEffect, subgroupEffects, type TreatmentEffect, type SubgroupEffects } from "./effects/treatment-effect.js";
export { type EffectEstimate, ARM } from "./effects/effect-model.js";
export { DesignCache } from "./effects/design-cache.js";
export { armSummaries, type ArmSummary } from "./effects/arm-summaries.js";
export { ANALYSIS_KINDS } from "./analysis/kinds/registry.js";
export { type AnalysisKind, type AnalysisContext, type AnalysisOutput, type AnalysisSettings } from "./analysis/kinds/kind.js";
export { modelTerms, column, factorOf, type ModelSpec } from "./stats/formula/model-spec.js";
export { resultsCsv, resultsTable, subgroupTable } from "./report/results-tables.js";
export { tableLevel } from "./report/table-level.js";
export { type Lock, type Registration, declaredAnalyses, checkDeclared, compareResults, provenanceDeviations, reRegister, registrationDeviations } from "./analysis/conformance.js";
export { type ResultsUses, lockFromJson, resultsFromJson } from "./analysis/conformance-documents.js";

// questionnaire instruments
export type { Band, ItemDefinition, ScaleDefinition, MissingRule, InstrumentDefinition, ScoreResult, ComputeInput, ComputeOutput } from "./instruments/types.js";
export { getInstrument, listInstruments, isBuiltInInstrument, describeInstrument, missingRuleText } from "./instruments/registry.js";
export { scoreTable, scoreItems, scoreColumns, scoreCsv, scoreSummary, resolveMissingRule, resolveItemColumns, MISSING_RULE_NAMES, type MissingRuleNames, type ScoreOptions, type ScoreColumnValues } from "./instruments/score.js";
export { normalizeLabel, parseLabelFile, parseCodeList, allowedValuesText, type ResponseOptions } from "./instruments/responses.js";
export { likertInstrument, likertFromJson, type LikertSpec } from "./instruments/likert.js";
export {
  ENGLAND_2018,
  EQ5D_DIMENSIONS,
  type Eq5dDimension,
  type Eq5dValueSet,
  type Eq5dDecrements,
  valueSetFromDecrements,
  parseValueSet,
  eq5dIndex,
  stateIndex,
  stateName,
  parseState,
} from "./instruments/value-sets.js";
export {
  talkingTherapiesChange,
  talkingTherapiesSummary,
  TALKING_THERAPIES_THRESHOLDS,
  type TalkingTherapiesInput,
  type TalkingTherapiesChange,
  type Rate,
} from "./instruments/talking-therapies.js";
export { phq9 } from "./instruments/phq9.js";
export { phq8 } from "./instruments/phq8.js";
export { gad7 } from "./instruments/gad7.js";
export { swemwbs, SWEMWBS_METRIC, SWEMWBS_NOTICE } from "./instruments/swemwbs.js";
export { jsse } from "./instruments/jsse.js";
export { who5 } from "./instruments/who5.js";
export { eq5d5l } from "./instruments/eq5d5l.js";
export { gse } from "./instruments/gse.js";
export { ons4 } from "./instruments/ons4.js";
export { ips25 } from "./instruments/ips25.js";
export { headlineTable, headlineText, headlineMarkdown, formatEffect, type HeadlineOptions } from "./report/headline.js";
export { resolveStars, type Stars } from "./report/stars.js";
export { reportLabels, type ReportLabels } from "./report/report-labels.js";

// report tables, pictures and the HTML report
export { type ReportTable, type TableColumn, type TableCell, type TableRow, text as textCell, num as numberCell, flatHeader, slug } from "./report/table-model.js";
export { tableMarkdown, tableCsv, tableHtml, tableNotesCsv, escapeHtml } from "./report/table-formats.js";
export { type Decimals, DEFAULT_DECIMALS, resolveDecimals, formatFixed, formatCount, formatP, roundTo } from "./report/decimals.js";
export {
  type DisclosureSettings,
  type ControlledGrid,
  type ControlledCounts,
  SUPPRESSED,
  resolveDisclosure,
  suppressCounts,
  gridLines,
  roundCount,
  controlGrid,
  CountLedger,
  disclosureNote,
} from "./report/disclosure.js";
export { type ReportSettings, reportSettings } from "./report/settings.js";
export { descriptiveTable } from "./report/descriptive-tables.js";
export { balanceTable } from "./report/balance-table.js";
export { responseRateTable } from "./report/response-table.js";
export { flowTable, flowCounts } from "./report/flow-table.js";
export { weightDiagnosticsTables } from "./report/weights-report.js";
export { forestPanels, subgroupPanels, populationPanels, type Panel, type PanelRow } from "./report/forest-panels.js";
export { flowDiagram } from "./report/flow-diagram.js";
export { weightsHistogram } from "./report/weights-plot.js";
export { reportContents, type ReportContents, type ReportSection } from "./report/report-contents.js";
export { htmlReport } from "./report/html-report.js";
export { type ReportFileOptions, reportFiles, reportMarkdown } from "./report/report-files.js";
export { runFiles } from "./report/run-files.js";
export { reportSpreadsheet } from "./report/report-spreadsheet.js";
export { fitSpreadsheet } from "./report/fit-spreadsheet.js";
export { gssSpreadsheet, tableGrid, type GssSpreadsheet } from "./report/gss-spreadsheet.js";
export { xlsxWorkbook, columnLetters, type XlsxWorkbook, type XlsxSheet, type XlsxCell } from "./report/xlsx-workbook.js";
export { excelNumberFormat } from "./report/excel-number-format.js";
export { pearsonChiSquare, type ChiSquareTest } from "./stats/chi-square-test.js";
export { powerTable, powerJson, formatLikeR, type PowerCalculation } from "./report/power-report.js";
export { designMdes, allocationShare, weightDesignEffects, type DesignResults, type MdesRow, type MdesBasis, type AchievedSizes } from "./analysis/design-mdes.js";
export {
  benefitCostAnalysis,
  DEFAULT_DISCOUNT_RATE,
  type EconomicsResults,
  type EconomicsPopulation,
  type EconomicsOptions,
  type ValueRow,
  type SimulatedPerspective,
} from "./analysis/economics.js";
export { planDesign } from "./analysis/plan-design.js";
export { ECONOMICS_RESULTS_USES, economicsFromFile } from "./analysis/economics-file.js";
export { mdesTable, mdesDetailTable } from "./report/mdes-table.js";
export { returnsTable, monteCarloTable, valuesTable } from "./report/economics-tables.js";
export { benefitCostHistogram } from "./report/bcr-histogram.js";
export { economicsFiles, type EconomicsInputs } from "./report/economics-files.js";
export { type ReportData } from "./analysis/report-data.js";
export type { SingleArmResults, ChangeRow, RateRow, CountRow, MeanRow, FlowStageRow, TalkingTherapiesRow } from "./analysis/single-arm-rows.js";
export { singleArmSections, singleArmSummaryText } from "./report/single-arm-sections.js";
export { resultCountText } from "./report/result-count.js";
export { workDone } from "./report/work-done.js";
export { tableText } from "./report/table-text.js";

// IPS fidelity reviews and service outcome monitoring (docs/statistics.md#ips-fidelity-reviews, #service-outcome-monitoring)
export { IPS25_ITEMS } from "./fidelity/ips25-items.js";
export { fidelityReviews, firstAndLast, type FidelityReview, type FidelityReviews, type FidelityOptions } from "./fidelity/fidelity-reviews.js";
export { fidelityAgainstOutcomes, type FidelityAgainstOutcomes, type FidelityOutcomeRow } from "./fidelity/fidelity-outcomes.js";
export { serviceOutcomes, type ServiceOutcome, type ServiceOutcomeColumns } from "./monitoring/service-outcomes.js";
export { monitorOutcomes, type Monitoring, type MonitoringRow, type MonitoringOptions, type BenchmarkComparison } from "./monitoring/outcome-monitoring.js";
export { IPS_BENCHMARK, USUAL_SUPPORT_BENCHMARK, CASELOAD_GUIDANCE, type Benchmark } from "./monitoring/benchmarks.js";
export { funnelLimits, funnelPosition, type FunnelLimits, type FunnelMethod, type FunnelPosition } from "./stats/funnel-limits.js";
export { binomialCdf, binomialQuantile } from "./stats/distributions/binomial.js";
export { spearmanCorrelation } from "./stats/rank-correlation.js";
export { fidelityTable, fidelityChangeTable, fidelityOutcomesTable } from "./report/fidelity-tables.js";
export { monitoringTable } from "./report/monitoring-tables.js";
export { funnelPlot } from "./report/funnel-plot.js";
export { fidelityReport, monitoringReport, type ServiceReport } from "./report/service-report-files.js";
export { type DescriptiveCounts } from "./analysis/descriptives.js";
export { type BalanceTable, type BalanceItem } from "./analysis/balance.js";
export { type ResponseCounts } from "./analysis/response-counts.js";

// reproducing a published table (docs/reproduce.md)
export { parsePrintedNumber, type PrintedNumber, CURRENCY_MARKS } from "./reproduce/printed-number.js";
export { parsePrintedInterval } from "./reproduce/printed-interval.js";
export { type StarConvention, DEFAULT_STARS, parseStarConvention, starConvention, starsFor, starConventionText } from "./reproduce/star-convention.js";
export { PUBLISHED_STATISTICS, type PublishedStatistic } from "./reproduce/published-statistics.js";
export { parsePublishedTable, type PublishedTable, type PublishedCell, PUBLISHED_COLUMNS } from "./reproduce/published-table.js";
export { reproductionSettings, type ReproductionSettings } from "./reproduce/reproduction-settings.js";
export { roundingVerdict } from "./reproduce/rounding-verdict.js";
export { reproduceTable, VERDICTS, type Reproduction, type ReproducedCell, type ReproductionSummary, type Verdict } from "./reproduce/reproduction.js";
export { reproductionText, summaryText as reproductionSummaryText, VERDICT_WORDS } from "./reproduce/reproduction-text.js";

// randomisation inference (docs/statistics.md#randomisation-inference)
export { BlockSubsetSampler } from "./random/block-subsets.js";
export {
  randomisationInference,
  prepareRandomisationInference,
  MAX_RI_DRAWS,
  type RandomisationInference,
  type RandomisationInferenceInput,
} from "./stats/randomisation-inference/randomisation-inference.js";
export { assignmentScheme, type AssignmentScheme, type AssignmentSchemeInput, type LabelledGroups } from "./stats/randomisation-inference/assignment-scheme.js";
export { AssignmentDrawer, DRAWS_PER_STREAM, RI_STREAM_PURPOSE } from "./stats/randomisation-inference/monte-carlo-draws.js";
export { enumeratedArms, enumeratedEstimates } from "./stats/randomisation-inference/exact-enumeration.js";
export { randomisationPValues, TIE_TOLERANCE, type RandomisationPValues } from "./stats/randomisation-inference/p-values.js";
export { invertRandomisationTest, randomisationPValueAt, type InvertedInterval } from "./stats/randomisation-inference/test-inversion.js";
export { fitRandomisationInference, type FitRandomisationInference, type FitRandomisationOptions } from "./stats/randomisation-inference/fit-randomisation-inference.js";

// bounds for missing outcomes (docs/statistics.md#bounds-for-missing-outcomes)
export { leeBounds, trimmedMean, type LeeBounds } from "./stats/missing-outcome-bounds/lee-bounds.js";
export { worstCaseBounds, type WorstCaseBounds } from "./stats/missing-outcome-bounds/worst-case-bounds.js";
export { armOutcomes, type ArmOutcomesInput, type ArmSample } from "./stats/missing-outcome-bounds/arm-outcomes.js";
