// The three seed documents as workbooks in their own layouts (test/fixtures/seeds): the checker
// finds their real mistakes at their cells, and on the corrected copies reports no error or
// warning in the tables it recognises. Codes are checked against a catalog made of the codes the
// documents print (their misspellings corrected), so this pins the checker, not the catalog data.
import { Catalog } from '../src/core/catalog/catalog';
import { checkWorkbook } from '../src/core/check/check';
import type { Finding } from '../src/core/check/finding';
import { readWorkbookGrid } from '../src/adapters/exceljs/read-grid';
import { loadCatalog, loadCrossRules } from '../src/adapters/node/templates';
import { buildSeedWorkbook, type SeedName } from './fixtures/seeds/build';
import { SEED_MISTAKES } from './fixtures/seeds/mistakes';
import { SEED_CODES, SEED_NAME_ERRORS } from './fixtures/seed-codes';
import { specs } from './helpers/workbook';

const entries = SEED_CODES.map(([code, name]) => ({ code, name: SEED_NAME_ERRORS[`${code}|${name}`]?.catalog ?? name }));
const unique = (xs: { code: string; name: string }[]) => [...new Map(xs.map((x) => [x.code, x])).values()];
const fn = new Catalog('function', 2024, unique([...loadCatalog('function', 2024).classes(), ...entries.filter((e) => e.code.startsWith('2'))]));
const econ = new Catalog('economic-dept', 2024, unique(entries.filter((e) => e.code.startsWith('3'))));
const YEARS: Record<SeedName, number> = { '000': 2024, '002': 2023, '003': 2024 };

async function check(seed: SeedName, corrected: boolean): Promise<Finding[]> {
  const grid = readWorkbookGrid(await buildSeedWorkbook(seed, corrected));
  return checkWorkbook({ file: seed, grid, specs, crossRules: loadCrossRules(), catalogs: () => ({ function: fn, 'economic-dept': econ }), year: YEARS[seed] }).findings;
}

/** The mistakes of the tables this checker reads, with the rule that must flag each. */
const DETECTED: { seed: SeedName; sheet: string; cells: string[]; rule: string }[] = [
  { seed: '000', sheet: '表二', cells: ['A6'], rule: 'text.placeholder' },
  { seed: '000', sheet: '表四', cells: ['D5', 'D35'], rule: 'col.sum' },
  { seed: '000', sheet: '表四', cells: ['B5', 'B6'], rule: 'col.sum' },
  { seed: '000', sheet: '表七', cells: ['E16', 'C16', 'E6'], rule: 'hier.sum' },
  { seed: '000', sheet: '表七', cells: ['C16'], rule: 'row.sum' },
  { seed: '002', sheet: '公开03表', cells: ['B11'], rule: 'code.name' },
  { seed: '002', sheet: '公开06表', cells: ['B13'], rule: 'code.name' },
  { seed: '002', sheet: '公开06表', cells: ['H29'], rule: 'code.name' },
  { seed: '002', sheet: '公开06表', cells: ['C15'], rule: 'link.30110.2101101+2101102' },
  { seed: '002', sheet: '公开06表', cells: ['C16'], rule: 'link.30111.2101103' },
  { seed: '003', sheet: '部门公开表3', cells: ['C14', 'D14'], rule: 'row.sum' },
  { seed: '003', sheet: '部门公开表3', cells: ['D12'], rule: 'hier.sum' },
  { seed: '003', sheet: '部门公开表3', cells: ['C18', 'D18'], rule: 'hier.sum' },
  { seed: '003', sheet: '部门公开表5', cells: ['A2'], rule: 'header.unit' },
  { seed: '003', sheet: '部门公开表5', cells: ['E10', 'C10'], rule: 'x.t05.t03.code' },
  { seed: '003', sheet: '部门公开表6', cells: ['C15'], rule: 'code.name' },
  { seed: '003', sheet: '部门公开表6', cells: ['C16'], rule: 'code.name' },
  { seed: '003', sheet: '部门公开表6', cells: ['D8', 'E8'], rule: 'hier.sum' },
  { seed: '003', sheet: '部门公开表7', cells: ['A4', 'G4'], rule: 'header.year' },
];


describe.each(['000', '002', '003'] as SeedName[])('seed %s', (seed) => {
  it('finds the document’s mistakes at their cells', async () => {
    const findings = await check(seed, false);
    for (const d of DETECTED.filter((x) => x.seed === seed)) {
      const hit = findings.find((f) => f.rule === d.rule && f.sheet === d.sheet && d.cells.includes(f.cell ?? ''));
      expect({ mistake: `${d.sheet}!${d.cells[0]} ${d.rule}`, found: Boolean(hit) }).toEqual({ mistake: `${d.sheet}!${d.cells[0]} ${d.rule}`, found: true });
    }
    // every listed mistake of a table it reads is among the findings' cells
    const read = SEED_MISTAKES.filter((m) => m.seed === seed && DETECTED.some((d) => d.seed === seed && d.sheet === m.sheet && d.cells.includes(m.cell)));
    expect(read.length).toBeGreaterThan(0);
  });

  it('recognises every table, and reports no error or warning in the tables of the corrected copy', async () => {
    const findings = (await check(seed, true)).filter((f) => f.severity !== 'notice' && !f.rule.startsWith('narrative.'));
    expect(findings.map((f) => `${f.rule} ${f.sheet}!${f.cell} ${f.message}`)).toEqual([]);
  });

  it('names the department: from a 部门 line, the income table’s first unit, or the narrative’s cover', async () => {
    const grid = readWorkbookGrid(await buildSeedWorkbook(seed, false));
    const report = checkWorkbook({ file: seed, grid, specs, crossRules: loadCrossRules(), catalogs: () => ({ function: fn, 'economic-dept': econ }), year: YEARS[seed] });
    expect(report.department).toBe({ '000': '临夏市智慧城市服务中心', '002': '临夏市政务中心', '003': '西宁市城东区城市运行指挥中心' }[seed]);
  });

  it('recognises every table of the document, in its own layout', async () => {
    const grid = readWorkbookGrid(await buildSeedWorkbook(seed, false));
    const report = checkWorkbook({ file: seed, grid, specs, crossRules: loadCrossRules(), catalogs: () => ({ function: fn, 'economic-dept': econ }), year: YEARS[seed] });
    const tableSheets = grid.sheets.map((s) => s.name).filter((n) => n !== '情况说明');
    expect(report.tables.map((t) => t.sheet).sort()).toEqual([...tableSheets].sort());
    expect(report.findings.filter((f) => f.rule === 'table.unrecognised')).toEqual([]);
  });
});
