// Recognition by meaning, on generated layouts: the sample department's budget (codes in one
// column, and in 类 | 款 | 项 columns) and 决算, laid out 400 ways each from a grammar
// (test/helpers/layout-grammar.ts): 1,200 layouts. Every layout must be read to the same model as
// the standard one (the same tables, rows, columns and amounts), and, the figures being
// consistent, no layout may give an error or a warning.
import { readAmount } from '../src/core/recognize/code-table';
import { openBook } from '../src/core/check/check';
import type { WorkbookGrid } from '../src/core/grid';
import type { RecognizedTable } from '../src/core/recognize/tables';
import { random } from './helpers/workbook';
import { checkSample, sampleCatalogs, sampleGrid, sampleLedger } from './helpers/sample';
import { specs } from './helpers/workbook';
import { generateLayout } from './helpers/layout-grammar';
import type { Ledger } from '../src/core/ledger';

const LAYOUTS_PER_KIND = Number(process.env.LAYOUTS ?? 400);

/** Every amount the recognition reads, by table, row key and column key, in 万元 cents. */
function model(book: WorkbookGrid, ledger: Ledger): { tables: string[]; amounts: string[] } {
  const catalogs = sampleCatalogs(ledger);
  const { book: b } = openBook({ grid: book, specs, catalogs: () => catalogs, year: ledger.year });
  const amounts: string[] = [];
  for (const t of b.recognition.tables) {
    const grid = book.sheets.find((s) => s.name === t.sheet)!;
    const factor = (t.unit ?? t.spec.unit) === '元' ? 10000 : 1;
    for (const row of t.rows) {
      for (const [key, col] of t.columns) {
        if (t.spec.blocks.flatMap((bl) => bl.columns).find((c) => c.key === key)?.role !== 'amount') continue;
        if (t.spec.blocks.some((bl) => bl.rows.kind === 'fixed') && !sameBlock(t, row.block, key)) continue;
        const cents = readAmount(grid, row.row, col).cents;
        if (cents !== null && cents !== 0) amounts.push(`${t.spec.id}|${row.key}|${key}|${cents / factor}`);
      }
    }
  }
  return { tables: b.recognition.tables.map((t) => t.spec.id).sort(), amounts: amounts.sort() };
}

function sameBlock(t: RecognizedTable, block: number, key: string): boolean {
  return t.spec.blocks[block]?.columns.some((c) => c.key === key) ?? false;
}

describe.each([
  ['budget', 'budget-2025', 1, {}],
  ['budget', 'budget-2025', 2001, { splitCodes: true }],
  ['final', 'final-2024', 1001, {}],
] as const)('%s %j: generated layouts', (kind, name, firstSeed, options) => {
  const ledger = sampleLedger(name);
  let base: WorkbookGrid;
  let baseModel: ReturnType<typeof model>;
  let tables: Map<string, RecognizedTable>;

  beforeAll(async () => {
    base = await sampleGrid(name, undefined, options);
    baseModel = model(base, ledger);
    const catalogs = sampleCatalogs(ledger);
    const { book } = openBook({ grid: base, specs, catalogs: () => catalogs, year: ledger.year });
    tables = new Map(book.recognition.tables.map((t) => [t.spec.id, t]));
  });

  it('the standard layout is the model: nine tables, every amount read', () => {
    expect(baseModel.tables).toHaveLength(9);
    expect(baseModel.amounts.length).toBeGreaterThan(50);
  });

  it(`each of ${LAYOUTS_PER_KIND} layouts reads to the same model and gives no error or warning`, () => {
    const failures: string[] = [];
    const seen = new Set<string>();
    for (let seed = firstSeed; seed < firstSeed + LAYOUTS_PER_KIND; seed++) {
      const { book, features } = generateLayout(base, tables, seed, random(seed), { kind, year: ledger.year, department: ledger.department });
      for (const f of features) seen.add(f.replace(/:.*/, ''));
      const m = model(book, ledger);
      const report = checkSample(book, ledger);
      const loud = report.findings.filter((f) => f.severity !== 'notice');
      const missing = baseModel.amounts.filter((a) => !m.amounts.includes(a));
      const extra = m.amounts.filter((a) => !baseModel.amounts.includes(a));
      if (m.tables.join() !== baseModel.tables.join() || missing.length || extra.length || loud.length) {
        failures.push(
          [
            features.join(' | '),
            `tables ${m.tables.join(',')}`,
            missing.length ? `missing ${missing.slice(0, 4).join(' ')}` : '',
            extra.length ? `extra ${extra.slice(0, 4).join(' ')}` : '',
            ...loud.slice(0, 3).map((f) => `${f.severity} ${f.rule} ${f.sheet}!${f.cell} ${f.message}`),
          ]
            .filter(Boolean)
            .join('\n  '),
        );
      }
    }
    expect(failures.slice(0, 5)).toEqual([]);
    // the grammar really varied the layouts (决算 tables are in 元 already: no 万元 → 元 there)
    const features = ['blank-row', 'extra', 'group-row', 'joined', 'lanci', 'note', 'numbers', 'stacked', 'swap', 'synonyms', 'title', 'total-bottom+0', 'total-bottom+3'];
    expect([...seen].sort()).toEqual(expect.arrayContaining(kind === 'budget' ? [...features, 'yuan'] : features));
  });
});
