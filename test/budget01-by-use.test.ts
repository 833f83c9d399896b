// 公开01 with spending shown twice, as Jiangsu prints it: 收入 | 支出 by 功能分类 | 支出 by 支出用途
// (基本支出, 项目支出, 单位预留机动经费), the 当年支出小计 / 支出合计 lines printed across both 支出
// blocks with their amounts in the 支出用途 column. Read from the real 江苏省高级人民法院 PDF (page 8)
// and from a workbook generated with the byUse option.
import { loadCatalog, loadSpecs } from '../src/adapters/node/templates';
import { type WorkbookGrid } from '../src/core/grid';
import { recognize, type RecognizedTable } from '../src/core/recognize/tables';
import { openBook } from '../src/core/check/check';
import { checkSample, sampleCatalogs, sampleGrid, sampleLedger } from './helpers/sample';
import { generateLayout, printAcross } from './helpers/layout-grammar';
import { random } from './helpers/workbook';
import { cloneBook, sheetOf } from './helpers/layouts';
import { checkGjfy, findingsOn, readGjfy, setText } from './helpers/gjfy';

const PAGE = '第8页 收支预算总表';
const specs = loadSpecs();
/** 2019's 21 classes read by the 2024 catalog's names: all but 资源勘探信息等支出 (2024: 资源勘探工业信息等支出), printed blank. */
const CLASSES = 20;

let pdfGrid: WorkbookGrid;
beforeAll(async () => {
  pdfGrid = await readGjfy();
}, 60_000);

/** The sample budget with option byUse: its 支出用途 rows filled from the sample's 基本/项目 split. */
function byUseGrid(): Promise<WorkbookGrid> {
  return sampleGrid('budget-2025', undefined, { byUse: true });
}

describe('江苏 公开01 (gjfy 2019, page 8)', () => {
  test('every row read, the 支出用途 block and the lines across both 支出 blocks among them', () => {
    const t = recognize(pdfGrid, { specs, classes: loadCatalog('function', 2024).classes(), year: 2019 }).tables.find((x) => x.sheet === PAGE)!;
    expect(t.spec.id).toBe('budget.01');
    expect(Object.fromEntries(['incomeLabel', 'income', 'expenseLabel', 'expense', 'useLabel', 'useExpense'].map((k) => [k, t.columns.get(k)]))).toEqual({
      incomeLabel: 1,
      income: 2,
      expenseLabel: 3,
      expense: 4,
      useLabel: 5,
      useExpense: 6,
    });
    const at = (key: string) => t.rows.filter((r) => r.key === key).map((r) => r.row);
    expect(Object.fromEntries(['fiscal', 'gpb', 'gf', 'special', 'otherIncome', 'incomeSubtotal', 'carryIn', 'incomeTotal'].map((k) => [k, at(k)]))).toEqual({
      fiscal: [7],
      gpb: [8],
      gf: [9],
      special: [10],
      otherIncome: [11],
      incomeSubtotal: [28],
      carryIn: [29],
      incomeTotal: [30],
    });
    expect(Object.fromEntries(['useBasic', 'useProject', 'useReserve', 'useSubtotal', 'useCarryOut', 'useTotal', 'expenseSubtotal', 'carryOut', 'expenseTotal'].map((k) => [k, at(k)]))).toEqual({
      useBasic: [7],
      useProject: [8],
      useReserve: [9],
      useSubtotal: [28],
      useCarryOut: [29],
      useTotal: [30],
      expenseSubtotal: [28],
      carryOut: [29],
      expenseTotal: [30],
    });
    expect(t.rows.filter((r) => r.key.startsWith('class.'))).toHaveLength(CLASSES);
    expect(t.unmatched).toEqual([]);
  });

  test('checked with no finding: 当年收入小计, 当年支出小计 = 基本 + 项目 + 机动 = Σ 功能分类, 收入合计 = 支出合计', () => {
    const report = checkGjfy(pdfGrid);
    expect(findingsOn(report.findings, PAGE)).toEqual([]);
  });

  test('a 基本支出 printed wrong is exactly one error, at 当年支出小计', () => {
    const grid = cloneBook(pdfGrid);
    setText(grid, PAGE, 'F7', '21,969.00');
    const report = checkGjfy(grid);
    expect(findingsOn(report.findings, PAGE)).toEqual(['col.sum error F28']);
    const f = report.findings.find((x) => x.sheet === PAGE)!;
    expect([f.expected, f.actual]).toEqual([37189.34, 37188.34]);
    expect(f.message).toContain('基本支出');
  });

  test('a 功能分类 class printed wrong is found against the 当年支出小计 printed in the 支出用途 column', () => {
    const grid = cloneBook(pdfGrid);
    setText(grid, PAGE, 'D10', '27,489.23');
    const report = checkGjfy(grid);
    expect(findingsOn(report.findings, PAGE)).toEqual(['col.sum error F28']);
    expect(report.findings.find((x) => x.sheet === PAGE)!.expected).toBe(37189.34);
  });

  test('收入合计 ≠ 支出合计 is the balance error', () => {
    const grid = cloneBook(pdfGrid);
    setText(grid, PAGE, 'B30', '37,188.43');
    expect(findingsOn(checkGjfy(grid).findings, PAGE)).toEqual(['col.sum error B30', 't01.balance error B30']);
  });
});

describe('a workbook generated with 支出用途 (option byUse)', () => {
  const ledger = sampleLedger('budget-2025');
  let grid: WorkbookGrid;
  beforeAll(async () => {
    grid = await byUseGrid();
  });

  test('laid out in three blocks and read back clean', () => {
    const t01 = sheetOf(grid, '预算01表');
    const texts = [...t01.rows.values()].flatMap((r) => [...r.values()]).map((c) => c.value);
    expect(texts).toEqual(expect.arrayContaining(['支出用途', '一、基本支出', '三、单位预留机动经费', '当年支出小计', '支出合计']));
    const report = checkSample(grid, ledger);
    const t = report.tables.find((x) => x.id === 'budget.01')!;
    expect(t.how!.columns.map((c) => c.key).sort()).toEqual(['expense', 'expenseLabel', 'income', 'incomeLabel', 'useExpense', 'useLabel']);
    expect(report.findings.filter((f) => f.severity !== 'notice')).toEqual([]);
  });

  test('one wrong figure is exactly that finding', () => {
    const book = cloneBook(grid);
    const t01 = sheetOf(book, '预算01表');
    const row = [...t01.rows].find(([, cells]) => [...cells.values()].some((c) => c.value === '二、项目支出'))![0];
    const cell = t01.rows.get(row)!.get(6)!;
    cell.value = (cell.value as number) + 1;
    const findings = checkSample(book, ledger).findings.filter((f) => f.severity !== 'notice');
    expect(findings.map((f) => `${f.rule} ${f.severity}`)).toEqual(['col.sum error']);
    expect(findings[0].cells).toContain(`F${row}`);
  });
});

describe('generated layouts of the 支出用途 workbook (test/helpers/layout-grammar.ts)', () => {
  const ledger = sampleLedger('budget-2025');
  let base: WorkbookGrid;
  let tables: Map<string, RecognizedTable>;
  beforeAll(async () => {
    base = await byUseGrid();
    const catalogs = sampleCatalogs(ledger);
    tables = new Map(openBook({ grid: base, specs, catalogs: () => catalogs, year: ledger.year }).book.recognition.tables.map((t) => [t.spec.id, t]));
  });

  test('the lines closing both 支出 blocks printed once across them (江苏), amounts in the 支出用途 column: clean', () => {
    const book = cloneBook(base);
    const t = tables.get('budget.01')!;
    printAcross(sheetOf(book, '预算01表'), t);
    const grid = sheetOf(book, '预算01表');
    const line = (key: string) => grid.rows.get(t.rows.find((r) => r.key === key)!.row)!;
    expect([...line('useSubtotal').values()].map((c) => c.value)).toEqual(['本年收入合计', expect.any(Number), '当年支出小计', expect.any(Number)]);
    expect(checkSample(book, ledger).findings.filter((f) => f.severity !== 'notice')).toEqual([]);
    // one wrong figure: that finding only
    const cell = line('useProject').get(6)!;
    cell.value = (cell.value as number) + 1;
    expect(checkSample(book, ledger).findings.filter((f) => f.severity !== 'notice').map((f) => `${f.rule} ${f.severity}`)).toEqual(['col.sum error']);
  });

  test('60 layouts from the grammar give no error or warning, some printing those lines across', () => {
    const loud: string[] = [];
    let across = 0;
    for (let seed = 3001; seed < 3061; seed++) {
      const { book, features } = generateLayout(base, tables, seed, random(seed), { kind: 'budget', year: ledger.year, department: ledger.department });
      if (features.includes('across')) across++;
      const report = checkSample(book, ledger);
      expect(report.tables.find((x) => x.id === 'budget.01')?.how!.columns.some((c) => c.key === 'useExpense')).toBe(true);
      for (const f of report.findings) if (f.severity !== 'notice') loud.push(`${features.join(' | ')}: ${f.rule} ${f.sheet}!${f.cell} ${f.message}`);
    }
    expect(loud.slice(0, 5)).toEqual([]);
    expect(across).toBeGreaterThan(10);
  });
});
