// Every total in every table is a live formula that a spreadsheet engine evaluates to the
// exact sum the core computes: fill every input cell with random amounts, write the .xlsx,
// read it back, evaluate it with HyperFormula, and compare cell by cell.
import { HyperFormula } from 'hyperformula';
import { columnLetter, parseAddress } from '../src/core/a1';
import { type Cents, fromNumber } from '../src/core/money';
import type { CodeRowData } from '../src/core/plan/build';
import { evaluateSheet } from '../src/core/plan/evaluate';
import type { SheetPlan } from '../src/core/plan/types';
import { planToBuffer } from '../src/adapters/exceljs/write-plan';
import type { TableSpec } from '../src/core/spec/schema';
import { planFor, random, readWorkbook, sheetToArray, specs } from './helpers/workbook';

const FUNCTION_ITEMS = ['2010301', '2010302', '2010350', '2013101', '2080501', '2080505', '2080506', '2101101', '2101102', '2101103', '2120199', '2130101', '2210201'];
const ECONOMIC_ITEMS = ['30101', '30102', '30107', '30108', '30113', '30201', '30211', '30217', '30231', '30302', '31002', '39999'];

function codeRowsFor(spec: TableSpec, rnd: () => number): CodeRowData[] {
  const economic = spec.blocks[0].rows.kind === 'codes' && spec.blocks[0].rows.classification === 'economic';
  const pool = (economic ? ECONOMIC_ITEMS : FUNCTION_ITEMS).filter(() => rnd() < 0.8);
  const codes = new Set<string>();
  for (const code of pool) for (const len of [3, 5, 7]) if (len <= code.length) codes.add(code.slice(0, len));
  return [...codes].sort().map((code) => ({ code, name: `科目${code}` }));
}

function fillInputs(sheet: SheetPlan, rnd: () => number): Map<string, Cents> {
  const inputs = new Map<string, Cents>();
  for (const cell of sheet.cells) {
    if (!cell.input) continue;
    // up to 9,999,999.99 with cents, some zero, some blank
    const r = rnd();
    const cents = r < 0.1 ? 0 : Math.floor(rnd() * 1_000_000_000);
    cell.value = r < 0.05 ? null : cents / 100;
    inputs.set(cell.address, (cell.value === null ? 0 : cents) as Cents);
  }
  evaluateSheet(sheet);
  return inputs;
}

function hfValue(hf: HyperFormula, sheetId: number, a1: string): Cents {
  const { row, col } = parseAddress(a1);
  const v = hf.getCellValue({ sheet: sheetId, row: row - 1, col: col - 1 });
  if (typeof v !== 'number') throw new Error(`${a1} evaluated to ${JSON.stringify(v)}`);
  return fromNumber(v);
}

const standard = specs;

describe.each(standard.map((s) => [s.id, s] as const))('%s', (_id, spec) => {
  it.each([1, 2, 3])('HyperFormula agrees with the exact totals (random fill, seed %i)', async (seed) => {
    const rnd = random(seed * 7919 + spec.id.length);
    const hasCodes = spec.blocks.some((b) => b.rows.kind === 'codes' || b.rows.kind === 'list');
    const rows = hasCodes ? codeRowsFor(spec, rnd) : undefined;
    const plan = planFor(spec, rows ? { rows } : undefined, { splitCodes: seed === 2, splitBasic: seed === 3, priorYear: seed !== 2 });
    const sheet = plan.sheets[0];
    const inputs = fillInputs(sheet, rnd);
    expect(inputs.size).toBeGreaterThan(0);

    const wb = await readWorkbook(await planToBuffer(plan));
    const hf = HyperFormula.buildFromSheets({ s: sheetToArray(wb.worksheets[0]) }, { licenseKey: 'gpl-v3', useArrayArithmetic: true, smartRounding: false });
    const formulaCells = sheet.cells.filter((c) => c.formula);
    expect(formulaCells.length).toBeGreaterThan(0);
    for (const cell of formulaCells) {
      expect({ cell: cell.address, value: hfValue(hf, 0, cell.address) }).toEqual({ cell: cell.address, value: cell.result });
    }

    // Independently of any formula: a grand total is the sum of the inputs feeding it.
    const inputSum = (test: (row: number, col: number) => boolean) =>
      [...inputs].filter(([a1]) => test(parseAddress(a1).row, parseAddress(a1).col)).reduce((acc, [, v]) => acc + v, 0);
    const resultAt = (row: number, col: number) => sheet.cells.find((c) => c.address === `${columnLetter(col)}${row}`)?.result;
    if (hasCodes) {
      // the 合计 row of every input column is the sum of that column's detail inputs, each once
      const totalRow = sheet.layout.bodyRows[0];
      const inputCols = new Set([...inputs.keys()].map((a1) => parseAddress(a1).col));
      for (const col of inputCols) {
        expect({ col, total: resultAt(totalRow, col) }).toEqual({ col, total: inputSum((r, c) => c === col && r > totalRow) });
      }
    }
    if (spec.blocks.every((b) => b.rows.kind === 'single')) {
      // each block's 合计 is the sum of its own inputs
      const row = sheet.layout.bodyRows[0];
      let start = 1;
      for (const block of spec.blocks.filter((b) => b.when !== 'priorYear' || seed !== 2)) {
        const n = block.columns.length;
        expect(resultAt(row, start)).toBe(inputSum((r, c) => r === row && c >= start && c < start + n));
        start += n;
      }
    }
  });
});
