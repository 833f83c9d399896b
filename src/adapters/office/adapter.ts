// The Office.js adapter: reads the open workbook into the core's grid in two syncs, and applies
// the core's plans and edits in one, whatever the number of rows. No per-cell or per-row sync.
import { address, columnLetter, parseAddress } from '../../core/a1';
import type { Edit } from '../../core/edits';
import type { Finding, Report } from '../../core/check/finding';
import { RESULTS_SHEET, SEVERITY_NAMES } from '../../core/check/finding';
import { type CellValue, newGrid, setCell, type WorkbookGrid } from '../../core/grid';
import { formulaText } from '../../core/plan/evaluate';
import type { SheetPlan, StyleName, WorkbookPlan } from '../../core/plan/types';
import type { Range, RequestContext, SetSupport, Worksheet } from './excel-api';
import { maxOf } from '../../core/arrays';

const ERROR_VALUE = /^#(REF!|VALUE!|DIV\/0!|N\/A|NAME\?|NULL!|NUM!|SPILL!|CALC!)$/;

/** Sync 1: the sheet names; sync 2: every used range's values, formulas and formats. */
export async function readGrid(context: RequestContext): Promise<WorkbookGrid> {
  const sheets = context.workbook.worksheets;
  sheets.load('items/name');
  await context.sync();
  const used = sheets.items
    .filter((ws) => ws.name !== RESULTS_SHEET)
    .map((ws) => ({ ws, range: ws.getUsedRange().load(['address', 'values', 'formulas', 'numberFormat', 'rowIndex', 'columnIndex']) }));
  await context.sync();
  return {
    sheets: used.map(({ ws, range }) => {
      const grid = newGrid(ws.name);
      range.values.forEach((row, i) =>
        row.forEach((value, j) => {
          const formula = range.formulas[i]?.[j];
          const isFormula = typeof formula === 'string' && formula.startsWith('=');
          const text = typeof value === 'string' ? value : null;
          if ((value === '' || value === null) && !isFormula) return;
          const cell = {
            value: (text !== null && ERROR_VALUE.test(text) ? null : value) as CellValue,
            ...(isFormula ? { formula: formula.slice(1) } : {}),
            ...(text !== null && ERROR_VALUE.test(text) ? { error: text } : {}),
            ...(typeof range.numberFormat[i]?.[j] === 'string' && range.numberFormat[i][j] !== 'General' ? { numFmt: range.numberFormat[i][j] as string } : {}),
          };
          setCell(grid, range.rowIndex + i + 1, range.columnIndex + j + 1, cell);
        }),
      );
      return grid;
    }),
  };
}

const STYLE: Record<StyleName, { bold?: boolean; align?: string; wrap?: boolean; size?: number; border?: boolean; numFmt?: string }> = {
  title: { bold: true, align: 'Center', size: 16 },
  label: { align: 'Right' },
  meta: { align: 'Left' },
  metaRight: { align: 'Right' },
  header: { bold: true, align: 'Center', wrap: true, border: true },
  colno: { align: 'Center', border: true },
  code: { align: 'Left', border: true, numFmt: '@' },
  name: { align: 'Left', wrap: true, border: true },
  nameBold: { bold: true, align: 'Left', wrap: true, border: true },
  amount: { align: 'Right', border: true, numFmt: '#,##0.00' },
  amountBold: { bold: true, align: 'Right', border: true, numFmt: '#,##0.00' },
  lineNo: { align: 'Center', border: true },
  note: { align: 'Left', wrap: true },
};

/** Runs of cells in one row with the same style: "B7:E7" for formats applied per run. */
function styleRuns(plan: SheetPlan): { range: string; style: StyleName }[] {
  const runs: { range: string; style: StyleName }[] = [];
  const byRow = new Map<number, { col: number; style: StyleName }[]>();
  for (const c of plan.cells) {
    const { row, col } = parseAddress(c.address);
    byRow.set(row, [...(byRow.get(row) ?? []), { col, style: c.style }]);
  }
  for (const [row, cells] of byRow) {
    cells.sort((a, b) => a.col - b.col);
    let start = cells[0];
    let prev = cells[0];
    for (const c of [...cells.slice(1), null]) {
      if (c && c.style === start.style && c.col === prev.col + 1) {
        prev = c;
        continue;
      }
      runs.push({ range: start.col === prev.col ? address(row, start.col) : `${address(row, start.col)}:${address(row, prev.col)}`, style: start.style });
      if (c) start = prev = c;
    }
  }
  return runs;
}

/** Excel on the web refuses a request over 5 MB; past this many bytes a batch is sent in parts. */
export const PAYLOAD_LIMIT = 4_500_000;

function writeSheet(ws: Worksheet, plan: SheetPlan, supports: SetSupport): number {
  const rows = maxOf(plan.cells.map((c) => parseAddress(c.address).row));
  const cols = plan.widths.length;
  const matrix: unknown[][] = Array.from({ length: rows }, () => Array<unknown>(cols).fill(''));
  const formats: unknown[][] = Array.from({ length: rows }, () => Array<unknown>(cols).fill('General'));
  for (const c of plan.cells) {
    const { row, col } = parseAddress(c.address);
    matrix[row - 1][col - 1] = c.formula ? `=${formulaText(c.formula)}` : c.value ?? '';
    formats[row - 1][col - 1] = STYLE[c.style].numFmt ?? 'General';
  }
  const whole = ws.getRange(`A1:${columnLetter(cols)}${rows}`);
  // number formats first, so codes typed as text stay text
  whole.numberFormat = formats;
  whole.formulas = matrix;
  for (const run of styleRuns(plan)) {
    const s = STYLE[run.style];
    const r = ws.getRange(run.range);
    if (s.bold) r.format.font.bold = true;
    if (s.size) r.format.font.size = s.size;
    if (s.align) r.format.horizontalAlignment = s.align;
    if (s.wrap) r.format.wrapText = true;
    if (s.border) for (const edge of ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideVertical']) r.format.borders.getItem(edge).style = 'Continuous';
  }
  if (supports('ExcelApi', '1.2')) {
    for (const m of plan.merges) ws.getRange(m).merge(false);
    plan.widths.forEach((w, i) => (ws.getRange(`${columnLetter(i + 1)}:${columnLetter(i + 1)}`).format.columnWidth = w * 7));
  }
  if (supports('ExcelApi', '1.7') && ws.freezePanes && plan.freeze.rows > 0) {
    ws.freezePanes.freezeAt(ws.getRange(`A1:${columnLetter(Math.max(1, plan.freeze.columns))}${plan.freeze.rows}`));
  }
  return JSON.stringify(matrix).length * 2 + JSON.stringify(formats).length;
}

/** Queues the planned sheets; a sync between sheets only past the 5 MB request limit. */
export async function applyPlanSheets(context: RequestContext, sheets: SheetPlan[], supports: SetSupport): Promise<void> {
  let payload = 0;
  for (const sheet of sheets) {
    if (payload > PAYLOAD_LIMIT) {
      await context.sync();
      payload = 0;
    }
    payload += writeSheet(context.workbook.worksheets.add(sheet.name), sheet, supports);
  }
}

/** Inserts the planned sheets: one sync for all of them (more only past the 5 MB request limit). */
export async function applyPlan(context: RequestContext, plan: WorkbookPlan, supports: SetSupport): Promise<void> {
  if (supports('ExcelApi', '1.6')) context.application?.suspendApiCalculationUntilNextSync();
  await applyPlanSheets(context, plan.sheets, supports);
  await context.sync();
}

/** Queues fill/recalc edits: row insertions (bottom-up, Excel adjusts formulas), then cells. */
export function queueEdits(context: RequestContext, edits: Edit[]): void {
  const sheets = context.workbook.worksheets;
  const inserts = edits.filter((e): e is Extract<Edit, { op: 'insertRows' }> => e.op === 'insertRows').sort((a, b) => b.before - a.before);
  for (const e of inserts) sheets.getItem(e.sheet).getRange(`${e.before}:${e.before + e.count - 1}`).insert('Down');
  for (const e of edits) {
    if (e.op === 'insertRows') continue;
    const r = sheets.getItem(e.sheet).getRange(e.address);
    if (e.op === 'setValue') {
      r.values = [[e.value ?? '']];
      if (e.bold) r.format.font.bold = true;
    } else {
      r.formulas = [[`=${formulaText(e.formula)}`]];
    }
  }
}

/** Applies fill/recalc edits in one sync. */
export async function applyEdits(context: RequestContext, edits: Edit[], supports: SetSupport): Promise<void> {
  if (supports('ExcelApi', '1.6')) context.application?.suspendApiCalculationUntilNextSync();
  queueEdits(context, edits);
  await context.sync();
}

const FILLS: Record<Finding['severity'], string> = { error: '#FFC7CE', warning: '#FFE0B2', notice: '#DDEBF7' };
const RANK = { error: 0, warning: 1, notice: 2 } as const;

/** Marks the findings: fills, notes where the host has them (ExcelApi 1.18), the 检查结果 sheet.
 * The cells' original fills are loaded in the same batch, before they change, and returned so
 * the caller can keep them (document settings) for 清除标记. One sync. */
export async function annotate(context: RequestContext, report: Report, supports: SetSupport): Promise<{ sheet: string; address: string; fill: string | null }[]> {
  const byCell = new Map<string, Finding[]>();
  for (const f of report.findings) if (f.sheet && f.cell) byCell.set(`${f.sheet}\u0000${f.cell}`, [...(byCell.get(`${f.sheet}\u0000${f.cell}`) ?? []), f]);
  const sheets = context.workbook.worksheets;
  const originals: { sheet: string; address: string; range: Range }[] = [];
  for (const [key, findings] of byCell) {
    const [sheet, cell] = key.split('\u0000');
    const range = sheets.getItem(sheet).getRange(cell);
    // queued before the new colour, so the batch returns the cell's own fill
    range.format.fill.load('color');
    originals.push({ sheet, address: cell, range });
    const worst = findings.reduce((a, f) => (RANK[f.severity] < RANK[a] ? f.severity : a), 'notice' as Finding['severity']);
    range.format.fill.color = FILLS[worst];
    if (supports('ExcelApi', '1.18') && context.workbook.notes) context.workbook.notes.add(range, findings.map((f) => `【${SEVERITY_NAMES[f.severity]}】${f.message}`).join('\n'));
  }
  const results = sheets.add(RESULTS_SHEET);
  const header = ['严重程度', '工作表', '单元格', '规则', '说明', '应为', '实为'];
  const rows = report.findings.map((f) => [
    SEVERITY_NAMES[f.severity],
    f.sheet ?? '',
    f.sheet && f.cell ? `=HYPERLINK("#'${f.sheet.replace(/'/g, "''")}'!${f.cell}","${f.cell}")` : f.cell ?? '',
    f.rule,
    f.message,
    f.expected ?? '',
    f.actual ?? '',
  ]);
  results.getRange(`A1:G${rows.length + 1}`).formulas = [header, ...rows];
  results.getRange('A1:G1').format.font.bold = true;
  await context.sync();
  return originals.map((o) => ({ sheet: o.sheet, address: o.address, fill: o.range.format.fill.color ?? null }));
}

/** Puts the original fills back and removes the 检查结果 sheet. One sync (after reading names). */
export async function clearMarks(context: RequestContext, originals: { sheet: string; address: string; fill: string | null }[]): Promise<void> {
  const sheets = context.workbook.worksheets;
  sheets.load('items/name');
  await context.sync();
  for (const o of originals) {
    if (!sheets.items.some((s) => s.name === o.sheet)) continue;
    const fill = sheets.getItem(o.sheet).getRange(o.address).format.fill;
    if (o.fill && o.fill !== '#FFFFFF') fill.color = o.fill;
    else fill.clear();
  }
  if (sheets.items.some((s) => s.name === RESULTS_SHEET)) sheets.getItem(RESULTS_SHEET).delete();
  await context.sync();
}

/** Writes paragraphs into a 情况说明 sheet, replacing the one there is (`existing`: the sheet
 * names the command read already). One sync. */
export async function writeNarrativeSheet(context: RequestContext, name: string, lines: string[], existing: string[]): Promise<void> {
  const sheets = context.workbook.worksheets;
  if (existing.includes(name)) sheets.getItem(name).delete();
  const ws = sheets.add(name);
  ws.getRange(`A1:A${lines.length}`).values = lines.map((l) => [l]);
  ws.getRange('A:A').format.wrapText = true;
  await context.sync();
}
