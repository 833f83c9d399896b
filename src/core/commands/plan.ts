// What a command asks a host to do to a workbook, host-neutral: the CLI applies it to a file,
// the task pane to the open workbook, the standalone page to a dropped file. Every front end
// reads a grid, calls the same command, and applies its plan; none decides anything itself.
import type { Edit } from '../edits';
import type { Severity } from '../check/finding';
import type { SheetPlan } from '../plan/types';

/** The fill of a marked cell by its worst finding (ARGB): red error, orange warning, blue notice. */
export const MARK_FILLS: Record<Severity, string> = { error: 'FFFFC7CE', warning: 'FFFFE0B2', notice: 'FFDDEBF7' };

/** A cell to mark with the colour of its worst finding and a note listing the findings. */
export interface Mark {
  sheet: string;
  address: string;
  severity: Severity;
  note: string;
}

/** The 检查结果 sheet: one row per finding, with a link to its cell. */
export interface ResultsSheet {
  name: string;
  columns: { header: string; width: number }[];
  rows: { severity: Severity; cells: (string | number)[]; link: { sheet: string; cell: string } | null }[];
  /** Shown when there is no finding. */
  empty: string;
}

/** A sheet of text (the 情况说明): one paragraph per row, wrapped to the printed page. */
export interface TextSheet {
  name: string;
  lines: string[];
  /** Column A's width in characters: the A4 portrait page less its margins. */
  width: number;
  print: { paper: 'A4'; orientation: 'portrait' };
}

export interface BookPlan {
  /** Standard tables to add (template). */
  sheets: SheetPlan[];
  /** Row insertions (the sheet's original numbering) and cell writes (after the insertions). */
  edits: Edit[];
  /** Marks from an earlier check, and the 检查结果 sheet, removed first (clear; check before marking). */
  clearMarks: boolean;
  marks: Mark[];
  results: ResultsSheet | null;
  /** A text sheet written in place of gongkai's earlier one of that name. */
  text: TextSheet | null;
}

export function emptyPlan(): BookPlan {
  return { sheets: [], edits: [], clearMarks: false, marks: [], results: null, text: null };
}

/** Whether applying the plan would change the workbook at all. */
export function isEmptyPlan(plan: BookPlan): boolean {
  return plan.sheets.length === 0 && plan.edits.length === 0 && !plan.clearMarks && plan.marks.length === 0 && !plan.results && !plan.text;
}
