/**
 * The types of a parsed SAP (format 1). They are not written here: sap/schema.ts defines the format
 * once, and both the JSON Schema and these types come from that definition.
 */
export type {
  AdminDerive,
  BalanceSpec,
  BootstrapSpec,
  ColumnSpec,
  ColumnType,
  DecimalsSpec,
  DeriveSpec,
  DescriptiveSpec,
  DisclosureSpec,
  FilterValue,
  InferenceSpec,
  InstrumentDerive,
  LikertDerive,
  LinkageSpec,
  MultiplicityMethod,
  OutcomeSpec,
  OutputSpec,
  PopulationSpec,
  PublishedSpec,
  RandomisationSpec,
  RecodeDerive,
  Sap,
  SourceSpec,
  TakeUpSpec,
  WeightsSpec,
  WindowSpec,
} from "./schema.js";
