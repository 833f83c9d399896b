// Applies a command's plan to the open workbook: one write batch after the reads, whatever the
// number of rows. The cells' own fills are loaded in the same batch before they change, and
// gongkai's record (originals, the sheets it made) is kept in the document's settings.
import type { Severity } from '../../core/check/finding';
import type { BookPlan } from '../../core/commands/plan';
import { ownSheetName, type Store } from '../../core/commands/store';
import { applyPlanSheets, queueEdits } from './adapter';
import type { Range, RequestContext, SetSupport } from './excel-api';

const FILLS: Record<Severity, string> = { error: '#FFC7CE', warning: '#FFE0B2', notice: '#DDEBF7' };

/** Where the host keeps gongkai's record: document settings in Excel. */
export interface StoreKeeper {
  read(): Store;
  write(store: Store): void;
}

export interface ApplyContext {
  context: RequestContext;
  supports: SetSupport;
  /** The sheet names the command's read saw. */
  sheetNames: string[];
  keeper: StoreKeeper;
}

export async function applyBookPlan({ context, supports, sheetNames, keeper }: ApplyContext, plan: BookPlan): Promise<{ restored: number }> {
  if (supports('ExcelApi', '1.6')) context.application?.suspendApiCalculationUntilNextSync();
  const sheets = context.workbook.worksheets;
  const store = keeper.read();
  let names = [...sheetNames];
  let restored = 0;
  const notes = supports('ExcelApi', '1.18') ? context.workbook.notes : undefined;
  if (plan.clearMarks) {
    for (const o of store.originals) {
      if (!names.includes(o.sheet)) continue;
      const range = sheets.getItem(o.sheet).getRange(o.address);
      if (o.fill && o.fill !== 'FFFFFFFF') range.format.fill.color = `#${o.fill.slice(2)}`;
      else range.format.fill.clear();
      if (notes?.getItemOrNullObject) notes.getItemOrNullObject(`'${o.sheet.replace(/'/g, "''")}'!${o.address}`).delete();
      restored++;
    }
    for (const own of store.owned.filter((s) => s.kind === 'results')) {
      if (names.includes(own.name)) sheets.getItem(own.name).delete();
      names = names.filter((n) => n !== own.name);
    }
    store.originals = [];
    store.owned = store.owned.filter((s) => s.kind !== 'results');
  }
  await applyPlanSheets(context, plan.sheets, supports);
  names.push(...plan.sheets.map((s) => s.name));
  if (plan.edits.length) queueEdits(context, plan.edits);
  const marked: { sheet: string; address: string; range: Range }[] = [];
  for (const m of plan.marks) {
    const range = sheets.getItem(m.sheet).getRange(m.address);
    // queued before the new colour, so the batch returns the cell's own fill
    range.format.fill.load('color');
    marked.push({ sheet: m.sheet, address: m.address, range });
    range.format.fill.color = FILLS[m.severity];
    if (notes) notes.add(range, m.note);
  }
  if (plan.results) {
    const { name } = ownSheetName(plan.results.name, names, []);
    const ws = sheets.add(name);
    const rows = plan.results.rows.map((r) => r.cells.map((c, i) => (i === 2 && r.link ? `=HYPERLINK("#'${r.link.sheet.replace(/'/g, "''")}'!${r.link.cell}","${r.link.cell}")` : c)));
    const all = [plan.results.columns.map((c) => c.header), ...(rows.length ? rows : [['', '', '', '', plan.results.empty, '', '']])];
    ws.getRange(`A1:G${all.length}`).formulas = all;
    ws.getRange('A1:G1').format.font.bold = true;
    if (supports('ExcelApi', '1.2')) plan.results.columns.forEach((c, i) => (ws.getRange(`${String.fromCharCode(65 + i)}:${String.fromCharCode(65 + i)}`).format.columnWidth = columnPoints(c.width)));
    store.owned.push({ name, kind: 'results' });
    names.push(name);
  }
  if (plan.text) {
    const { name, replaces } = ownSheetName(plan.text.name, names, store.owned.filter((s) => s.kind === 'text').map((s) => s.name));
    if (replaces) sheets.getItem(name).delete();
    const ws = sheets.add(name);
    ws.getRange(`A1:A${plan.text.lines.length}`).values = plan.text.lines.map((l) => [l]);
    const col = ws.getRange('A:A');
    col.format.wrapText = true;
    if (supports('ExcelApi', '1.2')) col.format.columnWidth = columnPoints(plan.text.width);
    if (supports('ExcelApi', '1.9') && ws.pageLayout) {
      ws.pageLayout.orientation = 'Portrait';
      ws.pageLayout.paperSize = 'A4';
    }
    if (!replaces) store.owned.push({ name, kind: 'text' });
  }
  await context.sync();
  for (const m of marked) {
    const color = m.range.format.fill.color;
    store.originals.push({ sheet: m.sheet, address: m.address, fill: color && /^#[0-9a-f]{6}$/i.test(color) ? `FF${color.slice(1).toUpperCase()}` : null, note: null });
  }
  keeper.write(store);
  return { restored };
}

/** Column width in points for a width in characters (Excel: 7 px per character plus 5 px padding, 0.75 pt per px). */
export function columnPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}
