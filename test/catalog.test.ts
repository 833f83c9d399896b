// The built-in 政府收支分类科目 catalogs: integrity of every year, the year-to-year changes,
// and agreement with the codes printed in the seed documents.
import { loadCatalogFiles } from '../src/adapters/node/templates';
import { normalizeName, suggest } from '../src/core/catalog/lookup';
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

describe('suggestions for an unknown code', () => {
  const catalog = resolveCatalog(files, 'function', 2025)!;
  /** The definition: every code of the same length ranked by shared prefix, then numeric distance. */
  function bruteForce(code: string, limit = 5): string[] {
    const len = [3, 5, 7].includes(code.length) ? code.length : [3, 5, 7].reduce((best, l) => (Math.abs(l - code.length) < Math.abs(best - code.length) ? l : best), 3);
    const probe = code.padEnd(len, '0').slice(0, len);
    const prefix = (a: string) => {
      let i = 0;
      while (i < a.length && a[i] === code[i]) i++;
      return i;
    };
    return catalog
      .entries()
      .filter((e) => e.code.length === len)
      .map((e) => ({ code: e.code, p: prefix(e.code), d: Math.abs(Number(e.code) - Number(probe)) }))
      .sort((a, b) => b.p - a.p || a.d - b.d)
      .slice(0, limit)
      .map((e) => e.code);
  }

  it('are the nearest codes by shared prefix, then numeric distance, for codes anywhere in the range', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const probes = ['2010110', '2019999', '2000000', '2999999', '20101', '29999', '200', '299', '2080599', '21', '201011', '20101010'];
    for (let i = 0; i < 300; i++) probes.push(String(2000000 + Math.floor(rnd() * 300000)));
    for (const code of probes) expect({ code, got: suggest(code, catalog).map((s) => s.code) }).toEqual({ code, got: bruteForce(code) });
  });
});
