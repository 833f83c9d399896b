// The built-in 政府收支分类科目 catalogs: integrity of every year, the year-to-year changes,
// and agreement with the codes printed in the seed documents.
import { loadCatalogFiles } from '../src/adapters/node/templates';
import { normalizeName } from '../src/core/catalog/lookup';
import { resolveCatalog } from '../src/core/catalog/catalog';
import { ancestorCodes } from '../src/core/codes';
import { SEED_CODES, SEED_NAME_ERRORS } from './fixtures/seed-codes';

const files = loadCatalogFiles();
const years = [2024, 2025, 2026];

describe.each(['function', 'economic-dept', 'economic-gov'] as const)('%s catalog', (classification) => {
  it.each(years)('%i: every 款 has its 类, every 项 its 款; codes unique and well-formed; names non-empty', (year) => {
    const catalog = resolveCatalog(files, classification, year);
    expect(catalog).not.toBeNull();
    const entries = catalog!.entries();
    expect(new Set(entries.map((e) => e.code)).size).toBe(entries.length);
    const prefix = { function: '2', 'economic-dept': '3', 'economic-gov': '5' }[classification];
    for (const e of entries) {
      expect(e.code).toMatch(/^\d{3}(\d{2}){0,2}$/);
      expect(e.code.startsWith(prefix)).toBe(true);
      expect(e.name.trim()).not.toBe('');
      for (const parent of ancestorCodes(e.code)) expect({ code: e.code, parent, present: catalog!.has(parent) }).toEqual({ code: e.code, parent, present: true });
    }
  });

  it('each year’s change set is consistent with the year before: added codes are new, renamed and retired ones existed', () => {
    for (const file of files.filter((f) => f.classification === classification && f.form === 'changes')) {
      if (file.form !== 'changes') continue;
      const base = resolveCatalog(files, classification, file.base)!;
      const next = resolveCatalog(files, classification, file.year)!;
      for (const [code, name] of file.changes.added) {
        expect({ code, inBase: base.has(code) }).toEqual({ code, inBase: false });
        expect(next.get(code)?.name).toBe(name);
      }
      for (const [code, newName, oldName] of file.changes.renamed) {
        expect(base.get(code)?.name).toBe(oldName);
        expect(next.get(code)?.name).toBe(newName);
      }
      for (const code of file.changes.retired) {
        expect(base.has(code)).toBe(true);
        expect(next.has(code)).toBe(false);
      }
    }
  });
});

describe('function catalog contents', () => {
  const c2024 = resolveCatalog(files, 'function', 2024)!;
  it('has every 类 and a realistic number of 款 and 项', () => {
    const count = (len: number) => c2024.entries().filter((e) => e.code.length === len).length;
    expect(count(3)).toBeGreaterThanOrEqual(25);
    expect(count(5)).toBeGreaterThanOrEqual(150);
    expect(count(7)).toBeGreaterThanOrEqual(800);
  });
  it('20805 is 行政事业单位养老支出 (formerly 行政事业单位离退休)', () => {
    expect(c2024.get('20805')?.name).toBe('行政事业单位养老支出');
  });
});

describe('the codes printed in the seed documents', () => {
  const fn = resolveCatalog(files, 'function', 2024)!;
  const econ = resolveCatalog(files, 'economic-dept', 2024)!;
  it.each(SEED_CODES)('%s %s (seed %s) resolves to its catalog name', (code, name) => {
    const catalog = code.startsWith('2') ? fn : econ;
    const entry = catalog.get(code);
    expect(entry).toBeDefined();
    const error = SEED_NAME_ERRORS[`${code}|${name}`];
    if (error) {
      // the document is wrong here: the test names the right name
      expect(normalizeName(entry!.name)).toBe(normalizeName(error.catalog));
      expect(normalizeName(entry!.name)).not.toBe(normalizeName(name));
    } else {
      expect(normalizeName(entry!.name)).toBe(normalizeName(name));
    }
  });
});
