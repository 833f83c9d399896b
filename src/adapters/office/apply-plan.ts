// Applies a command's plan to the open workbook in one write batch, whatever the number of rows,
// as the file host does (exceljs/apply-plan.ts): gongkai's marks removed first (cells' own fills
// put back, the notes it added deleted, its 检查结果 sheet removed), tables added, edits, marks
// and the 检查结果 sheet, the 情况说明 sheet. The cells' own fills are loaded in the same batch
// before they change; gongkai's record (originals, the sheets it made) is kept in the document's
// settings, so it replaces or removes only its own sheets and notes, never a user's.
import { columnLetter, sheetRef } from '../../core/a1';
import type { Severity } from '../../core/check/finding';
import { NOTE_HEADING } from '../../core/commands/check';
import { type BookPlan, MARK_FILLS, type ResultsSheet, type TextSheet } from '../../core/commands/plan';
import { ownSheetName, type Store } from '../../core/commands/store';
import { UserError } from '../../core/errors';
import type { Range, RangeFill, RequestContext, SetSupport } from './excel-api';
import { applyPrint } from './look';
import { cellKey, type ExistingNote } from './read-grid';
import { queueEdits, queueSheet, queueWidths } from './write-sheet';

/** The mark colours as Office.js writes them (#RRGGBB). */
const FILLS = Object.fromEntries(Object.entries(MARK_FILLS).map(([k, argb]) => [k, `#${argb.slice(2)}`])) as Record<Severity, string>;

/** Excel on the web refuses a request over 5 MB; past this many bytes new sheets go in parts. */
export const PAYLOAD_LIMIT = 4_500_000;

/** Where the host keeps gongkai's record: document settings in Excel. */
export interface StoreKeeper {
  read(): Store;
  write(store: Store): void;
}

export interface ApplyContext {
  context: RequestContext;
  supports: SetSupport;
  /** Every sheet name the command's read saw. */
  sheetNames: string[];
  /** The notes the read saw (ExcelApi 1.18), by cell. */
  notes: Map<string, ExistingNote>;
  keeper: StoreKeeper;
}

const argb = (color: string | null | undefined) => (color && /^#[0-9a-f]{6}$/i.test(color) && color.toUpperCase() !== '#FFFFFF' ? `FF${color.slice(1).toUpperCase()}` : null);

function writeResults(ctx: ApplyContext, results: ResultsSheet, name: string): void {
  const ws = ctx.context.workbook.worksheets.add(name);
  const rows = results.rows.map((r) => r.cells.map((c, i) => (i === 2 && r.link ? `=HYPERLINK("#${sheetRef(r.link.sheet, r.link.cell).replace(/"/g, '""')}","${r.link.cell}")` : c)));
  const width = results.columns.length;
  const last = columnLetter(width);
  const all = [results.columns.map((c) => c.header), ...(rows.length ? rows : [results.columns.map((_, i) => (i === 4 ? results.empty : ''))])];
  // text stays text: a message that starts with "=" is not a formula
  ws.getRange(`A1:${last}${all.length}`).numberFormat = all.map((row, i) => row.map((c, j) => (i > 0 && j !== 2 && typeof c === 'string' ? '@' : 'General')));
  ws.getRange(`A1:${last}${all.length}`).formulas = all;
  ws.getRange(`A1:${last}1`).format.font.bold = true;
  results.rows.forEach((r, i) => {
    ws.getRange(`A${i + 2}`).format.fill.color = FILLS[r.severity];
    if (r.link) {
      const font = ws.getRange(`C${i + 2}`).format.font;
      font.color = '#0563C1';
      font.underline = 'Single';
    }
  });
  if (results.rows.length) {
    const messages = ws.getRange(`E2:E${results.rows.length + 1}`).format;
    messages.wrapText = true;
    messages.verticalAlignment = 'Top';
  }
  queueWidths(ws, results.columns.map((c) => c.width), ctx.supports);
  if (ctx.supports('ExcelApi', '1.7')) ws.freezePanes.freezeRows(1);
}

function writeText(ctx: ApplyContext, text: TextSheet, name: string): void {
  const ws = ctx.context.workbook.worksheets.add(name);
  const n = Math.max(1, text.lines.length);
  const column = ws.getRange(`A1:A${n}`);
  column.numberFormat = Array.from({ length: n }, () => ['@']);
  column.values = Array.from({ length: n }, (_, i) => [text.lines[i] ?? '']);
  column.format.wrapText = true;
  column.format.verticalAlignment = 'Top';
  queueWidths(ws, [text.width], ctx.supports);
  applyPrint(ws, { orientation: text.print.orientation, margins: { left: 0.79, right: 0.79, top: 0.79, bottom: 0.79, header: 0.3, footer: 0.3 }, fitToWidth: true }, ctx.supports);
}

export async function applyBookPlan(ctx: ApplyContext, plan: BookPlan): Promise<{ restored: number }> {
  const { context, supports, notes } = ctx;
  const taken = plan.sheets.map((s) => s.name).filter((n) => ctx.sheetNames.includes(n));
  if (taken.length) throw new UserError(`工作簿里已有工作表“${taken.join('”“')}”，请先改名或删除再插入。`);
  if (supports('ExcelApi', '1.6')) context.workbook.application.suspendApiCalculationUntilNextSync();
  const sheets = context.workbook.worksheets;
  const store = ctx.keeper.read();
  let names = [...ctx.sheetNames];
  const noteApi = supports('ExcelApi', '1.18');
  /** Notes deleted in this batch (gongkai's own, from an earlier check). */
  const deleted = new Set<string>();
  let restored = 0;
  if (plan.clearMarks) {
    for (const o of store.originals) {
      if (!names.includes(o.sheet)) continue;
      const range = sheets.getItem(o.sheet).getRange(o.address);
      if (o.fill) range.format.fill.color = `#${o.fill.slice(2)}`;
      else range.format.fill.clear();
      const key = cellKey(o.sheet, o.address);
      const note = notes.get(key);
      if (o.note === null && note?.content.startsWith(NOTE_HEADING)) {
        note.note.delete();
        deleted.add(key);
      }
      restored++;
    }
    for (const own of store.owned.filter((s) => s.kind === 'results')) {
      if (names.includes(own.name)) sheets.getItem(own.name).delete();
      names = names.filter((n) => n !== own.name);
    }
    store.originals = [];
    store.owned = store.owned.filter((s) => s.kind !== 'results');
  }
  let payload = 0;
  for (const sheet of plan.sheets) {
    if (payload > PAYLOAD_LIMIT) {
      // eslint-disable-next-line office-addins/no-context-sync-in-loop -- only past Excel on the web's 5 MB request limit
      await context.sync();
      payload = 0;
    }
    payload += queueSheet(sheets.add(sheet.name), sheet, supports);
    names.push(sheet.name);
  }
  if (plan.edits.length) queueEdits(context, plan.edits, supports);
  const marked: { sheet: string; address: string; fill: RangeFill; note: string | null }[] = [];
  for (const m of plan.marks) {
    if (!names.includes(m.sheet)) continue;
    const range: Range = sheets.getItem(m.sheet).getRange(m.address);
    // queued before the new colour, so the batch returns the cell's own fill
    const fill = range.format.fill.load('color');
    const key = cellKey(m.sheet, m.address);
    const users = deleted.has(key) ? undefined : notes.get(key);
    marked.push({ sheet: m.sheet, address: m.address, fill, note: users ? users.content : null });
    range.format.fill.color = FILLS[m.severity];
    // a cell with a user's note keeps it; the finding is on the 检查结果 sheet
    if (noteApi && !users) context.workbook.notes.add(range, m.note);
  }
  if (plan.results) {
    const { name, replaces } = ownSheetName(plan.results.name, names, store.owned.filter((s) => s.kind === 'results').map((s) => s.name));
    if (replaces) sheets.getItem(name).delete();
    writeResults(ctx, plan.results, name);
    if (!replaces) store.owned.push({ name, kind: 'results' });
    names.push(name);
  }
  if (plan.text) {
    const { name, replaces } = ownSheetName(plan.text.name, names, store.owned.filter((s) => s.kind === 'text').map((s) => s.name));
    if (replaces) sheets.getItem(name).delete();
    writeText(ctx, plan.text, name);
    if (!replaces) store.owned.push({ name, kind: 'text' });
  }
  await context.sync();
  for (const m of marked) store.originals.push({ sheet: m.sheet, address: m.address, fill: argb(m.fill.color), note: m.note });
  if (plan.clearMarks || plan.marks.length || plan.results || plan.text) ctx.keeper.write(store);
  return { restored };
}
