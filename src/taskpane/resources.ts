// The templates, catalogs and rules bundled into the page (webpack inlines the JSON files), parsed
// and validated with the same schemas the CLI uses; a catalog the user loaded replaces the
// built-in one of its classification for its year, as the CLI's --catalog does.
import { parseCatalogFile, resolveCatalog } from '../core/catalog/catalog';
import type { Catalog } from '../core/catalog/catalog';
import type { Classification, CatalogFile } from '../core/catalog/schema';
import { CrossRules } from '../core/check/cross';
import { LexiconFile } from '../core/narrative/lexicon';
import type { TableSpec } from '../core/spec/schema';
import { parseSpec } from '../core/spec/parse';
import type { Resources } from '../core/commands/resources';
import { UserError } from '../core/errors';
import type { UserCatalog } from './user-catalog';

declare const require: {
  context(dir: string, deep: boolean, pattern: RegExp): { keys(): string[]; (key: string): unknown };
};

function all(ctx: ReturnType<typeof require.context>): [string, unknown][] {
  return ctx.keys().sort().map((k) => [k, ctx(k)]);
}

let bundled: { specs: TableSpec[]; files: CatalogFile[]; crossRules: CrossRules[]; lexicon: LexiconFile } | undefined;

/** The bundled JSON, parsed once. */
function parsed(): NonNullable<typeof bundled> {
  bundled ??= {
    specs: all(require.context('../../templates/tables', false, /\.json$/)).map(([k, json]) => parseSpec(json, k)),
    files: all(require.context('../../templates/catalogs', false, /\.json$/)).map(([, json]) => parseCatalogFile(json)),
    crossRules: all(require.context('../../templates/rules', false, /\.json$/)).map(([, json]) => CrossRules.parse(json)),
    lexicon: LexiconFile.parse(require.context('../../templates/narrative', false, /metrics\.json$/)('./metrics.json')),
  };
  return bundled;
}

export function loadResources(user?: UserCatalog | null): Resources {
  const { specs, files, crossRules, lexicon } = parsed();
  const cache = new Map<string, Partial<Record<Classification, Catalog>>>();
  const catalogs = (year: number | null) => {
    const y = year && resolveCatalog(files, 'function', year) ? year : 2024;
    const mine = Boolean(user) && year === y;
    const key = `${y}${mine ? '+' : ''}`;
    if (!cache.has(key)) {
      const set: Partial<Record<Classification, Catalog>> = {};
      for (const c of ['function', 'economic-dept', 'economic-gov'] as const) {
        const cat = resolveCatalog(files, c, y);
        if (cat) set[c] = cat;
      }
      if (user && mine) {
        const { file, catalog } = user;
        if (catalog.year !== y) throw new UserError(`科目表 ${file} 是 ${catalog.year} 年的，与 ${y} 年不符。`);
        // the user's own catalog is taken as it is: what it lists and what it lacks both count
        set[catalog.classification] = resolveCatalog([catalog], catalog.classification, catalog.year, { kind: 'imported', title: catalog.title, file })!;
      }
      cache.set(key, set);
    }
    return cache.get(key)!;
  };
  const catalogYears = [...new Set(files.filter((f) => f.classification === 'function').map((f) => f.year))].sort((a, b) => a - b);
  return { specs, crossRules, catalogs, catalogYears, lexicon };
}
