// The pure core's public surface: what every host (CLI, Excel add-in, browser page) builds on.
export * from './money';
export * from './codes';
export * from './a1';
export { UserError } from './errors';
export { TableSpec, describeIssues } from './spec/schema';
export { parseSpec, selectSpecs, KIND_NAMES } from './spec/parse';
export { Catalog, resolveCatalog, parseCatalogFile } from './catalog/catalog';
export { CatalogFile } from './catalog/schema';
export { buildSheet, resolveOptions, type TableData, type CodeRowData } from './plan/build';
export { buildWorkbook, type WorkbookInput } from './plan/workbook';
export { evaluateSheet, formulaText } from './plan/evaluate';
export { renderSheet } from './plan/render';
export type { SheetPlan, WorkbookPlan, PlanCell, Formula, StyleName } from './plan/types';
export { Ledger, ledgerToTables } from './ledger';
