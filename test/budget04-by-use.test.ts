// 公开04 财政拨款收支总表 with spending by 支出用途 only, as Jiangsu prints it: 收入 | 支出 (支出用途:
// 基本支出, 项目支出, 单位预留机动经费, 支出合计), no 功能分类 block. Read from the real 江苏省高级人民法院
// PDF (page 10) and from a workbook generated with the byUse option (three blocks).
import { loadCatalog, loadSpecs } from '../src/adapters/node/templates';
import { openBook } from '../src/core/check/check';
import { type WorkbookGrid } from '../src/core/grid';
import { recognize } from '../src/core/recognize/tables';
import { printAcross } from './helpers/layout-grammar';
import { cloneBook, sheetOf } from './helpers/layouts';
import { checkGjfy, findingsOn, readGjfy, setText } from './helpers/gjfy';
import { checkSample, sampleCatalogs, sampleGrid, sampleLedger } from './helpers/sample';

const PAGE = '第10页 财政拨款收支预算总表';
const specs = loadSpecs();

let pdfGrid: WorkbookGrid;
beforeAll(async () => {
  pdfGrid = await readGjfy();
}, 60_000);

describe('江苏 公开04 (gjfy 2019, page 10)', () => {
  test('every row read: the 支出用途 block stands where the 功能分类 block would', () => {
    const t = recognize(pdfGrid, { specs, classes: loadCatalog('function', 2024).classes(), year: 2019 }).tables.find((x) => x.sheet === PAGE)!;
    expect(t.spec.id).toBe('budget.04');
    expect(Object.fromEntries([...t.columns].sort((a, b) => a[1] - b[1]))).toEqual({ incomeLabel: 1, income: 2, useLabel: 3, useExpense: 4 });
    expect(t.rows.map((r) => `${r.key}@${r.row}`).sort()).toEqual(['gf@8', 'gpb@7', 'incomeTotal@10', 'useBasic@7', 'useProject@8', 'useReserve@9', 'useTotal@10'].sort());
    expect(t.unmatched).toEqual([]);
  });

  test('checked with no finding, the cross-table rules on 功能分类 skipped', () => {
    const report = checkGjfy(pdfGrid);
    expect(findingsOn(report.findings, PAGE)).toEqual([]);
    expect(report.findings.filter((f) => f.rule.startsWith('x.t04'))).toEqual([]);
  });

  test('a 基本支出 printed wrong is exactly one error, at 支出合计', () => {
    const grid = cloneBook(pdfGrid);
    setText(grid, PAGE, 'D7', '21,969.00');
    const report = checkGjfy(grid);
    expect(findingsOn(report.findings, PAGE)).toEqual(['col.sum error D10']);
    const f = report.findings.find((x) => x.sheet === PAGE)!;
    expect([f.expected, f.actual]).toEqual([37189.34, 37188.34]);
    expect(f.message).toContain('基本支出');
  });

  test('支出合计 ≠ 收入合计: its sum and the balance', () => {
    const grid = cloneBook(pdfGrid);
    setText(grid, PAGE, 'D10', '37,188.43');
    expect(findingsOn(checkGjfy(grid).findings, PAGE)).toEqual(['t04.byUse.balance error B10', 'col.sum error D10']);
  });
});

describe('a workbook generated with 支出用途 (option byUse): 公开04 in three blocks', () => {
  const ledger = sampleLedger('budget-2025');
  let grid: WorkbookGrid;
  beforeAll(async () => {
    grid = await sampleGrid('budget-2025', undefined, { byUse: true });
  });

  const rowWith = (book: WorkbookGrid, text: string) => {
    const t04 = sheetOf(book, '预算04表');
    return [...t04.rows].find(([, cells]) => [...cells.values()].some((c) => c.value === text))!;
  };

  test('read back clean, 基本支出 + 项目支出 = 本年支出', () => {
    const texts = [...sheetOf(grid, '预算04表').rows.values()].flatMap((r) => [...r.values()]).map((c) => c.value);
    expect(texts).toEqual(expect.arrayContaining(['支出用途', '一、基本支出', '三、单位预留机动经费', '当年支出小计', '支出合计']));
    const report = checkSample(grid, ledger);
    const t = report.tables.find((x) => x.id === 'budget.04')!;
    expect(t.how!.columns.map((c) => c.key)).toEqual(expect.arrayContaining(['expense', 'expenseGpb', 'useLabel', 'useExpense']));
    expect(report.findings.filter((f) => f.severity !== 'notice')).toEqual([]);
  });

  test('one wrong 项目支出 is exactly that finding', () => {
    const book = cloneBook(grid);
    const [row, cells] = rowWith(book, '二、项目支出');
    const col = Math.max(...cells.keys());
    cells.get(col)!.value = (cells.get(col)!.value as number) + 1;
    const findings = checkSample(book, ledger).findings.filter((f) => f.severity !== 'notice');
    expect(findings.map((f) => `${f.rule} ${f.severity}`)).toEqual(['col.sum error']);
    expect(findings[0].cells.some((c) => c.endsWith(String(row)))).toBe(true);
  });

  test('支出合计 printed once across both 支出 blocks: clean', () => {
    const catalogs = sampleCatalogs(ledger);
    const t = openBook({ grid, specs, catalogs: () => catalogs, year: ledger.year }).book.recognition.tables.find((x) => x.spec.id === 'budget.04')!;
    const book = cloneBook(grid);
    printAcross(sheetOf(book, '预算04表'), t);
    const [, cells] = rowWith(book, '支出合计');
    expect([...cells.values()].map((c) => c.value)).toEqual(['收入总计', expect.any(Number), '支出合计', expect.any(Number)]);
    expect(checkSample(book, ledger).findings.filter((f) => f.severity !== 'notice')).toEqual([]);
  });
});
