// The bounds every reader and command keeps to: Excel's own grid, and caps on what one workbook
// may hold, far above any real 公开表 (a department's tables run to a few thousand rows), so a
// hostile or broken file is refused or clipped in bounded time and memory instead of hanging.

/** Excel's grid: XFD1048576 is its last cell. */
export const EXCEL_ROWS = 1_048_576;
export const EXCEL_COLUMNS = 16_384;

/** Rows in one sheet. */
export const MAX_SHEET_ROWS = 200_000;
/** Cells with content in one workbook. */
export const MAX_CELLS = 2_000_000;
/** Merged ranges in one sheet (after those outside the used range are dropped). */
export const MAX_MERGES = 50_000;
/** Cells covered by the merged ranges of one sheet (after clipping): readers and workbook models
 * (exceljs) map or make every covered cell. */
export const MAX_MERGED_CELLS = 1_000_000;
/** Merged ranges in one sheet a workbook model (exceljs) accepts: it compares each with all before it. */
export const MAX_MODEL_MERGES = 10_000;
/** Title cells in one sheet considered as the start of a table. */
export const MAX_TITLES = 2_000;
/** Findings listed in one report; the rest are counted. */
export const MAX_FINDINGS = 20_000;
/** Entries of an imported catalog (the national function classification has about 4,000). */
export const MAX_CATALOG_ENTRIES = 100_000;
/** Seconds one file of a batch may take before its check is ended and the file reported (--timeout). */
export const BATCH_FILE_TIMEOUT_S = 60;
/** The largest --timeout accepted, in seconds (one day). */
export const MAX_BATCH_FILE_TIMEOUT_S = 86_400;
/** Bytes of a JSON input (an imported catalog, a ledger for template --data): a 100,000-entry catalog is under 10 MB. */
export const MAX_JSON_BYTES = 20 * 1024 * 1024;
/** Values (numbers, strings, arrays, objects…) in one JSON input, counted before it is validated. */
export const MAX_JSON_VALUES = 2_000_000;
/** Rows of each list of a ledger (template --data): items, economic lines, names. */
export const MAX_LEDGER_ROWS = 100_000;
/** Problems listed when a JSON input does not match its schema; the rest are counted. */
export const MAX_LISTED_ISSUES = 20;
