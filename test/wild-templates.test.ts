// Real workbooks nobody on this project made (test/fixtures/wild, see its README): the official
// blank 2026 templates of 上海市普陀区 are read table by table, column by column; a reviewer's
// checklist, an old .xls and Excel's lock file are refused with a clear message.
import * as path from 'node:path';
import { parseAddress } from '../src/core/a1';
import { checkWorkbook } from '../src/core/check/check';
import { setCell } from '../src/core/grid';
import { readGridFile } from '../src/adapters/node/grid-file';
import { catalogsForCheck, loadCrossRules, loadSpecs } from '../src/adapters/node/templates';
import { run } from './helpers/cli';

const WILD = path.join(__dirname, 'fixtures', 'wild');
const specs = loadSpecs();

function check(file: string) {
  return checkWorkbook({ file, grid: readGridFile(path.join(WILD, file)), specs, crossRules: loadCrossRules(), catalogs: catalogsForCheck() });
}

/** Every amount column of each table, as the templates print them. */
const COLUMNS: Record<string, string[]> = {
  'budget.01': ['incomeLabel', 'income', 'expenseLabel', 'expense'],
  'budget.02-codes': ['total', 'fiscal', 'business', 'operating', 'otherIncome'],
  'budget.03': ['total', 'basic', 'project'],
  'budget.04': ['incomeLabel', 'income', 'expenseLabel', 'expense', 'expenseGpb', 'expenseGf', 'expenseSoe'],
  'budget.05': ['total', 'basic', 'project'],
  'budget.06': ['total', 'personnel', 'public'],
  'budget.07': ['total', 'abroad', 'reception', 'car', 'carPurchase', 'carRunning', 'opex'],
  'budget.08': ['total', 'basic', 'project'],
  'budget.09': ['total', 'basic', 'project'],
};

describe.each(['tbx_department_budget_template.xlsx', 'tbx_unit_budget_template.xlsx'])('%s', (file) => {
  const report = check(file);

  it('is a 2026 budget with all nine tables, each with every column', () => {
    expect(report.kind).toBe('budget');
    expect(report.year).toBe(2026);
    expect(report.tables.map((t) => t.id).sort()).toEqual(Object.keys(COLUMNS).sort());
    for (const t of report.tables) {
      const expected = t.id === 'budget.01' && file.startsWith('tbx_unit') ? [...COLUMNS[t.id], 'expensePersonnel', 'expensePublic', 'expenseProject'] : COLUMNS[t.id];
      expect({ id: t.id, columns: t.how!.columns.map((c) => c.key).sort() }).toEqual({ id: t.id, columns: [...expected].sort() });
    }
    // the 三公 table in 万元, the others in 元, as printed
    expect(report.tables.find((t) => t.id === 'budget.07')!.unit).toBe('万元');
    expect(report.tables.filter((t) => t.id !== 'budget.07').every((t) => t.unit === '元')).toBe(true);
  });

  it('reads the example code rows, 类/款/项 composed, and the 合计 in the code column as the total', () => {
    const t05 = report.tables.find((t) => t.id === 'budget.05')!;
    expect(t05.how!.rows).toBeGreaterThanOrEqual(4);
    expect(report.findings.filter((f) => f.rule === 'code.malformed')).toEqual([]);
  });

  it('reports the "…" rows once per table as template leftovers, and nothing on the 目录', () => {
    const leftovers = report.findings.filter((f) => f.rule === 'text.placeholder' && f.message.includes('占位行'));
    const bySheet = new Set(leftovers.map((f) => f.sheet));
    expect(bySheet.size).toBe(leftovers.length);
    for (const id of ['budget.03', 'budget.05', 'budget.09']) {
      const sheet = report.tables.find((t) => t.id === id)!.sheet;
      expect(bySheet.has(sheet)).toBe(true);
    }
    expect(report.findings.filter((f) => f.sheet === '目录')).toEqual([]);
    expect(report.otherSheets).toEqual(expect.arrayContaining([{ sheet: '目录', kind: '目录' }, { sheet: '封面', kind: '封面' }]));
  });

  it('every code the template prints resolves with its printed name', () => {
    expect(report.findings.filter((f) => f.rule.startsWith('code.'))).toEqual([]);
  });

  it('says nothing false: no error, and the only warnings are the template residue and the empty tables', () => {
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const warnings = report.findings.filter((f) => f.severity === 'warning');
    expect([...new Set(warnings.map((f) => f.rule))].sort()).toEqual(expect.arrayContaining(['text.placeholder']));
    expect(warnings.filter((f) => !['text.placeholder', 'table.empty-note', 'narrative.placeholder'].includes(f.rule))).toEqual([]);
  });
});

describe('what is not a disclosure workbook', () => {
  it.each(['gbc_dept_budget(检查表).xlsx', 'gbc_unit_budget(检查表).xlsx'])('%s: a reviewer’s checklist holds no disclosure table', async (file) => {
    const r = await run(['check', path.join(WILD, file)]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('没有识别出任何公开表');
  });

  it('the .xls is refused with how to save it as .xlsx', async () => {
    const r = await run(['check', path.join(WILD, 'tbx_budget_template.xls')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/另存为.*xlsx/);
  });

  it('Excel’s lock file is refused', async () => {
    const r = await run(['check', path.join(WILD, 'tbx_lockfile_~$department_budget_template.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('tbx_lockfile');
  });
});

describe('the 普陀区 department template, filled in', () => {
  const fill = (cells: Record<string, Record<string, number>>) => {
    const grid = readGridFile(path.join(WILD, 'tbx_department_budget_template.xlsx'));
    for (const [sheet, values] of Object.entries(cells)) {
      const g = grid.sheets.find((s) => s.name === sheet)!;
      for (const [a, v] of Object.entries(values)) {
        const { row, col } = parseAddress(a);
        setCell(g, row, col, { value: v });
      }
    }
    return checkWorkbook({ file: 'filled.xlsx', grid, specs, crossRules: loadCrossRules(), catalogs: catalogsForCheck() });
  };
  const at = (r: ReturnType<typeof fill>, rule: string) => r.findings.filter((f) => f.rule === rule).map((f) => `${f.sheet}!${f.cell} ${f.severity}`);

  it('收入总计 straight under the sources (no 本年收入合计 row) adds the sources: right is quiet, wrong is found', () => {
    const sources = { B8: 120, B9: 100, B10: 20, B11: 0, B12: 5, B13: 0, B14: 0 };
    expect(at(fill({ 部门收支总表: { ...sources, B21: 125 } }), 'col.sum')).toEqual([]);
    expect(at(fill({ 部门收支总表: { ...sources, B21: 130 } }), 'col.sum')).toEqual(['部门收支总表!B21 error']);
    // 财政拨款收入 is the sum of its three funds
    expect(at(fill({ 部门收支总表: { ...sources, B8: 121, B21: 125 } }), 'col.sum')).toEqual(['部门收支总表!B8 error']);
  });

  it('合计 = 基本支出 + 项目支出 where the layout prints no other spending column: a disagreement is a warning that says so', () => {
    const r = fill({ 部门支出总表: { E9: 100, F9: 60, G9: 30 } });
    const f = r.findings.find((x) => x.rule === 'row.sum' && x.sheet === '部门支出总表' && x.cell === 'E9')!;
    expect(f.severity).toBe('warning');
    expect(f.message).toContain('表中没有');
    expect(at(fill({ 部门支出总表: { E9: 90, F9: 60, G9: 30 } }), 'row.sum')).toEqual([]);
  });
});
