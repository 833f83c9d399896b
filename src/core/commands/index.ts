// The commands every front end runs: a grid (and options) in, a plan and a report out.
export * from './plan';
export type { Resources } from './resources';
export { templateCommand, type TemplateRequest, type TemplateReport } from './template';
export { fillCommand, recalcCommand, codeTablesOf, type CodeTablesReport, type TableReport, type CodeTablesOptions } from './code-tables';
export { checkCommand, clearCommand, marksOf, resultsSheet, noteText, RESULTS_COLUMNS, type CheckOptions } from './check';
export { narrateCommand, narrativeSheet, NARRATIVE_SHEET, type NarrateOptions, type NarrateReport, type NamedGrid } from './narrate';
export { runCommand, COMMAND_NAMES, type CommandRequest, type CommandResult } from './run';
export { STORE_SHEET, parseStore, storeLines, ownSheetName, type Store, type Original } from './store';
