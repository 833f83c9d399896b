// The command layer: two code tables on one sheet filled in one plan (the lower table moved by
// the rows inserted above it), the same plan from every reader of the same file, and commands
// that are safe to repeat (fill→fill, check→check→clear leave what one run leaves).
import ExcelJS from 'exceljs';
import { applyBookPlan } from '../src/adapters/exceljs/apply-plan';
import { readWorkbookGrid } from '../src/adapters/exceljs/read-grid';
import { nodeResources } from '../src/adapters/node/templates';
import { readXlsxGrid } from '../src/adapters/xlsx/read-xlsx';
import { Zip } from '../src/adapters/node/zip';
import { checkCommand, clearCommand } from '../src/core/commands/check';
import { fillCommand, recalcCommand } from '../src/core/commands/code-tables';
import { narrateCommand } from '../src/core/commands/narrate';
import { runCommand } from '../src/core/commands/run';
import { STORE_SHEET } from '../src/core/commands/store';
import { random, readWorkbook } from './helpers/workbook';
import { sampleWorkbook } from './helpers/sample';

const res = nodeResources();

/** Detail codes of 2025 (项, 7 digits) under a few 类, drawn by a seeded generator. */
function detailCodes(seed: number, n: number): string[] {
  const rnd = random(seed);
  const all = res.catalogs(2025).function!.entries().filter((e) => e.code.length === 7 && /^20[1-8]/.test(e.code)).map((e) => e.code);
  const picked = new Set<string>();
  while (picked.size < n) picked.add(all[Math.floor(rnd() * all.length)]);
  return [...picked].sort();
}

/** A sheet with two stripped code tables, one under the other, as a department pastes them. */
function twoTables(seed: number): { wb: ExcelJS.Workbook; codes: string[][] } {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('支出明细');
  const codes = [detailCodes(seed, 4 + (seed % 3)), detailCodes(seed + 99, 3 + (seed % 4))];
  const titles = ['2025年一般公共预算支出表', '2025年政府性基金预算支出表'];
  codes.forEach((list, t) => {
    if (t === 1) ws.addRows([[], []]);
    ws.addRow([titles[t]]);
    ws.addRow(['单位：万元']);
    ws.addRow(['科目编码', '科目名称', '合计', '基本支出', '项目支出']);
    ws.addRow(['', '合计', null, null, null]);
    list.forEach((code, i) => ws.addRow([code, '', (i + 1) * 3, i + 1, (i + 1) * 2]));
  });
  return { wb, codes };
}

async function roundTrip(wb: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  return readWorkbook(Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer));
}

function text(ws: ExcelJS.Worksheet, row: number, col: number): string {
  const v = ws.getCell(row, col).value;
  return v === null || v === undefined ? '' : typeof v === 'object' && 'formula' in v ? `=${v.formula}` : String(v);
}

describe('two code tables on one sheet', () => {
  it.each([1, 2, 3, 4, 5, 6])('fill puts every name and formula of the lower table on its own rows (seed %i)', async (seed) => {
    const { wb, codes } = twoTables(seed);
    const { plan, report } = fillCommand(readWorkbookGrid(wb), res, '两表.xlsx', { year: 2025 });
    applyBookPlan(wb, plan);
    const ws = (await roundTrip(wb)).getWorksheet('支出明细')!;
    // every detail code keeps its amounts and gets its catalog name on the same row
    const catalog = res.catalogs(2025).function!;
    const rows = Array.from({ length: ws.rowCount }, (_, i) => i + 1);
    for (const code of codes.flat()) {
      const row = rows.find((r) => text(ws, r, 1) === code)!;
      expect(text(ws, row, 2)).toBe(catalog.get(code)!.name);
    }
    // each 合计 row holds a formula, and it is the row that says 合计
    const totals = rows.filter((r) => text(ws, r, 2) === '合计');
    expect(totals).toHaveLength(2);
    for (const r of totals) expect(text(ws, r, 3)).toMatch(/^=/);
    // nothing written on the unit line or the title of the lower table
    const unit = rows.filter((r) => text(ws, r, 1) === '单位：万元');
    for (const r of unit) expect([2, 3, 4, 5].map((c) => text(ws, r, c))).toEqual(['', '', '', '']);
    // the report's cells are where the names now are
    for (const c of report.tables[1].changes.filter((c) => c.kind === 'nameWritten')) expect(ws.getCell(c.cell).value).toBeTruthy();
    // recalculated from the written file, the totals agree with the detail rows
    const again = recalcCommand(readWorkbookGrid(await roundTrip(wb)), res, '两表.xlsx', { formulas: false });
    expect(again.report.tables.flatMap((t) => t.changes).filter((c) => c.kind === 'totalWrong')).toEqual([]);
  });
});

describe('one plan whatever reads the file', () => {
  it('the direct reader and exceljs give the same plan for fill, recalc, check and narrate', async () => {
    const wb = await sampleWorkbook('budget-2025');
    const bytes = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const viaExceljs = readWorkbookGrid(await readWorkbook(bytes));
    const viaZip = readXlsxGrid(new Zip(bytes, 1 << 28), { maxRows: 1_048_576 });
    for (const grid of [viaExceljs, viaZip]) expect(grid.sheets.length).toBeGreaterThan(5);
    const plans = [viaExceljs, viaZip].map((grid) => [
      fillCommand(grid, res, 'a.xlsx').plan,
      recalcCommand(grid, res, 'a.xlsx', { formulas: true }).plan,
      checkCommand(grid, res, 'a.xlsx', { mark: true }).plan,
      narrateCommand({ file: 'a.xlsx', grid }, res).plan,
      runCommand({ command: 'check', mark: true }, grid, res, 'a.xlsx').plan,
    ]);
    expect(plans[1]).toEqual(plans[0]);
  });
});

describe('safe to repeat', () => {
  async function snapshot(wb: ExcelJS.Workbook): Promise<unknown> {
    const back = await roundTrip(wb);
    return back.worksheets.map((ws) => {
      const cells: unknown[] = [];
      ws.eachRow({ includeEmpty: false }, (row, r) => row.eachCell({ includeEmpty: false }, (c, col) => cells.push([r, col, c.value, c.style, c.note ?? null])));
      return { name: ws.name, state: ws.state, merges: (ws.model as { merges?: string[] }).merges ?? [], widths: ws.columns?.map((c) => c.width ?? null) ?? [], cells };
    });
  }

  it('fill then fill leaves what one fill leaves', async () => {
    const { wb } = twoTables(7);
    applyBookPlan(wb, fillCommand(readWorkbookGrid(wb), res, 'x', { year: 2025 }).plan);
    const once = await snapshot(wb);
    const second = fillCommand(readWorkbookGrid(await roundTrip(wb)), res, 'x', { year: 2025 });
    expect(second.plan.edits.filter((e) => e.op === 'insertRows')).toEqual([]);
    applyBookPlan(wb, second.plan);
    expect(await snapshot(wb)).toEqual(once);
  });

  it('check, check, clear leaves the workbook as it was, with a user’s own 检查结果 sheet and notes kept', async () => {
    const wb = await sampleWorkbook('budget-2025');
    const ws = wb.worksheets[2];
    ws.getCell('C9').value = 12345.67;
    ws.getCell('C9').note = '会计的批注';
    ws.getCell('C9').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF00FF00' } };
    const mine = wb.addWorksheet('检查结果');
    mine.getCell('A1').value = '我自己的检查记录';
    const original = await snapshot(wb);
    for (let i = 0; i < 2; i++) {
      const grid = readWorkbookGrid(await roundTrip(wb));
      applyBookPlan(wb, checkCommand(grid, res, 'x', { mark: true }).plan);
    }
    const marked = await roundTrip(wb);
    expect(marked.getWorksheet('检查结果')!.getCell('A1').value).toBe('我自己的检查记录');
    expect(marked.getWorksheet('检查结果(2)')!.getCell('A1').value).toBe('严重程度');
    expect(marked.worksheets.filter((w) => w.name.startsWith('检查结果'))).toHaveLength(2);
    expect(marked.getWorksheet(STORE_SHEET)!.state).toBe('veryHidden');
    const applied = applyBookPlan(wb, clearCommand().plan);
    expect(applied.restored).toBeGreaterThan(0);
    expect(await snapshot(wb)).toEqual(original);
  });

  it('a store sheet with content that is not gongkai’s is kept and does not stop check or clear', async () => {
    const wb = await sampleWorkbook('budget-2025');
    const store = wb.addWorksheet(STORE_SHEET, { state: 'veryHidden' });
    store.getCell('A1').value = '别人的内容';
    store.getCell('A2').value = '{"sheet":1}';
    applyBookPlan(wb, checkCommand(readWorkbookGrid(wb), res, 'x', { mark: true }).plan);
    applyBookPlan(wb, clearCommand().plan);
    const back = await roundTrip(wb);
    expect(back.getWorksheet(STORE_SHEET)!.getColumn(1).values.filter(Boolean)).toEqual(['别人的内容', '{"sheet":1}']);
    expect(back.getWorksheet('检查结果')).toBeUndefined();
  });

  it('narrate twice replaces its own 情况说明 sheet and never a user’s', async () => {
    const wb = await sampleWorkbook('budget-2025');
    wb.addWorksheet('情况说明').getCell('A1').value = '会计自己写的说明';
    for (let i = 0; i < 2; i++) applyBookPlan(wb, narrateCommand({ file: 'x', grid: readWorkbookGrid(await roundTrip(wb)) }, res).plan);
    const back = await roundTrip(wb);
    expect(back.getWorksheet('情况说明')!.getCell('A1').value).toBe('会计自己写的说明');
    const ours = back.getWorksheet('情况说明(2)')!;
    expect(String(ours.getCell('A1').value)).toMatch(/情况说明$/);
    expect(back.worksheets.filter((w) => w.name.startsWith('情况说明'))).toHaveLength(2);
    expect(ours.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait', fitToWidth: 1 });
    expect(ours.getCell('A2').alignment).toMatchObject({ wrapText: true });
  });
});
