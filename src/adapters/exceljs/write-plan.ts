// Applies a WorkbookPlan to an exceljs workbook: values, live formulas with cached results,
// styles, merges, widths, frozen panes and A4 print setup.
import ExcelJS from 'exceljs';
import { toNumber } from '../../core/money';
import { formulaText } from '../../core/plan/evaluate';
import type { SheetPlan, WorkbookPlan } from '../../core/plan/types';
import { STYLES } from './styles';

export function addSheet(workbook: ExcelJS.Workbook, plan: SheetPlan): ExcelJS.Worksheet {
  const ws = workbook.addWorksheet(plan.name, {
    views: [{ state: 'frozen', xSplit: plan.freeze.columns, ySplit: plan.freeze.rows }],
    pageSetup: {
      paperSize: 9,
      orientation: plan.print.orientation,
      fitToPage: plan.print.fitToWidth,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: plan.print.titleRows,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
  });
  plan.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  for (const [row, height] of Object.entries(plan.rowHeights)) ws.getRow(Number(row)).height = height;
  for (const cell of plan.cells) {
    const target = ws.getCell(cell.address);
    if (cell.formula) {
      target.value = { formula: formulaText(cell.formula), result: toNumber(cell.result ?? (0 as never)) } as ExcelJS.CellFormulaValue;
    } else if (cell.value !== undefined && cell.value !== null) {
      target.value = cell.value;
    }
    target.style = STYLES[cell.style];
  }
  for (const m of plan.merges) ws.mergeCells(m);
  return ws;
}

export function planToWorkbook(plan: WorkbookPlan): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'gongkai 预决算公开助手';
  wb.created = new Date(0);
  wb.modified = new Date(0);
  wb.calcProperties.fullCalcOnLoad = true;
  for (const sheet of plan.sheets) addSheet(wb, sheet);
  return wb;
}

export async function planToBuffer(plan: WorkbookPlan): Promise<Buffer> {
  const buf = await planToWorkbook(plan).xlsx.writeBuffer();
  return Buffer.from(buf as ArrayBuffer);
}
