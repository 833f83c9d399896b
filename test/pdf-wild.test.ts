// Real published disclosure PDFs (test/fixtures/pdf, see its README): every table recognised with
// its columns, every number printed in a table's band of the page read into that table's grid,
// the 万里街道 narratives checked against their own tables, and gongkai check on a PDF.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readPdfPages } from '../src/adapters/pdf/read-pdf';
import { catalogsForCheck, loadCrossRules, loadSpecs } from '../src/adapters/node/templates';
import { checkWorkbook } from '../src/core/check/check';
import type { Report } from '../src/core/check/finding';
import { textAt } from '../src/core/grid';
import { isNumberText } from '../src/core/pdf-layout/classify';
import { layoutPages, type PdfLayout } from '../src/core/pdf-layout/layout';
import { pageLines, type PdfPage, splitAmounts } from '../src/core/pdf-layout/lines';
import { run } from './helpers/cli';

const DIR = path.join(__dirname, 'fixtures', 'pdf');
const TABLES: Record<string, number> = {
  'pt-wljd-2023-budget.pdf': 9,
  'pt-wljd-2024-budget.pdf': 9,
  'pt-wljd-2025-budget.pdf': 9,
  'pt-czj-2025-budget.pdf': 9,
  'pt-shflyuan-2024-unit-budget.pdf': 9,
  'pt-ghzy-2024-final.pdf': 9,
  'js-gjfy-2019-budget.pdf': 10,
  'js-zxbgt-2019-budget.pdf': 0,
};

const read = new Map<string, { pages: PdfPage[]; layout: PdfLayout; report: Report }>();
beforeAll(async () => {
  for (const name of Object.keys(TABLES)) {
    const file = path.join(DIR, name);
    const pages = await readPdfPages(file, fs.readFileSync(file));
    const layout = layoutPages(pages);
    const report = checkWorkbook({ file, grid: layout.grid, specs: loadSpecs(), crossRules: loadCrossRules(), catalogs: catalogsForCheck(), year: null });
    read.set(name, { pages, layout, report });
  }
}, 120_000);

const norm = (t: string) => t.replace(/\s/g, '');

describe.each(Object.keys(TABLES))('%s', (name) => {
  test('every table recognised, each with its columns', () => {
    const { report } = read.get(name)!;
    expect(report.tables).toHaveLength(TABLES[name]);
    for (const t of report.tables) expect(t.how!.columns.length).toBeGreaterThan(0);
    expect(report.findings.filter((f) => f.rule === 'table.unrecognised' && f.severity !== 'notice')).toEqual([]);
  });

  test("per table, the numbers printed in the table's band of each page are the numbers read into it", () => {
    const { pages, layout, report } = read.get(name)!;
    for (const t of report.tables) {
      const sheet = layout.grid.sheets.find((s) => s.name === t.sheet)!;
      const read = [...sheet.rows.values()].flatMap((r) => [...r.values()]).map((c) => norm(String(c.value))).filter((v) => isNumberText(v) && !/^[-—－–]+$/.test(v));
      // the band of each page the table covers, from its cells' boxes
      const bands = new Map<number, [number, number]>();
      for (const box of layout.boxes.get(t.sheet)!.values()) {
        const b = bands.get(box.page) ?? [Infinity, -Infinity];
        bands.set(box.page, [Math.min(b[0], box.y0), Math.max(b[1], box.y1)]);
      }
      const printed: string[] = [];
      for (const [n, [lo, hi]] of bands) {
        const page = pages[n - 1];
        for (const line of pageLines(page)) {
          const y = page.height - line.y;
          if (y < lo || y > hi) continue;
          for (const c of line.cells.flatMap(splitAmounts)) if (isNumberText(c.text) && !/^[-—－–]+$/.test(norm(c.text))) printed.push(norm(c.text));
        }
      }
      expect({ table: t.sheet, numbers: [...read].sort() }).toEqual({ table: t.sheet, numbers: printed.sort() });
    }
  });
});

/** The error-level findings each publication earns: real mistakes in what was published, each
 * judged against the printed page (rule, page of the table, cell). Nothing else is an error. */
const REAL_ERRORS: Record<string, string[]> = {
  'pt-wljd-2023-budget.pdf': [],
  // 款 codes printed "2" and "7" for 02 and 07 (301 2 津贴补贴, 301 7 绩效工资): the page shows a lone "2" and "7"
  // centred in the 款 column, and the text layer has each as one run one digit wide — not "02" split into runs
  'pt-wljd-2024-budget.pdf': ['code.malformed 第29页 A8', 'code.malformed 第29页 A9'],
  // 2120101–2120199 add up to 94,995,789 but 21201 城乡社区管理事务 (and so 212) is printed 1 元 more, in 02, 03 and 05
  'pt-wljd-2025-budget.pdf': ['hier.sum 第10页 E54', 'hier.sum 第10页 F54', 'hier.sum 第10页 E55', 'hier.sum 第10页 F55', 'hier.sum 第14页 E54', 'hier.sum 第14页 E55', 'hier.sum 第20页 E54', 'row.sum 第20页 E55', 'hier.sum 第20页 E55'],
  // the 编制说明 cuts 万元 figures off instead of rounding them (877,080 元 as 87.70, 782,164 as 78.21,
  // 2,049,197 as 204.91, 2,687,760 as 268.77) and prints 873,617 元 as 887.36 万元
  'pt-czj-2025-budget.pdf': ['narrative.amount 第7页 A10', 'narrative.amount 第7页 A13', 'narrative.amount 第7页 A15', 'narrative.amount 第7页 A16', 'narrative.amount 第7页 A17'],
  // 01 and 04 name class 210 by its pre-2019 name 医疗卫生与计划生育支出 (so their totals lack it);
  // 03 and 05 print 2101102 事业单位医疗 as "7 11 02"; 06 uses the old economic codes (30212 as
  // 退休人员活动费, above the 0 因公出国 of 07); the 编制说明 gives 社会福利事业单位 738.66 万元, 05 prints 6,964,796 元
  // and 06 numbers a 302 款 of its own, 30210 车辆运行费 (the national list of 302 has no 30210)
  'pt-shflyuan-2024-unit-budget.pdf': ['code.unknown 第14页 A26', 'col.sum 第7页 D14', 'col.sum 第7页 E14', 'x.t01.t03.class 第9页 E14', 'col.total 第9页 E20', 'col.total 第9页 F20', 'col.sum 第10页 D9', 'col.sum 第10页 E9', 'x.t04.t05.class 第11页 E14', 'col.total 第11页 E20', 'col.total 第11页 F20', 'x.sangong.econ 第14页 D28', 'narrative.amount 第6页 A12'],
  'pt-ghzy-2024-final.pdf': [],
  'js-gjfy-2019-budget.pdf': [],
};

describe('no error but the publication\'s own mistakes', () => {
  test.each(Object.keys(REAL_ERRORS))('%s', (name) => {
    const { report } = read.get(name)!;
    const errors = report.findings.filter((f) => f.severity === 'error').map((f) => `${f.rule} ${f.sheet!.split(' ')[0]} ${f.cell}`);
    expect(errors.sort()).toEqual([...REAL_ERRORS[name]].sort());
  });

  test('the 收支总表 of 万里街道 and 财政局 read with their spending rows; the gjfy 公开09 "三公"经费 heading over its own columns', () => {
    for (const name of ['pt-wljd-2025-budget.pdf', 'pt-czj-2025-budget.pdf']) {
      const { report, layout } = read.get(name)!;
      const t01 = report.tables.find((t) => t.id === 'budget.01')!;
      expect(report.findings.filter((f) => f.sheet === t01.sheet && f.severity !== 'notice')).toEqual([]);
      // the income amount printed against the spending label beside it (财政局) read apart from it
      const sheet = layout.grid.sheets.find((s) => s.name === t01.sheet)!;
      expect([textAt(sheet, 5, 2), textAt(sheet, 5, 3)]).toEqual([name.includes('czj') ? '31,214,205.80' : '189,767,551', '一、一般公共服务支出']);
    }
    const { layout } = read.get('js-gjfy-2019-budget.pdf')!;
    const sheet = layout.grid.sheets.find((s) => s.name.startsWith('第14页 “三公”'))!;
    expect(sheet.merges).toEqual(expect.arrayContaining(['A5:A7', 'B5:G5', 'D6:F6', 'H5:H7', 'I5:I7']));
  });
});

describe('万里街道 narratives checked against their own tables', () => {
  test.each(['2023', '2024', '2025'])('%s', (year) => {
    const { report } = read.get(`pt-wljd-${year}-budget.pdf`)!;
    expect(report.year).toBe(Number(year));
    expect(report.department).toBe('上海市普陀区人民政府万里街道办事处');
    expect(report.otherSheets!.some((s) => s.kind === '情况说明')).toBe(true);
    // the stated income total is the table's (no finding on it), and findings on the narrative name the table cell they compare with
    const narrative = report.findings.filter((f) => f.sheet && /说明/.test(f.sheet) && f.rule.startsWith('narrative'));
    expect(narrative.filter((f) => /收入总计|收入预算/.test(f.message))).toEqual([]);
    for (const f of narrative.filter((f) => /表中是/.test(f.message))) expect(f.message).toMatch(/第\d+页 /);
  });
});

describe('gongkai check on a PDF', () => {
  test('findings point at the page and the printed text; JSON gains a location', async () => {
    const file = path.join(DIR, 'pt-wljd-2025-budget.pdf');
    const { code, out } = await run(['check', file, '--json']);
    expect(code).toBe(1);
    const report = JSON.parse(out) as Report;
    expect(report.tables).toHaveLength(9);
    // a real error of the published PDF: 城乡社区管理事务 printed 1 元 more than its 项 add up to
    const f = report.findings.find((x) => x.sheet === '第10页 2025年部门收入预算总表' && /21201 城乡社区管理事务的收入合计/.test(x.message))!;
    expect(f.location).toEqual({ page: 12, box: expect.any(Array), text: '94,995,790', row: '城乡社区管理事务' });
    for (const k of ['rule', 'severity', 'sheet', 'cell', 'cells', 'message', 'expected', 'actual']) expect(f).toHaveProperty(k);
  });

  test('a PDF without tables: a clear Chinese message, exit 2', async () => {
    const { code, err } = await run(['check', path.join(DIR, 'js-zxbgt-2019-budget.pdf')]);
    expect(code).toBe(2);
    expect(err).toMatch(/没有识别出任何公开表/);
    // a PDF is not called a workbook
    expect(err).toMatch(/PDF 文件/);
    expect(err).not.toMatch(/工作簿/);
  });

  test('not a PDF, named .pdf: exit 2', async () => {
    const { code, err } = await run(['check', path.join(DIR, 'README.md')]);
    expect(code).toBe(2);
    expect(err).toMatch(/README\.md/);
  });
});
