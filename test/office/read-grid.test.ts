// The Office reader gives the grid the direct .xlsx reader gives, on workbooks opened "in Excel":
// the double is built from each file cell by cell through exceljs (values as Excel holds them —
// dates as serial numbers, errors as text with their type — formulas, number formats, merges,
// visibility), never from a gongkai grid. Merges need ExcelApi 1.13; without it there are none.
import ExcelJS from 'exceljs';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readGrid } from '../../src/adapters/office/read-grid';
import { sampleWorkbook } from '../helpers/sample';
import { all, openFileInExcel, openInExcel, upTo } from './excel-helpers';

jest.setTimeout(60_000);

async function misc(): Promise<ExcelJS.Workbook> {
  const wb = await sampleWorkbook('budget-2025');
  const ws = wb.addWorksheet('杂项');
  ws.getCell('A1').value = { richText: [{ text: '加粗', font: { bold: true } }, { text: '与普通 & <符号>' }] };
  ws.getCell('A2').value = { text: '财政局网站', hyperlink: 'https://example.gov.cn/' };
  ws.getCell('A3').value = new Date(Date.UTC(2025, 1, 28));
  ws.getCell('A4').value = 45678;
  ws.getCell('A4').numFmt = 'yyyy"年"m"月"d"日"';
  ws.getCell('A5').value = true;
  ws.getCell('A6').value = { error: '#DIV/0!' } as ExcelJS.CellErrorValue;
  ws.getCell('A7').value = '#N/A';
  ws.getCell('B1').value = 1.5;
  ws.getCell('B2').value = { formula: 'B1*2', result: 3 } as ExcelJS.CellFormulaValue;
  ws.getCell('B3').value = { sharedFormula: 'B2', result: 0 } as ExcelJS.CellSharedFormulaValue;
  ws.getCell('B4').value = { formula: 'SUM($B$1:B3)', result: 7.5 } as ExcelJS.CellFormulaValue;
  ws.getCell('B6').value = { formula: '"文字"&B1', result: '文字1.5' } as ExcelJS.CellFormulaValue;
  ws.getCell('B7').value = { formula: '1/0', result: { error: '#DIV/0!' } } as ExcelJS.CellFormulaValue;
  ws.getCell('C1').value = '合并';
  ws.getCell('D1').value = '被合并的格';
  ws.mergeCells('C1:D3');
  ws.mergeCells('C5:E5');
  ws.getCell('E1').value = '  前后有空格  ';
  ws.getCell('E3').value = '1,234.50';
  wb.addWorksheet('隐藏', { state: 'hidden' }).getCell('A1').value = '隐藏表';
  wb.addWorksheet('深度隐藏', { state: 'veryHidden' }).getCell('A1').value = '看不见';
  wb.addWorksheet('检查结果').getCell('A1').value = 'gongkai 的输出';
  return wb;
}

describe('the Office reader gives the direct reader’s grid', () => {
  it('cells of every kind: dates by their number format, errors, booleans, shared formulas, merges, hidden and very hidden sheets', async () => {
    const { ctx, direct } = await openInExcel(await misc());
    const c = ctx();
    const grid = await readGrid(c, all);
    expect(c.syncs).toBe(2);
    expect(grid).toEqual(direct);
    const sheet = grid.sheets.find((s) => s.name === '杂项')!;
    expect(sheet.rows.get(3)?.get(1)?.value).toBe('2025-02-28');
    expect(sheet.rows.get(4)?.get(1)?.value).toBe('2025-01-21');
    expect(sheet.rows.get(6)?.get(1)).toMatchObject({ value: null, error: '#DIV/0!' });
    expect(sheet.rows.get(7)?.get(1)).toEqual({ value: '#N/A' });
    expect(sheet.merges).toEqual(['C1:D3', 'C5:E5']);
    expect(grid.sheets.map((s) => s.name)).toContain('隐藏');
    expect(grid.sheets.map((s) => s.name)).not.toContain('深度隐藏');
    expect(grid.sheets.map((s) => s.name)).not.toContain('检查结果');
  });

  const seeds = path.join(__dirname, '..', 'fixtures', 'seeds');
  it.each(fs.readdirSync(seeds).filter((f) => f.endsWith('.xlsx')))('seed workbook %s', async (file) => {
    const { ctx, direct } = await openFileInExcel(fs.readFileSync(path.join(seeds, file)));
    expect(direct.sheets.length).toBeGreaterThan(0);
    expect(await readGrid(ctx(), all)).toEqual(direct);
  });

  const wild = path.join(__dirname, '..', 'fixtures', 'wild');
  it.each(fs.readdirSync(wild).filter((f) => f.endsWith('.xlsx') && !f.includes('~$')))('an official blank template %s', async (file) => {
    const { ctx, direct } = await openFileInExcel(fs.readFileSync(path.join(wild, file)));
    expect(direct.sheets.some((s) => s.merges.length > 0)).toBe(true);
    expect(await readGrid(ctx(), all)).toEqual(direct);
  });

  it('before ExcelApi 1.13 (Office 2016, 2019) the cells all the same, no merges', async () => {
    const { ctx, direct } = await openInExcel(await misc());
    const grid = await readGrid(ctx(), upTo(12));
    expect(grid.sheets.every((s) => s.merges.length === 0)).toBe(true);
    expect(grid).toEqual({ sheets: direct.sheets.map((s) => ({ ...s, merges: [] })) });
  });
});
