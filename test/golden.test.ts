// Golden files: a stable text rendering of each table's cell plan (texts, formulas, merges,
// widths, print setup). Review a changed rendering against the standard layouts and the seeds,
// then accept it with `UPDATE_GOLDEN=1 npx jest test/golden.test.ts`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Ledger, ledgerToTables } from '../src/core/ledger';
import { renderSheet } from '../src/core/plan/render';
import { buildWorkbook } from '../src/core/plan/workbook';
import { templatesDir } from '../src/adapters/node/templates';
import { classes2025, planFor, specs } from './helpers/workbook';

const GOLDEN = path.join(__dirname, 'golden');

function expectGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN, `${name}.txt`);
  if (process.env.UPDATE_GOLDEN === '1' || !fs.existsSync(file)) {
    fs.writeFileSync(file, actual);
    if (process.env.UPDATE_GOLDEN !== '1' && process.env.CI) throw new Error(`缺少基准文件 ${file}`);
    return;
  }
  const expected = fs.readFileSync(file, 'utf8');
  if (actual !== expected) {
    fs.writeFileSync(`${file}.actual`, actual);
    console.log(`${name}: rendering differs; actual written to ${file}.actual`);
  } else fs.rmSync(`${file}.actual`, { force: true }); // from an earlier failing run
  expect(actual).toBe(expected);
}

describe('blank templates', () => {
  it.each(specs.map((s) => [s.id, s] as const))('%s', (id, spec) => {
    expectGolden(`blank-${id}`, renderSheet(planFor(spec).sheets[0]));
  });
});

describe('layout options', () => {
  const byId = (id: string) => specs.find((s) => s.id === id)!;
  it('预算05表 with split code columns and 基本支出 split into 人员经费/公用经费', () => {
    expectGolden('options-budget.05-splitCodes-splitBasic', renderSheet(planFor(byId('budget.05'), undefined, { splitCodes: true, splitBasic: true }).sheets[0]));
  });
  it('预算07表 without the prior-year block', () => {
    expectGolden('options-budget.07-no-priorYear', renderSheet(planFor(byId('budget.07'), undefined, { priorYear: false }).sheets[0]));
  });
});

describe('the embedded sample', () => {
  it.each(['budget-2025', 'final-2024'])('%s', (name) => {
    const ledger = Ledger.parse(JSON.parse(fs.readFileSync(path.join(templatesDir(), 'sample', `${name}.json`), 'utf8')));
    const plan = buildWorkbook({ specs: specs.filter((s) => s.kind === ledger.kind && !s.extra), department: ledger.department, year: ledger.year, classes: classes2025, data: ledgerToTables(ledger) });
    expectGolden(`sample-${name}`, plan.sheets.map(renderSheet).join('\n'));
  });
});
