// A disclosure as LibreOffice prints it: our own templates (预算 and 决算) with the sample data,
// recalculated by LibreOffice and printed to PDF, read back clean; one figure edited in the PDF's
// text layer is found and nothing else; `compare` finds no difference, and exactly one after a
// workbook edit.
import ExcelJS from 'exceljs';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readPdfPages } from '../../src/adapters/pdf/read-pdf';
import { layoutPages } from '../../src/core/pdf-layout/layout';
import { textAt } from '../../src/core/grid';
import type { Report } from '../../src/core/check/finding';
import type { CompareReport } from '../../src/core/compare/compare';
import { run } from '../helpers/cli';
import { tmpDir } from '../helpers/tmp';
import { convert } from './libreoffice';
import { editPrintedAmount } from './pdf-text-edit';

const tmp = tmpDir('pdf-lo');
const samples = path.join(__dirname, '..', '..', 'templates', 'sample');

/** Each template: its sample data, the tables it prints, and one 行政运行 amount to edit (in the
 * PDF: a row total, a term of its 款's total; in the workbook: a typed 基本支出). */
const CASES = [
  {
    kind: 'budget',
    name: '示例预算',
    data: 'budget-2025.json',
    tables: ['budget.01', 'budget.02', 'budget.03', 'budget.04', 'budget.05', 'budget.06', 'budget.07', 'budget.08', 'budget.09'],
    year: 2025,
    printed: { title: '一般公共预算支出表', text: '386.42', edited: '368.42', value: 368.42 },
    typed: { sheet: '预算05表 一般公共预算支出表', label: 'B9', cell: 'D9', value: 386.42, text: '386.42', changed: 386.24, shown: '386.24', table: 'budget.05' },
  },
  {
    kind: 'final',
    name: '示例决算',
    data: 'final-2024.json',
    tables: ['final.01', 'final.02', 'final.03', 'final.04', 'final.05', 'final.06', 'final.07', 'final.08', 'final.09'],
    // the 决算 template prints its year on each table's unit line
    year: 2024,
    printed: { title: '一般公共预算财政拨款支出决算表', text: '3,702,456.18', edited: '3,702,465.18', value: 3702465.18 },
    typed: { sheet: '公开05表 一般公共预算财政拨款支出决算表', label: 'B10', cell: 'D10', value: 3702456.18, text: '3,702,456.18', changed: 3702465.18, shown: '3,702,465.18', table: 'final.05' },
  },
] as const;

const printed = new Map<string, { workbook: string; pdf: string }>();

/** The printed cell of a PDF sheet whose row label starts with `code` in the table titled `title`. */
async function printedCell(file: string, title: string, code: string, col: number) {
  const layout = layoutPages(await readPdfPages(file, fs.readFileSync(file)));
  const sheet = layout.grid.sheets.find((s) => s.name.endsWith(title))!;
  let row = 0;
  for (let r = 1; r <= sheet.rowCount && !row; r++) if (textAt(sheet, r, 1) === code) row = r;
  const cell = `${String.fromCharCode(64 + col)}${row}`;
  return { sheet: sheet.name, cell, text: textAt(sheet, row, col), box: layout.boxes.get(sheet.name)!.get(cell)! };
}

beforeAll(async () => {
  const workbooks: string[] = [];
  for (const c of CASES) {
    const workbook = path.join(tmp, `${c.name}.xlsx`);
    expect((await run(['template', '--kind', c.kind, '--data', path.join(samples, c.data), '-o', workbook])).code).toBe(0);
    workbooks.push(workbook);
  }
  // cached results written as they are; LibreOffice's profile forces recalculation on load
  const pdfs = convert(workbooks, 'pdf', tmp);
  CASES.forEach((c, i) => printed.set(c.kind, { workbook: workbooks[i], pdf: pdfs[i] }));
});

describe.each(CASES)('gongkai check on the PDF LibreOffice prints from the $kind template', (c) => {
  it('reads every table and finds nothing', async () => {
    const { pdf } = printed.get(c.kind)!;
    const r = await run(['check', pdf, '--json']);
    const report = JSON.parse(r.out) as Report;
    expect(report.findings).toEqual([]);
    expect(r.code).toBe(0);
    expect(report.tables.map((t) => t.id).sort()).toEqual(c.tables);
    expect(report.kind).toBe(c.kind);
    expect(report.year).toBe(c.year);
  });

  it('one amount edited in the text layer (a term of totals) gives exactly the findings on that cell', async () => {
    // 2010301 行政运行, 合计 (小计): a term of 20103's total and the sum of its own row
    const { pdf } = printed.get(c.kind)!;
    const { title, text, edited: to, value } = c.printed;
    const target = await printedCell(pdf, title, '2010301', 3);
    expect(target.text).toBe(text);
    const size = target.box.y1 - target.box.y0;
    const edited = path.join(tmp, `改过一个数-${c.kind}.pdf`);
    // the baseline sits a quarter of the glyph size above the box's bottom (see layout.ts boxOf)
    fs.writeFileSync(edited, editPrintedAmount(fs.readFileSync(pdf), { x: target.box.x0, y: target.box.y0 + size * 0.2 }, text, to));
    expect((await printedCell(edited, title, '2010301', 3)).text).toBe(to);

    const r = await run(['check', edited, '--json']);
    const report = JSON.parse(r.out) as Report;
    expect(r.code).toBe(1);
    expect(report.findings.length).toBeGreaterThan(0);
    const ref = `'${target.sheet}'!${target.cell}`;
    for (const f of report.findings) expect(f.sheet === target.sheet ? [f.cell, ...f.cells] : f.cells).toContain(f.sheet === target.sheet ? target.cell : ref);
    const own = report.findings.find((f) => f.cell === target.cell)!;
    expect(own.severity).toBe('error');
    expect(own.actual).toBe(value);
    expect(own.location).toMatchObject({ page: target.box.page, text: to });
  });
});

describe.each(CASES)('gongkai compare on the $kind workbook and the PDF printed from it', (c) => {
  it('finds no difference', async () => {
    const { workbook, pdf } = printed.get(c.kind)!;
    const r = await run(['compare', workbook, pdf, '--json']);
    const report = JSON.parse(r.out) as CompareReport;
    expect(report.differences).toEqual([]);
    expect(r.code).toBe(0);
    expect(report.tables).toHaveLength(9);
    expect(report.tables.every((t) => t.workbook && t.pdf && t.figures > 0)).toBe(true);
    const text = await run(['compare', workbook, pdf]);
    expect(text.out).toContain('工作簿与 PDF 一致');
  });

  it('after one amount cell is edited in the workbook: exactly that difference', async () => {
    const { workbook, pdf } = printed.get(c.kind)!;
    const { sheet, label, cell, value, changed: to, shown, table } = c.typed;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(workbook);
    const ws = wb.getWorksheet(sheet)!;
    expect(ws.getCell(label).value).toBe('行政运行');
    expect(ws.getCell(cell).value).toBe(value); // typed, not a formula
    ws.getCell(cell).value = to;
    const changed = path.join(tmp, `改过一格-${c.kind}.xlsx`);
    await wb.xlsx.writeFile(changed);

    const r = await run(['compare', changed, pdf, '--json']);
    const report = JSON.parse(r.out) as CompareReport;
    expect(r.code).toBe(1);
    expect(report.differences).toHaveLength(1);
    const [d] = report.differences;
    expect(d).toMatchObject({ type: 'figure', table, code: '2010301', row: '行政运行', workbookValue: to, pdfValue: value });
    expect(d.workbook).toMatchObject({ sheet, cell });
    expect(d.pdf).toMatchObject({ text: c.typed.text });
    expect(d.pdf!.page).toBeGreaterThan(0);
    expect(d.pdf!.box).toHaveLength(4);
    expect(d.column).toContain('基本支出');
    const text = await run(['compare', changed, pdf]);
    expect(text.out).toContain('发现 1 处不同');
    expect(text.out).toContain(shown);
  });
});

describe('gongkai compare given its files the wrong way round', () => {
  it('refuses a PDF given as the workbook, and a workbook given as the PDF (exit 2)', async () => {
    const { workbook, pdf } = printed.get('budget')!;
    const a = await run(['compare', pdf, workbook]);
    expect(a.code).toBe(2);
    expect(a.err).toContain('第一个文件应为公开表工作簿');
    const b = await run(['compare', workbook, workbook]);
    expect(b.code).toBe(2);
    expect(b.err).toContain('不是 PDF 文件');
  });
});
