// fill and recalc on the seed documents' tables, end to end through the CLI, then LibreOffice
// recalculates the output: its totals are the documents' totals (and where a document has a
// rounding difference or a typo, the sum of its own detail rows).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type ExcelJS from 'exceljs';
import { parseAmount } from '../../src/core/money';
import { run, tmpDir } from '../helpers/cli';
import { strippedWorkbook } from '../helpers/strip';
import { readWorkbook } from '../helpers/workbook';
import { SEED_CODE_TABLES, type SeedTable } from '../fixtures/seed-tables';
import { convert } from './libreoffice';

const num = (t: string) => parseAmount(t) / 100;

function detail(t: SeedTable) {
  return t.rows.filter((r) => !t.rows.some((o) => o !== r && o.code.startsWith(r.code)));
}

function resultOf(cell: ExcelJS.Cell): number {
  const v = cell.type === 6 ? cell.result : cell.value;
  return typeof v === 'number' ? v : 0;
}

describe.each(SEED_CODE_TABLES.map((t) => [`${t.seed} ${t.title}`, t] as const))('%s', (_name, table) => {
  it('fill restores the table; LibreOffice recalculates it to the document’s figures', async () => {
    const dir = tmpDir();
    const input = path.join(dir, 'export.xlsx');
    const wb = strippedWorkbook({
      title: table.title,
      unit: table.unit,
      columns: table.columns,
      rows: detail(table).map((r) => ({ code: r.code, name: '', amounts: r.amounts.map(num) })),
    });
    await wb.xlsx.writeFile(input);
    const filled = path.join(dir, 'filled.xlsx');
    const r = await run(['fill', input, '-o', filled, '--year', String(Math.max(table.year, 2024))]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const [recalculated] = convert([filled], 'xlsx');
    const ws = (await readWorkbook(fs.readFileSync(recalculated))).worksheets[0];
    const detailSum = (code: string, i: number) => detail(table).filter((d) => d.code.startsWith(code)).reduce((a, d) => a + parseAmount(d.amounts[i]), 0);
    table.rows.forEach((row, k) => {
      const r = 5 + k;
      expect(String(ws.getCell(`A${r}`).value)).toBe(row.code);
      for (let i = 0; i < 3; i++) {
        const got = Math.round(resultOf(ws.getCell(r, 3 + i)) * 100);
        // the document's own figure, unless it is a rounding difference or typo (row.note)
        const want = row.note ? detailSum(row.code, i) : parseAmount(row.amounts[i]);
        expect({ code: row.code, column: table.columns[i], value: got }).toEqual({ code: row.code, column: table.columns[i], value: want });
      }
    });
  });
});

describe('recalc --formulas on a seed table with a broken total', () => {
  it('reports the broken total, and LibreOffice gives the recomputed values', async () => {
    const table = SEED_CODE_TABLES.find((t) => t.seed === '002')!;
    const dir = tmpDir();
    const input = path.join(dir, 'typed.xlsx');
    const wb = strippedWorkbook({ title: table.title, unit: table.unit, columns: table.columns, rows: table.rows.map((r) => ({ code: r.code, name: r.name, amounts: r.amounts.map(num) })), total: table.total.map(num) });
    wb.worksheets[0].getCell('C4').value = 1989513.8; // the 合计 mistyped
    await wb.xlsx.writeFile(input);
    const out = path.join(dir, 'fixed.xlsx');
    const r = await run(['recalc', input, '-o', out, '--formulas', '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    const wrong = report.tables[0].changes.filter((c: { kind: string }) => c.kind === 'totalWrong');
    expect(wrong).toEqual([expect.objectContaining({ cell: 'C4', actual: 1989513.8, expected: 1989513.08 })]);
    const [recalculated] = convert([out], 'xlsx');
    const ws = (await readWorkbook(fs.readFileSync(recalculated))).worksheets[0];
    expect(ws.getCell('C4').formula).toBeTruthy();
    expect([3, 4, 5].map((c) => Math.round(resultOf(ws.getCell(4, c)) * 100))).toEqual(table.total.map(parseAmount));
  });
});
