// The compare core on generated pairs: a workbook's 一般公共预算支出表 and a "published" copy with
// its rows shuffled, some rows left out, one figure changed and perhaps printed in 元 — the
// differences found are exactly those made, whatever the seed.
import { compareCommand } from '../src/core/commands/compare';
import { newGrid, setCell, type WorkbookGrid } from '../src/core/grid';
import { fromNumber, formatAmount, type Cents } from '../src/core/money';
import { nodeResources } from '../src/adapters/node/templates';
import { random } from './helpers/workbook';

const res = nodeResources();
const CODES: [string, string][] = [
  ['201', '一般公共服务支出'],
  ['20103', '政府办公厅（室）及相关机构事务'],
  ['2010301', '行政运行'],
  ['2010302', '一般行政管理事务'],
  ['2010350', '事业运行'],
  ['208', '社会保障和就业支出'],
  ['20805', '行政事业单位养老支出'],
  ['2080505', '机关事业单位基本养老保险缴费支出'],
  ['2080506', '机关事业单位职业年金缴费支出'],
  ['210', '卫生健康支出'],
  ['21011', '行政事业单位医疗'],
  ['2101101', '行政单位医疗'],
  ['221', '住房保障支出'],
  ['22102', '住房改革支出'],
  ['2210201', '住房公积金'],
];

interface Row {
  code: string;
  name: string;
  basic: Cents;
  project: Cents;
}

function grid(sheet: string, rows: Row[], unit: '万元' | '元', year = 2025, department = '示例局'): WorkbookGrid {
  const g = newGrid(sheet);
  const scale = unit === '元' ? 10000 : 1;
  setCell(g, 1, 1, { value: `${year}年一般公共预算支出表` });
  setCell(g, 2, 1, { value: `部门：${department}` });
  setCell(g, 2, 5, { value: `单位：${unit}` });
  ['科目编码', '科目名称', '合计', '基本支出', '项目支出'].forEach((h, i) => setCell(g, 3, i + 1, { value: h }));
  const put = (r: number, code: string, name: string, basic: Cents, project: Cents) => {
    if (code) setCell(g, r, 1, { value: code });
    setCell(g, r, 2, { value: name });
    [basic + project, basic, project].forEach((c, i) => setCell(g, r, 3 + i, { value: (c * scale) / 100, numFmt: '#,##0.00' }));
  };
  put(4, '', '合计', rows.reduce((a, r) => a + r.basic, 0) as Cents, rows.reduce((a, r) => a + r.project, 0) as Cents);
  rows.forEach((r, i) => put(5 + i, r.code, r.name, r.basic, r.project));
  return { sheets: [g] };
}

describe.each([1, 2, 3, 4, 5, 6, 7, 8])('compare on generated tables (seed %i)', (seed) => {
  const rnd = random(seed * 7919);
  const pick = (n: number) => Math.floor(rnd() * n);
  const rows: Row[] = CODES.map(([code, name]) => ({ code, name, basic: fromNumber(pick(5_000_000) / 100), project: fromNumber(pick(500_000) / 100) }));
  // the published copy: shuffled, 0–2 rows left out, one figure changed, perhaps in 元
  const printed = rows.map((r) => ({ ...r }));
  for (let i = printed.length - 1; i > 0; i--) {
    const j = pick(i + 1);
    [printed[i], printed[j]] = [printed[j], printed[i]];
  }
  const dropped = printed.splice(0, pick(3)).map((r) => r.code);
  const changed = printed[pick(printed.length)];
  const delta = fromNumber((1 + pick(9999)) / 100);
  changed.project = (changed.project + delta) as Cents;
  const unit = seed % 2 ? '元' : '万元';

  const { report } = compareCommand({ workbook: { file: '工作簿.xlsx', grid: grid('支出表', rows, '万元') }, pdf: { file: '公开.pdf', grid: grid('第3页 支出表', printed, unit) } }, res);
  const byType = (t: string) => report.differences.filter((d) => d.type === t);

  it('matches the table and its rows by code, not by position', () => {
    expect(report.tables).toEqual([expect.objectContaining({ id: 'budget.05', workbook: '支出表', pdf: '第3页 支出表' })]);
  });

  it('reports each row left out once', () => {
    expect(byType('row.missing').map((d) => d.code).sort()).toEqual([...dropped].sort());
    expect(byType('row.extra')).toEqual([]);
  });

  it('reports the changed figure in its row and column, and the totals it feeds', () => {
    const figures = byType('figure');
    const own = figures.filter((d) => d.code === changed.code);
    // the changed 项目支出 and its row's 合计 (printed from the same changed row)
    expect(own.map((d) => d.column).sort()).toEqual(['合计', '项目支出']);
    const project = own.find((d) => d.column === '项目支出')!;
    const original = rows.find((r) => r.code === changed.code)!;
    expect(project.workbookValue).toBe(original.project / 100);
    expect(project.pdfValue).toBe(changed.project / 100);
    expect(project.message).toContain(formatAmount(delta));
    expect(project.workbook).toMatchObject({ sheet: '支出表' });
    // the 合计 row differs by the dropped rows and the change; no other row differs
    expect(figures.filter((d) => d.code !== changed.code).every((d) => d.code === null && d.row === '合计')).toBe(true);
  });

  it('reports a unit printed differently once for the table, not per figure', () => {
    expect(byType('unit')).toHaveLength(unit === '元' ? 1 : 0);
    if (unit === '元') expect(byType('unit')[0]).toMatchObject({ workbookValue: '万元', pdfValue: '元' });
    expect(report.differences.every((d) => ['row.missing', 'figure', 'unit'].includes(d.type))).toBe(true);
  });
});

describe('compare: the same table again', () => {
  const rows: Row[] = CODES.map(([code, name], i) => ({ code, name, basic: fromNumber(i * 11.11), project: fromNumber(i) }));

  it('identical tables, one in 元: only the unit', () => {
    const { report } = compareCommand({ workbook: { file: 'a.xlsx', grid: grid('表', rows, '万元') }, pdf: { file: 'b.pdf', grid: grid('表', rows, '元') } }, res);
    expect(report.differences.map((d) => d.type)).toEqual(['unit']);
    expect(report.tables[0].figures).toBe(3 * (rows.length + 1));
  });

  it('another department\'s PDF is said first; a name written more fully is the same department', () => {
    const other = compareCommand({ workbook: { file: 'a.xlsx', grid: grid('表', rows, '万元') }, pdf: { file: 'b.pdf', grid: grid('表', rows, '万元', 2025, '城东街道办事处') } }, res);
    expect(other.report.differences).toEqual([expect.objectContaining({ type: 'department', workbookValue: '示例局', pdfValue: '城东街道办事处', message: '工作簿是「示例局」，PDF 是「城东街道办事处」：不是同一单位的文件？' })]);
    const fuller = compareCommand({ workbook: { file: 'a.xlsx', grid: grid('表', rows, '万元') }, pdf: { file: 'b.pdf', grid: grid('表', rows, '万元', 2025, '示例县示例局') } }, res);
    expect(fuller.report.differences).toEqual([]);
  });

  it('a year not updated in the title', () => {
    const { report } = compareCommand({ workbook: { file: 'a.xlsx', grid: grid('表', rows, '万元', 2025) }, pdf: { file: 'b.pdf', grid: grid('表', rows, '万元', 2024) } }, res);
    expect(report.differences).toEqual([expect.objectContaining({ type: 'year', table: 'budget.05', workbookValue: '2025', pdfValue: '2024' })]);
  });
});
