/**
 * The types of a parsed SAP (format 1). They are not written here: sap/schema.ts defines the format
 * once, and both the JSON Schema and these types come from that definition.
 */
export type {
  AdminDerive,
  BalanceSpec,
  ColumnSpec,
  ColumnType,
  DecimalsSpec,
  DeriveSpec,
  DesignOutcomeSpec,
  DesignPopulationSpec,
  DesignSpec,
  DescriptiveSpec,
  DisclosureSpec,
  EconomicsSpec,
  CostSpec,
  ValueSpec,
  FilterValue,
  InferenceSpec,
  InstrumentDerive,
  LikertDerive,
  LinkageSpec,
  MultiplicityMethod,
  OutcomeSpec,
  OutputSpec,
  PopulationSpec,
  RecodeDerive,
  Sap,
  SourceSpec,
  WeightsSpec,
  WindowSpec,
} from "./schema.js";
