// Puts findings where the accountant looks (an .xlsx file): the check command's marks and
// 检查结果 sheet applied through the one plan applier. Kept for callers that have a report.
import type ExcelJS from 'exceljs';
import type { Report } from '../../core/check/finding';
import { clearCommand, marksOf, resultsSheet } from '../../core/commands/check';
import { emptyPlan } from '../../core/commands/plan';
import { STORE_SHEET } from '../../core/commands/store';
import { applyBookPlan } from './apply-plan';

export const ORIGINALS_SHEET = STORE_SHEET;

/** Removes gongkai's marks: restores each marked cell's fill and note, drops the 检查结果 sheet. */
export function clearAnnotations(wb: ExcelJS.Workbook): number {
  return applyBookPlan(wb, clearCommand().plan).restored;
}

export function annotateWorkbook(wb: ExcelJS.Workbook, report: Report): void {
  applyBookPlan(wb, { ...emptyPlan(), clearMarks: true, marks: marksOf(report), results: resultsSheet(report) });
}
