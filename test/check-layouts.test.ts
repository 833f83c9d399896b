// Layout robustness: the same figures (with the same mistakes) laid out six ways give the same
// findings: rule and severity, and the same amounts once stated in one unit.
import type { Cents } from '../src/core/money';
import type { Finding, Report } from '../src/core/check/finding';
import type { TableData } from '../src/core/plan/build';
import { checkSample, sampleGrid, sampleLedger } from './helpers/sample';
import { cloneBook, insertRows, retitle, sheetOf, stack, swapColumns, toYuan } from './helpers/layouts';

const ledger = sampleLedger('budget-2025');
const mistakes = (t: Record<string, TableData>) => {
  const row = t['budget.05'].rows!.find((r) => r.code === '2010301')!;
  row.values!.basic = (row.values!.basic + 100) as Cents; // 05 disagrees with 03, 04 and 06
  t['budget.06'].rows!.find((r) => r.code === '30201')!.name = '办公经费'; // a wrong name
  t['budget.07'].single!.reception = 300 as Cents; // 三公 below 30217
};

/** Findings as rule + severity, amounts in 万元 (a 元 table's figures divided back). */
function signature(report: Report, yuanSheets: string[] = []): string[] {
  const amount = (f: Finding, v: number | string | null) => (typeof v === 'number' && yuanSheets.includes(f.sheet ?? '') && !f.rule.startsWith('x.') ? v / 10000 : v);
  return report.findings.map((f) => `${f.rule} ${f.severity} ${amount(f, f.expected)} ${amount(f, f.actual)}`).sort();
}

describe('the same figures, six layouts', () => {
  let base: string[];
  beforeAll(async () => {
    base = signature(checkSample(await sampleGrid('budget-2025', mistakes), ledger));
  });

  it('the standard layout finds the planted mistakes', () => {
    expect(base.map((s) => s.split(' ')[0])).toEqual(
      expect.arrayContaining(['code.name', 'x.sangong.econ', 'x.t04.t05.class', 'x.t04.t05.total', 'x.t05.t03.code', 'x.t05.t06.basic']),
    );
  });

  it('titles as other provinces print them', async () => {
    const book = cloneBook(await sampleGrid('budget-2025', mistakes));
    retitle(book, '预算05表', '一般公共预算支出表', '表六、一般公共预算支出情况表');
    retitle(book, '预算06表', '一般公共预算基本支出表', '表七、一般公共预算基本支出情况表');
    retitle(book, '预算01表', '部门收支总表', '表一、部门收支总体情况表');
    expect(signature(checkSample(book, ledger))).toEqual(base);
  });

  it('codes split into 类 | 款 | 项 columns', async () => {
    const book = await sampleGrid('budget-2025', mistakes, { splitCodes: true });
    expect(signature(checkSample(book, ledger))).toEqual(base);
  });

  it('amount columns in another order', async () => {
    const book = cloneBook(await sampleGrid('budget-2025', mistakes));
    swapColumns(sheetOf(book, '预算05表'), 4, 5); // 基本支出 ↔ 项目支出
    swapColumns(sheetOf(book, '预算06表'), 4, 5); // 人员经费 ↔ 公用经费
    expect(signature(checkSample(book, ledger))).toEqual(base);
  });

  it('a blank row and a note row inside the tables', async () => {
    const book = cloneBook(await sampleGrid('budget-2025', mistakes));
    insertRows(sheetOf(book, '预算05表'), 12, [new Map()]);
    insertRows(sheetOf(book, '预算03表'), 10, [new Map()]);
    const t06 = sheetOf(book, '预算06表');
    insertRows(t06, t06.rowCount + 1, [new Map(), new Map([[1, { value: '注：本表反映一般公共预算基本支出情况。' }]])]);
    expect(signature(checkSample(book, ledger))).toEqual(base);
  });

  it('one table in 元 while the others are in 万元', async () => {
    const book = cloneBook(await sampleGrid('budget-2025', mistakes));
    const t05 = sheetOf(book, '预算05表');
    toYuan(t05, 6);
    expect(signature(checkSample(book, ledger), [t05.name])).toEqual(base);
  });

  it('two tables on one sheet', async () => {
    const book = cloneBook(await sampleGrid('budget-2025', mistakes));
    stack(book, '预算05表', '预算06表');
    expect(book.sheets).toHaveLength(8);
    expect(signature(checkSample(book, ledger))).toEqual(base);
  });
});
