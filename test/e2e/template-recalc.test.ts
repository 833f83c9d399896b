// A real spreadsheet application agrees with gongkai's totals: the generated workbooks,
// recalculated by LibreOffice, give the same totals the core computes exactly.
import ExcelJS from 'exceljs';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fromNumber, type Cents } from '../../src/core/money';
import { evaluateSheet } from '../../src/core/plan/evaluate';
import type { SheetPlan } from '../../src/core/plan/types';
import { planToBuffer } from '../../src/adapters/exceljs/write-plan';
import { main } from '../../src/cli/main';
import { templatesDir } from '../../src/adapters/node/templates';
import { planFor, random, readWorkbook, specs } from '../helpers/workbook';
import { convert } from './libreoffice';
import { tmpDir } from '../helpers/tmp';

const tmp = tmpDir('e2e');

function resultOf(cell: ExcelJS.Cell): number {
  const v = cell.value;
  if (typeof v === 'number') return v;
  if (v && typeof v === 'object' && 'result' in v && typeof v.result === 'number') return v.result;
  throw new Error(`${cell.address}: no numeric value (${JSON.stringify(v)})`);
}

describe('LibreOffice harness', () => {
  it('recalculates on load: a deliberately wrong cached result is corrected', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('t');
    ws.getCell('A1').value = 1.25;
    ws.getCell('A2').value = 2.5;
    ws.getCell('A3').value = { formula: 'SUM(A1:A2)', result: 999 } as ExcelJS.CellFormulaValue;
    const file = path.join(tmp, 'harness.xlsx');
    await wb.xlsx.writeFile(file);
    const [out] = convert([file], 'xlsx');
    const back = await readWorkbook(fs.readFileSync(out));
    expect(resultOf(back.worksheets[0].getCell('A3'))).toBe(3.75);
  });
});

describe('every table, random amounts, recalculated by LibreOffice', () => {
  const cases: { id: string; sheet: SheetPlan; file: string }[] = [];

  beforeAll(async () => {
    for (const spec of specs) {
      const rnd = random(spec.id.length * 31 + 5);
      const hasCodes = spec.blocks.some((b) => b.rows.kind === 'codes' || b.rows.kind === 'list');
      const codes = spec.blocks[0].rows.kind === 'codes' && spec.blocks[0].rows.classification === 'economic'
        ? ['301', '30101', '30107', '302', '30201', '30217', '310', '31002']
        : ['201', '20103', '2010301', '2010350', '208', '20805', '2080505', '2080506', '221', '22102', '2210201'];
      const plan = planFor(spec, hasCodes ? { rows: codes.map((code) => ({ code, name: `科目${code}` })) } : undefined);
      const sheet = plan.sheets[0];
      for (const cell of sheet.cells) if (cell.input) cell.value = Math.floor(rnd() * 100_000_000) / 100;
      evaluateSheet(sheet);
      // write every cached result as 0, so only a real recalculation can give the totals
      const expected = sheet.cells.filter((c) => c.formula).map((c) => ({ address: c.address, result: c.result! }));
      const written = structuredClone(plan);
      for (const c of written.sheets[0].cells) if (c.formula) c.result = 0 as Cents;
      const file = path.join(tmp, `${spec.id}.xlsx`);
      fs.writeFileSync(file, await planToBuffer(written));
      cases.push({ id: spec.id, sheet: { ...sheet, cells: expected.map((e) => ({ ...e, style: 'amount' as const })) }, file });
    }
    const outs = convert(cases.map((c) => c.file), 'xlsx', fs.mkdtempSync(path.join(tmp, 'out-')));
    cases.forEach((c, i) => (c.file = outs[i]));
  });

  it.each(specs.map((s) => s.id))('%s', async (id) => {
    const c = cases.find((x) => x.id === id)!;
    const ws = (await readWorkbook(fs.readFileSync(c.file))).worksheets[0];
    expect(c.sheet.cells.length).toBeGreaterThan(0);
    for (const cell of c.sheet.cells) {
      expect({ cell: cell.address, value: fromNumber(resultOf(ws.getCell(cell.address))) }).toEqual({ cell: cell.address, value: cell.result });
    }
  });
});

describe('the sample workbooks made by the CLI', () => {
  it.each([
    ['budget-2025', 'budget', '预算01表 部门收支总表', 'B37', 853.95],
    ['final-2024', 'final', '公开01表 收入支出决算总表', 'C37', 7542145.57],
  ])('%s: LibreOffice gives the same 收入总计', async (name, kind, sheet, cell, total) => {
    const file = path.join(tmp, `${name}.xlsx`);
    const code = await main(['template', '--kind', kind as string, '--data', path.join(templatesDir(), 'sample', `${name}.json`), '-o', file], () => undefined, () => undefined);
    expect(code).toBe(0);
    const [out] = convert([file], 'xlsx');
    const ws = (await readWorkbook(fs.readFileSync(out))).getWorksheet(sheet as string)!;
    expect(resultOf(ws.getCell(cell as string))).toBeCloseTo(total as number, 6);
  });
});
