// The PDF layout on generated text runs: columns from the header, a table continued over a page
// with its header repeated and a page number, a wrapped name, a dash for zero, justified prose.
import { textAt } from '../src/core/grid';
import type { PdfPage, TextRun } from '../src/core/pdf-layout/lines';
import { layoutPages } from '../src/core/pdf-layout/layout';
import { unjustify } from '../src/core/pdf-layout/lines';

const W = 842;
const H = 595;
/** A run of 10-point text whose right edge (numbers) or left edge (text) is at x. */
const t = (text: string, x: number, y: number, size = 10): TextRun => ({ text, x, y, width: text.length * size, size });
const n = (text: string, right: number, y: number): TextRun => ({ text, x: right - text.length * 5, y, width: text.length * 5, size: 10 });

const header = (y: number): TextRun[] => [t('项目', 120, y), t('一般公共预算支出', 420, y), t('科目编码', 60, y + 24), t('科目名称', 150, y + 24), t('合计', 330, y + 24), t('基本支出', 430, y + 24), t('项目支出', 560, y + 24)];

function pages(): PdfPage[] {
  const p1: TextRun[] = [t('2025年一般公共预算支出功能分类预算表', 250, 60, 16), t('编制部门：示例局', 60, 90), t('单位：元', 700, 90), ...header(120)];
  const rows: [string, string, string, string, string][] = [
    ['201', '一般公共服务支出', '1,000.00', '600.00', '400.00'],
    ['20101', '人大事务', '1,000.00', '600.00', '400.00'],
  ];
  rows.forEach(([code, name, a, b, c], i) => p1.push(t(code, 60, 170 + i * 25), t(name, 150, 170 + i * 25), n(a, 370, 170 + i * 25), n(b, 480, 170 + i * 25), n(c, 610, 170 + i * 25)));
  p1.push(t('1', W / 2, 570));
  // continued: header repeated, a name wrapped onto a second line, a dash for zero
  const p2: TextRun[] = [...header(40), t('2010101', 60, 95), t('机关事业单位基本养老', 150, 90), t('保险缴费支出', 150, 101), n('1,000.00', 370, 95), n('600.00', 480, 95), n('-', 610, 95), t('合计', 150, 125), n('1,000.00', 370, 125), n('600.00', 480, 125), n('400.00', 610, 125), t('2', W / 2, 570)];
  const p3: TextRun[] = [t('情况说明', 390, 60, 16), t('2025 年 收 入 预 算 1,000.00 万 元 ，', 80, 100), t('比 上 年 增 加 10 万 元 。', 60, 115)];
  return [p1, p2, p3].map((runs, i) => ({ number: i + 1, width: W, height: H, runs }));
}

describe('PDF layout', () => {
  const layout = layoutPages(pages());
  const [table, text] = layout.grid.sheets;

  test('one sheet per table and per text section, named by page and title', () => {
    expect(layout.grid.sheets.map((s) => s.name)).toEqual(['第1页 2025年一般公共预算支出功能分类预算表', '第3页 情况说明']);
  });

  test('header over the columns where the figures stand; the parent merged over its columns', () => {
    const row = (r: number) => Array.from({ length: table.columnCount }, (_, i) => textAt(table, r, i + 1));
    expect(row(1)[0]).toBe('2025年一般公共预算支出功能分类预算表');
    expect(row(2)).toEqual(['编制部门：示例局', '', '', '', '单位：元']);
    expect(row(3)).toEqual(['项目', '', '一般公共预算支出', '', '']);
    expect(row(4)).toEqual(['科目编码', '科目名称', '合计', '基本支出', '项目支出']);
    expect(table.merges).toEqual(expect.arrayContaining(['A3:B3', 'C3:E3']));
  });

  test('rows from baselines; the continued page without its header or page number; a wrapped name joined', () => {
    const body = [5, 6, 7, 8].map((r) => Array.from({ length: 5 }, (_, i) => textAt(table, r, i + 1)));
    expect(body).toEqual([
      ['201', '一般公共服务支出', '1,000.00', '600.00', '400.00'],
      ['20101', '人大事务', '1,000.00', '600.00', '400.00'],
      ['2010101', '机关事业单位基本养老保险缴费支出', '1,000.00', '600.00', '-'],
      ['', '合计', '1,000.00', '600.00', '400.00'],
    ]);
    expect(table.rowCount).toBe(8);
  });

  test('each cell knows its page and box', () => {
    const box = layout.boxes.get(table.name)!.get('E7')!;
    expect(box.page).toBe(2);
    expect(box.x1).toBeCloseTo(610);
    expect(box.y1).toBeGreaterThan(box.y0);
  });

  test('prose as paragraphs without the justification spaces between Chinese characters', () => {
    expect(textAt(text, 1, 1)).toBe('情况说明');
    expect(textAt(text, 2, 1)).toBe('2025年收入预算1,000.00万元，比上年增加10万元。');
    expect(unjustify('收 入 预 算 12 万 元')).toBe('收入预算12万元');
  });
});

// A 决算 table as LibreOffice prints our template: a parent centred over three columns, a 栏次
// row, an ordinal label alone on its line close under the row above, and a label wrapped in its
// cell and centred on its row's figures (its first line printed above them, the rest below).
function finalPage(): PdfPage {
  const runs: TextRun[] = [
    t('一般公共预算财政拨款支出决算表', 250, 60, 16),
    t('单位：元', 700, 80),
    t('项目', 100, 100),
    t('本年支出', 430, 100),
    t('科目代码', 40, 114),
    t('科目名称', 150, 114),
    t('小计', 340, 114),
    t('基本支出', 430, 114),
    t('项目支出', 530, 114),
    t('栏次', 50, 130),
    t('1', 345, 130),
    t('2', 445, 130),
    t('3', 545, 130),
  ];
  const figures = (y: number) => [n('10.00', 380, y), n('6.00', 480, y), n('4.00', 580, y)];
  runs.push(t('20101', 40, 145), t('人大事务', 150, 145), ...figures(145));
  runs.push(t('（一）机关服务', 150, 156));
  runs.push(t('2010302', 40, 167), t('（二）一般行政管理事务', 150, 167), ...figures(167));
  runs.push(t('2010350', 40, 185), t('事业运行', 150, 185), ...figures(185));
  runs.push(t('机关事业单位基本养老', 150, 192), t('2010399', 40, 197), ...figures(197), t('保险缴费支出', 150, 202));
  return { number: 1, width: W, height: H, runs };
}

describe('PDF layout of a table LibreOffice prints', () => {
  const [table] = layoutPages([finalPage()]).grid.sheets;
  const row = (r: number) => Array.from({ length: 5 }, (_, i) => textAt(table, r, i + 1));

  test('a parent centred over three columns is no wrapped word of the middle one; a 栏次 row makes no columns', () => {
    expect(table.columnCount).toBe(5);
    expect(row(3)).toEqual(['项目', '', '本年支出', '', '']);
    expect(row(4)).toEqual(['科目代码', '科目名称', '小计', '基本支出', '项目支出']);
    expect(row(5)).toEqual(['栏次', '', '1', '2', '3']);
    expect(table.merges).toEqual(expect.arrayContaining(['A3:B3', 'C3:E3']));
  });

  test('an ordinal label starts its own row; a label wrapped in its cell and centred on its figures is read into their row', () => {
    expect([6, 7, 8, 9, 10].map(row)).toEqual([
      ['20101', '人大事务', '10.00', '6.00', '4.00'],
      ['', '（一）机关服务', '', '', ''],
      ['2010302', '（二）一般行政管理事务', '10.00', '6.00', '4.00'],
      ['2010350', '事业运行', '10.00', '6.00', '4.00'],
      ['2010399', '机关事业单位基本养老保险缴费支出', '10.00', '6.00', '4.00'],
    ]);
    expect(table.rowCount).toBe(10);
  });
});

// A 决算 table whose row labels are wrapped in their cells and centred on their row's figures (as
// 普陀区规划和自然资源局 prints its 公开05表): a two-line label's first line printed above the figures,
// as close under the label above as its own lines are; a three-line label's middle line on the figures'
// baseline; a one-line label a little above it; the first row's first line close under the header.
function centredPage(): PdfPage {
  const figures = (y: number) => [n('10.00', 370, y), n('6.00', 480, y), n('4.00', 610, y)];
  const runs: TextRun[] = [t('一般公共预算财政拨款支出决算表', 250, 60, 16), t('单位：万元', 700, 80), ...header(100)];
  runs.push(t('208', 60, 160), ...figures(160), t('社会保障和就', 150, 153.5), t('业支出', 150, 166.5));
  runs.push(t('20805', 60, 187), ...figures(187), t('行政事业单位', 150, 180.5), t('养老支出', 150, 193.5));
  runs.push(t('2080505', 60, 220), ...figures(220), t('机关事业单位', 150, 207), t('基本养老保险', 150, 220), t('缴费支出', 150, 233));
  runs.push(t('2080599', 60, 253), ...figures(253), t('其他行政事业', 150, 246.5), t('单位养老支出', 150, 259.5));
  runs.push(t('210', 60, 278), ...figures(278), t('卫生健康支出', 150, 273));
  runs.push(t('合计', 150, 300), ...figures(300));
  return { number: 1, width: W, height: H, runs };
}

// The same labels printed from the top of their cells (公开02, 03 of that 决算): the wrapped end a
// little further under its first line than running text would be, still well above the next row.
function topAlignedPage(): PdfPage {
  const figures = (y: number) => [n('10.00', 370, y), n('6.00', 480, y), n('4.00', 610, y)];
  const runs: TextRun[] = [t('一般公共预算财政拨款支出决算表', 250, 60, 16), t('单位：万元', 700, 80), ...header(100)];
  runs.push(t('2080505', 60, 200), t('机关事业单位基本养老保险缴', 150, 200), ...figures(200), t('费支出', 150, 215.5));
  runs.push(t('2080506', 60, 232), t('机关事业单位职业年金缴费支', 150, 232), ...figures(232), t('出', 150, 247.5));
  runs.push(t('210', 60, 264), t('卫生健康支出', 150, 264), ...figures(264));
  runs.push(t('21011', 60, 287.5), t('行 政 事 业 单 位 医 疗', 150, 287.5), ...figures(287.5));
  runs.push(t('合计', 150, 311), ...figures(311));
  return { number: 1, width: W, height: H, runs };
}

describe('PDF layout of wrapped row labels', () => {
  const body = (page: PdfPage) => {
    const [table] = layoutPages([page]).grid.sheets;
    return Array.from({ length: table.rowCount - 4 }, (_, r) => [textAt(table, r + 5, 1), textAt(table, r + 5, 2), textAt(table, r + 5, 3)]);
  };

  test('labels centred on their figures: each line read into the row it is centred on, not the row above', () => {
    expect(body(centredPage())).toEqual([
      ['208', '社会保障和就业支出', '10.00'],
      ['20805', '行政事业单位养老支出', '10.00'],
      ['2080505', '机关事业单位基本养老保险缴费支出', '10.00'],
      ['2080599', '其他行政事业单位养老支出', '10.00'],
      ['210', '卫生健康支出', '10.00'],
      ['', '合计', '10.00'],
    ]);
  });

  test('labels printed from the top of their cells: the wrapped end joins its row, not a row of its own', () => {
    expect(body(topAlignedPage())).toEqual([
      ['2080505', '机关事业单位基本养老保险缴费支出', '10.00'],
      ['2080506', '机关事业单位职业年金缴费支出', '10.00'],
      ['210', '卫生健康支出', '10.00'],
      ['21011', '行政事业单位医疗', '10.00'],
      ['', '合计', '10.00'],
    ]);
  });

  test('a label letter-spaced across its cell read without the spaces', () => {
    expect(body(topAlignedPage())[3]).toEqual(['21011', '行政事业单位医疗', '10.00']);
  });
});

// A "三公" table whose 小计 is centred over its two columns beside, not under, the parent it belongs
// to (公务用车购置及运行维护费 centred over six), all under one heading over the whole table.
function sangongPage(): PdfPage {
  const at = (text: string, x0: number, x1: number, y: number): TextRun => ({ text, x: x0, y, width: x1 - x0, size: 10 });
  const runs: TextRun[] = [
    at('财政拨款“三公”经费支出决算表', 342, 500, 100),
    at('单位：万元', 684, 736, 114),
    at('财政拨款“三公”经费', 369, 474, 129),
    at('公务用车购置及运行维护费', 412, 538, 144),
    at('因公出国', 239, 281, 155.5),
    at('合计', 142, 163, 162.4),
    at('公务用车', 454, 496, 162.4),
    at('公务用车', 561, 604, 162.4),
    at('公务接待费', 664, 717, 162.4),
    at('（境）费', 239, 281, 169.2),
    at('小计', 357, 378, 169.2),
    at('购置费', 459, 491, 176.7),
    at('运行维护费', 556, 609, 176.7),
  ];
  const lefts = [109, 163, 217, 271, 325, 378, 432, 486, 540, 594, 647, 701];
  lefts.forEach((x, i) => runs.push(at(i % 2 ? '决算数' : '预算数', x, x + 32, 200), at(`${i}.00`, x + 17, x + 38, 227)));
  return { number: 1, width: W, height: H, runs };
}

describe('PDF layout of a header with a subtotal beside its parent', () => {
  const [table] = layoutPages([sangongPage()]).grid.sheets;
  const row = (r: number) => Array.from({ length: table.columnCount }, (_, i) => textAt(table, r, i + 1));

  test('小计 heads the first two of its parent\'s six columns, not a column of its own', () => {
    expect(table.columnCount).toBe(12);
    expect(row(4)).toEqual(['合计', '', '因公出国（境）费', '', '公务用车购置及运行维护费', '', '', '', '', '', '公务接待费', '']);
    expect(row(5)).toEqual(['', '', '', '', '小计', '', '公务用车购置费', '', '公务用车运行维护费', '', '', '']);
    expect(row(7)).toEqual(Array.from({ length: 12 }, (_, i) => `${i}.00`));
    expect(table.merges).toEqual(expect.arrayContaining(['A3:L3', 'E4:J4', 'E5:F5']));
  });
});

// Rows without figures under one another (a 收入预算总表's 小计 and its 其中 line, beside a group
// label centred between them): the longer label under the shorter is a row of its own, not a wrap.
function incomePage(): PdfPage {
  const runs: TextRun[] = [t('收入预算总表', 244, 130, 16), t('部门名称：示例局', 62, 159), t('单位：万元', 483, 159), t('项目名称', 223, 176), t('金额', 474, 176)];
  runs.push(t('收入总计', 223, 196), n('37,188.34', 533, 196));
  runs.push(t('一般公共预算资金', 92, 216), t('公共财政拨款（补助）资金', 213, 216), n('37,188.34', 533, 216));
  runs.push(t('小计', 213, 236), t('上年结转和结余资金', 87, 246), t('其中：动用上年结转和结余资金', 213, 256));
  runs.push(t('收入合计', 223, 276), n('37,188.34', 533, 276));
  return { number: 1, width: W, height: H, runs };
}

describe('PDF layout of label rows without figures', () => {
  test('a longer label flush under a shorter one starts its own row', () => {
    const [table] = layoutPages([incomePage()]).grid.sheets;
    const labels = Array.from({ length: table.rowCount }, (_, r) => Array.from({ length: table.columnCount }, (_, c) => textAt(table, r + 1, c + 1)).join('|'));
    expect(labels).toContain('上年结转和结余资金|小计|');
    expect(labels).toContain('|其中：动用上年结转和结余资金|');
  });
});
