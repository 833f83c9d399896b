// `gongkai compare` on real published budgets (上海市普陀区万里街道 2024, 2025) whose 情况说明 quotes
// the tables: the workbook is built from the PDF's own recognised tables (amounts typed as numbers,
// the narrative left out), so the pair agrees; one figure the narrative states, changed in the
// workbook, gives exactly its figure difference and a 'narrative' difference on the PDF page that
// states it.
import ExcelJS from 'exceljs';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readPdfPages } from '../src/adapters/pdf/read-pdf';
import { nodeResources } from '../src/adapters/node/templates';
import { address } from '../src/core/a1';
import { openBook } from '../src/core/check/check';
import type { CompareReport } from '../src/core/compare/compare';
import { getCell, squash } from '../src/core/grid';
import { layoutPages } from '../src/core/pdf-layout/layout';
import type { RecognizedTable } from '../src/core/recognize/tables';
import { run } from './helpers/cli';
import { tmpDir } from './helpers/tmp';

const tmp = tmpDir('compare-narrative');
const fixtures = path.join(__dirname, 'fixtures', 'pdf');
const res = nodeResources();

/** Each PDF, and the one figure to change: a table cell the 情况说明 quotes (in 万元). */
const CASES = [
  {
    pdf: 'pt-wljd-2025-budget.pdf',
    target: { table: 'budget.07', row: 'single', column: 'total', to: 39.71 },
    narrative: { page: 30, label: '“三公”经费', stated: 37.91, table: 39.71, sentence: '2025年“三公”经费预算数为37.91万元' },
  },
  {
    pdf: 'pt-wljd-2024-budget.pdf',
    target: { table: 'budget.01', row: 'incomeTotal', column: 'income', to: 156_213_123 },
    narrative: { page: 6, label: '收入总计', stated: 15621.11, table: 15621.31, sentence: '收入预算15621.11万元' },
  },
] as const;

/** Excel's rules for a sheet name: at most 31 characters, none of []:*?/\ */
const sheetName = (s: string) => s.replace(/^第\d+页\s*/, '').replace(/[[\]:*?/\\]/g, '').slice(0, 31);

/** The PDF's recognised tables written as a workbook: one sheet per table, each cell where the PDF
 * layout put it, amounts typed as numbers. The 情况说明 and other text are not written. */
async function workbookFromPdf(pdf: string, out: string) {
  const layout = layoutPages(await readPdfPages(pdf, fs.readFileSync(pdf)));
  const { book } = openBook({ grid: layout.grid, specs: res.specs, catalogs: res.catalogs, year: null });
  const tables = book.recognition.tables;
  const wb = new ExcelJS.Workbook();
  const names = new Map<string, string>();
  for (const t of tables) {
    const sheet = layout.grid.sheets.find((s) => s.name === t.sheet)!;
    const ws = wb.addWorksheet(sheetName(sheet.name));
    names.set(t.sheet, ws.name);
    const rows = new Set(t.rows.map((r) => r.row));
    const amounts = new Set(t.spec.blocks.flatMap((b) => b.columns.filter((c) => c.role === 'amount').map((c) => t.columns.get(c.key))));
    for (const [r, cells] of sheet.rows) {
      for (const [c, cell] of cells) {
        const text = String(cell.value);
        const x = ws.getCell(r, c);
        if (rows.has(r) && amounts.has(c) && /^-?[\d,]+(\.\d+)?$/.test(text)) {
          x.value = Number(text.replace(/,/g, ''));
          x.numFmt = '#,##0.00';
        } else x.value = text;
      }
    }
  }
  await wb.xlsx.writeFile(out);
  return { tables, names, layout };
}

/** The cell of a recognised table at (row key, column key). */
function cellOf(t: RecognizedTable, row: string, column: string): string {
  return address(t.rows.find((r) => r.key === row)!.row, t.columns.get(column)!);
}

describe.each(CASES)('gongkai compare on $pdf and a workbook of its tables', (c) => {
  const pdf = path.join(fixtures, c.pdf);
  const workbook = path.join(tmp, c.pdf.replace(/\.pdf$/, '.xlsx'));
  let built: Awaited<ReturnType<typeof workbookFromPdf>>;

  beforeAll(async () => {
    built = await workbookFromPdf(pdf, workbook);
  });

  it('the PDF has a 情况说明 that states the figure, and the workbook does not', async () => {
    const narrative = built.layout.grid.sheets.filter((s) => s.name.startsWith(`第${c.narrative.page}页`));
    const texts = narrative.flatMap((s) => [...s.rows.values()].flatMap((r) => [...r.values()].map((x) => squash(String(x.value)))));
    expect(texts.some((t) => t.includes(c.narrative.sentence))).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(workbook);
    expect(wb.worksheets).toHaveLength(9);
    expect(wb.worksheets.every((ws) => !/说明/.test(ws.name))).toBe(true);
  });

  it('finds no difference between the workbook and its PDF', async () => {
    const r = await run(['compare', workbook, pdf, '--json']);
    const report = JSON.parse(r.out) as CompareReport;
    expect(report.differences).toEqual([]);
    expect(r.code).toBe(0);
    expect(report.tables).toHaveLength(9);
    // the one-row “三公”经费 table is compared too (上年 and 本年 blocks alike)
    expect(report.tables.every((t) => t.workbook && t.pdf && t.figures > 0)).toBe(true);
  });

  it('after one figure the 情况说明 states is changed: that figure, and the sentence that states it', async () => {
    const { table, row, column, to } = c.target;
    const t = built.tables.find((x) => x.spec.id === table)!;
    const cell = cellOf(t, row, column);
    const sheet = built.names.get(t.sheet)!;
    const printed = getCell(built.layout.grid.sheets.find((s) => s.name === t.sheet)!, t.rows.find((r) => r.key === row)!.row, t.columns.get(column)!)!;

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(workbook);
    const ws = wb.getWorksheet(sheet)!;
    expect(typeof ws.getCell(cell).value).toBe('number'); // typed, not a formula
    expect(ws.getCell(cell).value).not.toBe(to);
    ws.getCell(cell).value = to;
    const changed = path.join(tmp, `改过一格-${c.pdf.replace(/\.pdf$/, '.xlsx')}`);
    await wb.xlsx.writeFile(changed);

    const r = await run(['compare', changed, pdf, '--json']);
    const report = JSON.parse(r.out) as CompareReport;
    expect(r.code).toBe(1);
    expect(report.differences.map((d) => d.type).sort()).toEqual(['figure', 'narrative']);

    const figure = report.differences.find((d) => d.type === 'figure')!;
    expect(figure).toMatchObject({ table, workbookValue: to, workbook: { sheet, cell }, pdf: { sheet: t.sheet, cell, text: String(printed.value) } });
    expect(figure.pdf!.page).toBeGreaterThan(0);

    const narrative = report.differences.find((d) => d.type === 'narrative')!;
    expect(narrative).toMatchObject({ workbookValue: c.narrative.table, pdfValue: c.narrative.stated, workbook: { sheet, cell } });
    expect(narrative.pdf!.page).toBe(c.narrative.page);
    expect(narrative.pdf!.box).toHaveLength(4);
    expect(squash(narrative.pdf!.text)).toContain(c.narrative.sentence);
    expect(narrative.message).toContain(`${c.narrative.label} 写的是 ${c.narrative.stated} 万元`);
    expect(narrative.message).toContain(`第${c.narrative.page}页`);
    // a figure changed in the workbook since printing: no guess that the text named another figure
    expect(narrative.message).not.toContain('可能把');

    const text = await run(['compare', changed, pdf]);
    expect(text.out).toContain('发现 2 处不同');
    expect(text.out).toContain(`情况说明（PDF 第${c.narrative.page}页）`);
  });
});

it('a figure the PDF prints blank: the difference names the page its row is printed on (a blank has no box)', async () => {
  const pdf = path.join(fixtures, 'pt-wljd-2025-budget.pdf');
  const out = path.join(tmp, 'blank.xlsx');
  const { tables, names } = await workbookFromPdf(pdf, out);
  const t = tables.find((x) => x.spec.id === 'budget.01')!;
  const cell = cellOf(t, 'gf', 'income');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const ws = wb.getWorksheet(names.get(t.sheet)!)!;
  expect(String(ws.getCell(cell).value ?? '').trim()).toBe('');
  ws.getCell(cell).value = 500000;
  await wb.xlsx.writeFile(out);
  const r = await run(['compare', out, pdf, '--json']);
  expect(r.code).toBe(1);
  const report = JSON.parse(r.out) as CompareReport;
  expect(report.differences).toEqual([expect.objectContaining({ type: 'figure', table: 'budget.01', workbookValue: 500000, pdf: expect.objectContaining({ page: 9 }) })]);
  expect(report.differences[0].pdf!.box).toBeUndefined();
  expect((await run(['compare', out, pdf])).out).toContain('PDF 第9页印的是 空白');
});
