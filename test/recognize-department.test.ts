// Which department a workbook is about, when no "部门：" line says so: the income table's first
// unit, or the head of the narrative, in the forms the published documents use.
import { newGrid, setCell, type WorkbookGrid } from '../src/core/grid';
import { recognize } from '../src/core/recognize/tables';
import { loadCatalog } from '../src/adapters/node/templates';
import { specs } from './helpers/workbook';

function book(lines: string[], name = '情况说明'): WorkbookGrid {
  const grid = newGrid(name);
  lines.forEach((text, i) => setCell(grid, i + 1, 1, { value: text }));
  return { sheets: [grid] };
}

const department = (b: WorkbookGrid) => recognize(b, { specs, classes: loadCatalog('function', 2024).classes() }).department;

describe('the department from the narrative', () => {
  it.each([
    [['临夏市智慧城市服务中心', '2024 年部门预算公开情况说明', '前言'], '临夏市智慧城市服务中心'],
    [['第三部分 部门预算情况说明', '一、关于西宁市城东区城市运行指挥中心 2024 年部门收支预算情况的总体说明'], '西宁市城东区城市运行指挥中心'],
    [['示例县示例局2023年度部门决算', '目录'], '示例县示例局'],
    [['编制单位：示例县财政局', '示例县示例局2023年度部门决算'], '示例县财政局'],
  ])('%j → %s', (lines, expected) => {
    expect(department(book(lines))).toBe(expected);
  });

  it('not a table’s title over its year line', () => {
    expect(department(book(['部门收支总表', '2025年部门预算公开表', '单位：万元'], '预算01表'))).toBeNull();
  });

  it('no name where the head is a sentence or a heading without one', () => {
    expect(department(book(['一、部门职责', '本部门主要职责是：负责全县的……', '2024年收入预算 1225.47 万元']))).toBeNull();
    expect(department(book(['2024年部门预算公开情况说明', '前言']))).toBeNull();
  });
});
