// Notes under the fund tables and codes in the 名词解释: a note naming another fund, a code written
// with the wrong level or with a name that is not its own, each found at its cell; correct copies clean.
import { checkWorkbook, openBook } from '../src/core/check/check';
import { type Grid, newGrid, setCell, type WorkbookGrid } from '../src/core/grid';
import { parseAddress } from '../src/core/a1';
import { catalogsForCheck, loadCrossRules, loadLexicon } from '../src/adapters/node/templates';
import { sampleGrid, sampleLedger } from './helpers/sample';
import { specs, random } from './helpers/workbook';

const catalogs = catalogsForCheck();
const check = (grid: WorkbookGrid, year: number, prefix: RegExp) =>
  checkWorkbook({ file: 'x.xlsx', grid, specs, crossRules: loadCrossRules(), catalogs, year, lexicon: loadLexicon() }).findings.filter((f) => prefix.test(f.rule));

/** A copy of the grid with one cell set. */
function withCell(grid: WorkbookGrid, sheet: string, row: number, col: number, value: string): WorkbookGrid {
  return {
    sheets: grid.sheets.map((s) => {
      if (s.name !== sheet) return s;
      const copy: Grid = { ...s, rows: new Map([...s.rows].map(([r, cells]) => [r, new Map(cells)])) };
      setCell(copy, row, col, { value });
      return copy;
    }),
  };
}

describe('a note under a fund table that names another fund', () => {
  it.each([
    ['budget-2025', 'budget.09', '国有资本经营预算', '政府性基金预算'],
    ['budget-2025', 'budget.08', '政府性基金预算', '国有资本经营预算'],
    ['final-2024', 'final.08', '国有资本经营预算', '政府性基金预算'],
    ['final-2024', 'final.07', '政府性基金预算', '国有资本经营预算'],
  ])('%s %s', async (name, id, own, other) => {
    const ledger = sampleLedger(name);
    const grid = await sampleGrid(name);
    const table = openBook({ grid, specs, catalogs, year: ledger.year }).book.recognition.tables.find((t) => t.spec.id === id)!;
    const bottom = parseAddress(table.range.split(':')[1]).row;
    const note = (fund: string) => `注：本单位${ledger.year}年没有使用${fund}拨款安排的支出，故本表无数据。`;
    expect(check(withCell(grid, table.sheet, bottom + 2, 1, note(own)), ledger.year, /^table\.note-topic$/)).toEqual([]);
    const found = check(withCell(grid, table.sheet, bottom + 2, 1, note(other)), ledger.year, /^table\.note-topic$/);
    expect(found.map((f) => `${f.sheet}!${f.cell}`)).toEqual([`${table.sheet}!A${bottom + 2}`]);
    expect(found[0].message).toContain(`说的是${other}`);
  });
});

describe('codes in the 名词解释', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('seed %i: written right, clean; the wrong level or another code’s name, found at its cell', async (seed) => {
    const r = random(seed);
    const year = 2025;
    const fn = catalogs(year).function!;
    const entries = fn.entries().filter((e) => /^\d+$/.test(e.code) && [3, 5, 7].includes(e.code.length));
    const pick = () => entries[Math.floor(r() * entries.length)];
    const chosen = Array.from({ length: 6 }, pick);
    const LEVEL: Record<number, string> = { 3: '类', 5: '款', 7: '项' };
    const line = (code: string, name: string, level: string, i: number) => [`${i + 1}. ${code}${name}（${level}）：指…`, `${i + 1}. [${code}]${name}（${level}）反映…`, `${i + 1}、${code} ${name}（${level}）：反映…`][i % 3];
    const lines = chosen.map((e, i) => line(e.code, e.name, LEVEL[e.code.length], i));
    const sheetOf = (texts: string[]): Grid => {
      const g = newGrid('名词解释');
      setCell(g, 1, 1, { value: '名词解释' });
      texts.forEach((t, i) => setCell(g, i + 2, 1, { value: t }));
      return g;
    };
    const base = await sampleGrid('budget-2025');
    const run = (texts: string[]) => check({ sheets: [...base.sheets, sheetOf(texts)] }, year, /^text\.code-/);
    expect(run(lines)).toEqual([]);

    const i = Math.floor(r() * chosen.length);
    const e = chosen[i];
    const wrongLevel = LEVEL[[3, 5, 7].filter((n) => n !== e.code.length)[Math.floor(r() * 2)]];
    const levelFound = run(lines.map((l, j) => (j === i ? line(e.code, e.name, wrongLevel, j) : l)));
    expect(levelFound.map((f) => `${f.rule} ${f.cell}`)).toEqual([`text.code-level A${i + 2}`]);
    expect(levelFound[0].expected).toBe(`（${LEVEL[e.code.length]}）`);

    const bare = (n: string) => n.replace(/[（(][^）)]*[）)]/g, '').replace(/支出$/, '');
    const other = entries.find((x) => x.code.length === e.code.length && !bare(x.name).includes(bare(e.name)) && !bare(e.name).includes(bare(x.name)) && !/[\d“”、，,：:；;]/.test(x.name))!;
    const nameFound = run(lines.map((l, j) => (j === i ? line(e.code, other.name, LEVEL[e.code.length], j) : l)));
    expect(nameFound.map((f) => `${f.rule} ${f.cell}`)).toEqual([`text.code-name A${i + 2}`]);
    expect(nameFound[0].expected).toBe(e.name);
  });
});
