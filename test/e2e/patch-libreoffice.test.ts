// A patched workbook in LibreOffice: fill inserts parent rows into a table that carries a chart,
// a chart sheet, a pivot table, a picture, a validation and printer settings; LibreOffice opens
// the patched file, recalculates every formula (not its cached results) and gets the same totals.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type ExcelJS from 'exceljs';
import { run, tmpDir } from '../helpers/cli';
import { richWorkbook, SUMMARY, TABLE } from '../helpers/rich-workbook';
import { readWorkbook } from '../helpers/workbook';
import { convert } from './libreoffice';

const result = (cell: ExcelJS.Cell): unknown => (cell.type === 6 ? cell.result : cell.value);

it('LibreOffice opens a filled (patched) workbook and recalculates the same totals', async () => {
  const dir = tmpDir();
  try {
    const input = path.join(dir, 'rich.xlsx');
    fs.writeFileSync(input, await richWorkbook());
    const filled = path.join(dir, 'filled.xlsx');
    const r = await run(['fill', input, '-o', filled, '--year', '2025']);
    expect(r.code).toBe(0);
    const patched = (await readWorkbook(fs.readFileSync(filled))).getWorksheet(TABLE)!;
    const [recalculated] = convert([filled], 'xlsx', path.join(dir, 'lo'));
    const back = await readWorkbook(fs.readFileSync(recalculated));
    const ws = back.getWorksheet(TABLE)!;
    // the rows as fill wrote them, the totals as LibreOffice computed them
    const codes = Array.from({ length: 11 }, (_, i) => String(ws.getCell(`A${4 + i}`).value ?? ''));
    expect(codes).toEqual(['', '201', '20103', '2010301', '2010302', '208', '20805', '2080501', '221', '22102', '2210201']);
    expect(ws.getCell('C4').formula).toBe(patched.getCell('C4').formula);
    expect([result(ws.getCell('C4')), result(ws.getCell('D4')), result(ws.getCell('E4'))]).toEqual([494.09, 435.49, 58.6]);
    expect([result(ws.getCell('C5')), result(ws.getCell('C6')), result(ws.getCell('C9')), result(ws.getCell('C12'))]).toEqual([445.02, 445.02, 12.8, 36.27]);
    expect(ws.getCell('B16').value).toBe('制表：张三');
    // the other sheet's reference to the total row followed nothing (it is above the rows)
    expect(result(back.getWorksheet(SUMMARY)!.getCell('B2'))).toBe(494.09);
    // the sum over the table's rows grew with them; its cached result (494.09) was recomputed
    expect(back.getWorksheet(SUMMARY)!.getCell('B1').formula).toMatch(/^SUM\('?表'?!C7:C14\)$/);
    expect(result(back.getWorksheet(SUMMARY)!.getCell('B1'))).toBeCloseTo(592.23, 6);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
