// The templates, catalogs and rules bundled into the page (webpack inlines the JSON files), parsed
// and validated with the same schemas the CLI uses.
import { parseCatalogFile, resolveCatalog } from '../core/catalog/catalog';
import type { Catalog } from '../core/catalog/catalog';
import type { Classification, CatalogFile } from '../core/catalog/schema';
import { CrossRules } from '../core/check/cross';
import { LexiconFile } from '../core/narrative/lexicon';
import { parseSpec } from '../core/spec/parse';
import type { Resources } from '../core/commands/resources';

declare const require: {
  context(dir: string, deep: boolean, pattern: RegExp): { keys(): string[]; (key: string): unknown };
};

function all(ctx: ReturnType<typeof require.context>): [string, unknown][] {
  return ctx.keys().sort().map((k) => [k, ctx(k)]);
}

export function loadResources(): Resources {
  const specs = all(require.context('../../templates/tables', false, /\.json$/)).map(([k, json]) => parseSpec(json, k));
  const files: CatalogFile[] = all(require.context('../../templates/catalogs', false, /\.json$/)).map(([, json]) => parseCatalogFile(json));
  const crossRules = all(require.context('../../templates/rules', false, /\.json$/)).map(([, json]) => CrossRules.parse(json));
  const lexicon = LexiconFile.parse(require.context('../../templates/narrative', false, /metrics\.json$/)('./metrics.json'));
  const cache = new Map<number, Partial<Record<Classification, Catalog>>>();
  const catalogs = (year: number | null) => {
    const y = year && resolveCatalog(files, 'function', year) ? year : 2024;
    if (!cache.has(y)) {
      const set: Partial<Record<Classification, Catalog>> = {};
      for (const c of ['function', 'economic-dept', 'economic-gov'] as const) {
        const cat = resolveCatalog(files, c, y);
        if (cat) set[c] = cat;
      }
      cache.set(y, set);
    }
    return cache.get(y)!;
  };
  const catalogYears = [...new Set(files.filter((f) => f.classification === 'function').map((f) => f.year))].sort((a, b) => a - b);
  return { specs, crossRules, catalogs, catalogYears, lexicon };
}
