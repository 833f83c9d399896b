// The checker on the embedded sample: a correct workbook gives no finding; one change at a time
// gives exactly the rules that change touches, at the right cells.
import type { Cents } from '../src/core/money';
import type { Finding } from '../src/core/check/finding';
import { checkSample, sampleGrid, sampleLedger } from './helpers/sample';
import { setCell } from '../src/core/grid';
import { parseAddress } from '../src/core/a1';

const budget = sampleLedger('budget-2025');
const final = sampleLedger('final-2024');
const rules = (fs: Finding[]) => [...new Set(fs.filter((f) => f.severity !== 'notice').map((f) => f.rule))].sort();

describe('a correct workbook', () => {
  it.each([
    ['budget', budget, 'budget-2025'],
    ['final', final, 'final-2024'],
  ] as const)('%s: every table recognised, no finding', async (_k, ledger, name) => {
    const report = checkSample(await sampleGrid(name), ledger);
    expect(report.kind).toBe(ledger.kind);
    expect(report.department).toBe('示例县示例局');
    expect(report.tables.map((t) => t.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `${ledger.kind}.0${n}`));
    expect(report.findings).toEqual([]);
  });
});

describe('one change at a time (budget)', () => {
  it('a 项 amount in 预算05表: the cross-table rules it feeds', async () => {
    const grid = await sampleGrid('budget-2025', (t) => {
      const row = t['budget.05'].rows!.find((r) => r.code === '2010301')!;
      row.values!.basic = (row.values!.basic + 100) as Cents;
    });
    const report = checkSample(grid, budget);
    expect(rules(report.findings)).toEqual(['x.t04.t05.class', 'x.t04.t05.total', 'x.t05.t03.code', 'x.t05.t06.basic']);
    const at = (rule: string) => report.findings.filter((f) => f.rule === rule).map((f) => `${f.sheet}!${f.cell} ${f.expected} ${f.actual}`);
    // the 项, its 款 and its 类 are each now above 预算03表
    expect(at('x.t05.t03.code')).toEqual(['预算05表 一般公共预算支出表!C7 537.17 538.17', '预算05表 一般公共预算支出表!C8 537.17 538.17', '预算05表 一般公共预算支出表!C9 386.42 387.42']);
    expect(at('x.t05.t06.basic')).toEqual(['预算05表 一般公共预算支出表!D6 625.35 626.35']);
    expect(at('x.t04.t05.class')).toEqual(['预算04表 财政拨款收支总表!E7 538.17 537.17']); // 04 says 537.17, 05 now 538.17
  });

  it('a typed wrong total: the row sum, the column total and the cross check that reads it', async () => {
    const grid = await sampleGrid('budget-2025');
    const sheet = grid.sheets.find((s) => s.name.startsWith('预算05表'))!;
    setCell(sheet, 6, 3, { value: 813.95 }); // C6 合计 typed over the formula, 10.00 too high
    const report = checkSample(grid, budget);
    expect(rules(report.findings)).toEqual(['col.total', 'row.sum', 'x.t04.t05.total']);
    const rowSum = report.findings.find((f) => f.rule === 'row.sum')!;
    expect(rowSum).toMatchObject({ severity: 'error', cell: 'C6', cells: ['C6', 'D6', 'E6'], expected: 803.95, actual: 813.95 });
    expect(rowSum.message).toBe('预算05表 合计行的合计为 813.95，应为 803.95（基本支出 625.35 + 项目支出 178.60），相差 10.00');
  });

  it('a total 0.01 off the sum of two rounded parts is a rounding notice (尾差), not an error', async () => {
    const grid = await sampleGrid('budget-2025');
    const sheet = grid.sheets.find((s) => s.name.startsWith('预算05表'))!;
    setCell(sheet, 6, 3, { value: 803.96 });
    const report = checkSample(grid, budget);
    expect(report.findings.filter((f) => f.severity !== 'notice')).toEqual([]);
    const rowSum = report.findings.find((f) => f.rule === 'row.sum')!;
    expect(rowSum).toMatchObject({ severity: 'notice', cell: 'C6' });
    expect(rowSum.message).toBe('预算05表 合计行的合计为 803.96，分项之和为 803.95（基本支出 625.35 + 项目支出 178.60），相差 0.01，属四舍五入尾差');
  });

  it('a name that is not the catalog’s', async () => {
    const grid = await sampleGrid('budget-2025', (t) => {
      t['budget.05'].rows!.find((r) => r.code === '2010301')!.name = '行政运转';
    });
    const report = checkSample(grid, budget);
    expect(report.findings.map((f) => `${f.rule} ${f.severity} ${f.cell}`)).toEqual(['code.name warning B9']);
  });

  it('a code that does not exist', async () => {
    const grid = await sampleGrid('budget-2025', (t) => {
      t['budget.05'].rows!.find((r) => r.code === '2010302')!.code = '2010308';
    });
    const report = checkSample(grid, budget);
    expect(rules(report.findings)).toEqual(['code.unknown', 'x.t05.t03.code']);
    expect(report.findings.find((f) => f.rule === 'code.unknown')).toMatchObject({ cell: 'A10', severity: 'error' });
  });

  it('a 项 placed under another 款', async () => {
    const grid = await sampleGrid('budget-2025', (t) => {
      const rows = t['budget.05'].rows!;
      const i = rows.findIndex((r) => r.code === '2210201');
      const [moved] = rows.splice(i, 1);
      rows.splice(rows.findIndex((r) => r.code === '2010302'), 0, moved);
    });
    const report = checkSample(grid, budget);
    const parent = report.findings.filter((f) => f.rule === 'code.parent');
    expect(parent).toHaveLength(1);
    expect(parent[0]).toMatchObject({ severity: 'error', cell: 'A10', expected: '22102', actual: '20103' });
  });

  it('三公 below the economic detail it includes', async () => {
    const grid = await sampleGrid('budget-2025', (t) => {
      t['budget.07'].single!.reception = 300 as Cents; // 3.00 < 30217 公务接待费 3.20
    });
    const report = checkSample(grid, budget);
    expect(report.findings.map((f) => `${f.rule} ${f.severity} ${f.sheet}!${f.cell} ${f.expected} ${f.actual}`)).toEqual([
      'x.sangong.econ error 预算06表 一般公共预算基本支出表!C27 3 3.2', // 30217 公务接待费
    ]);
  });

  it('function ↔ economic linkage is a warning', async () => {
    const grid = await sampleGrid('budget-2025', (t) => {
      const row = t['budget.06'].rows!.find((r) => r.code === '30113')!;
      row.values!.personnel = (row.values!.personnel + 50) as Cents;
      const other = t['budget.06'].rows!.find((r) => r.code === '30101')!;
      other.values!.personnel = (other.values!.personnel - 50) as Cents;
    });
    const report = checkSample(grid, budget);
    expect(report.findings.map((f) => `${f.rule} ${f.severity}`)).toEqual(['link.30113.2210201 warning']);
  });
});

describe('one change at a time (final, 元)', () => {
  it('公开06 人员经费合计 typed wrong: the fixed sum row and the 公开05 link', async () => {
    const grid = await sampleGrid('final-2024');
    const sheet = grid.sheets.find((s) => s.name.startsWith('公开06表'))!;
    const cell = [...sheet.rows].flatMap(([r, cells]) => [...cells].filter(([, c]) => c.value === '人员经费合计').map(([col]) => ({ r, col })))[0];
    setCell(sheet, cell.r, cell.col + 1, { value: 5047408.24 }); // 100.00 too high
    const report = checkSample(grid, final);
    expect(rules(report.findings)).toEqual(['col.sum', 'x.f05.f06.basic']);
    const f = report.findings.find((x) => x.rule === 'col.sum')!;
    expect(parseAddress(f.cell!).row).toBe(cell.r);
    expect(f.message).toContain('人员经费合计');
  });
});
