// A disclosure as LibreOffice prints it: our own template with the sample data, recalculated by
// LibreOffice and printed to PDF, reads back clean; one figure edited in the PDF's text layer is
// found and nothing else; `compare` finds no difference, and exactly one after a workbook edit.
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
const sample = path.join(__dirname, '..', '..', 'templates', 'sample', 'budget-2025.json');
const workbook = path.join(tmp, '示例预算.xlsx');
let pdf = '';

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
  expect((await run(['template', '--kind', 'budget', '--data', sample, '-o', workbook])).code).toBe(0);
  // cached results written as they are; LibreOffice's profile forces recalculation on load
  [pdf] = convert([workbook], 'pdf', tmp);
});

describe('gongkai check on the PDF LibreOffice prints from the sample template', () => {
  it('reads every table and finds nothing', async () => {
    const r = await run(['check', pdf, '--json']);
    const report = JSON.parse(r.out) as Report;
    expect(report.findings).toEqual([]);
    expect(r.code).toBe(0);
    expect(report.tables.map((t) => t.id).sort()).toEqual(['budget.01', 'budget.02', 'budget.03', 'budget.04', 'budget.05', 'budget.06', 'budget.07', 'budget.08', 'budget.09']);
    expect(report.kind).toBe('budget');
    expect(report.year).toBe(2025);
  });

  it('one amount edited in the text layer (a term of totals) gives exactly the findings on that cell', async () => {
    // 2010301 行政运行, 合计: a term of 20103's total and the sum of its own row
    const target = await printedCell(pdf, '一般公共预算支出表', '2010301', 3);
    expect(target.text).toBe('386.42');
    const size = target.box.y1 - target.box.y0;
    const edited = path.join(tmp, '改过一个数.pdf');
    // the baseline sits a quarter of the glyph size above the box's bottom (see layout.ts boxOf)
    fs.writeFileSync(edited, editPrintedAmount(fs.readFileSync(pdf), { x: target.box.x0, y: target.box.y0 + size * 0.2 }, '386.42', '368.42'));
    expect((await printedCell(edited, '一般公共预算支出表', '2010301', 3)).text).toBe('368.42');

    const r = await run(['check', edited, '--json']);
    const report = JSON.parse(r.out) as Report;
    expect(r.code).toBe(1);
    expect(report.findings.length).toBeGreaterThan(0);
    const ref = `'${target.sheet}'!${target.cell}`;
    for (const f of report.findings) expect(f.sheet === target.sheet ? [f.cell, ...f.cells] : f.cells).toContain(f.sheet === target.sheet ? target.cell : ref);
    const own = report.findings.find((f) => f.cell === target.cell)!;
    expect(own.severity).toBe('error');
    expect(own.actual).toBe(368.42);
    expect(own.location).toMatchObject({ page: target.box.page, text: '368.42' });
  });
});

describe('gongkai compare on the workbook and the PDF printed from it', () => {
  it('finds no difference', async () => {
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
    const sheet = '预算05表 一般公共预算支出表';
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(workbook);
    const ws = wb.getWorksheet(sheet)!;
    expect(ws.getCell('B9').value).toBe('行政运行');
    expect(ws.getCell('D9').value).toBe(386.42); // typed, not a formula
    ws.getCell('D9').value = 386.24;
    const changed = path.join(tmp, '改过一格.xlsx');
    await wb.xlsx.writeFile(changed);

    const r = await run(['compare', changed, pdf, '--json']);
    const report = JSON.parse(r.out) as CompareReport;
    expect(r.code).toBe(1);
    expect(report.differences).toHaveLength(1);
    const [d] = report.differences;
    expect(d).toMatchObject({ type: 'figure', table: 'budget.05', code: '2010301', row: '行政运行', workbookValue: 386.24, pdfValue: 386.42 });
    expect(d.workbook).toMatchObject({ sheet, cell: 'D9' });
    expect(d.pdf).toMatchObject({ text: '386.42' });
    expect(d.pdf!.page).toBeGreaterThan(0);
    expect(d.pdf!.box).toHaveLength(4);
    expect(d.column).toContain('基本支出');
    const text = await run(['compare', changed, pdf]);
    expect(text.out).toContain('发现 1 处不同');
    expect(text.out).toContain('386.24');
  });

  it('refuses a PDF given as the workbook, and a workbook given as the PDF (exit 2)', async () => {
    const a = await run(['compare', pdf, workbook]);
    expect(a.code).toBe(2);
    expect(a.err).toContain('第一个文件应为公开表工作簿');
    const b = await run(['compare', workbook, workbook]);
    expect(b.code).toBe(2);
    expect(b.err).toContain('不是 PDF 文件');
  });
});
