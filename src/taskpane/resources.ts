// The templates, catalogs and rules bundled into the page (webpack inlines the JSON files), parsed
// and validated with the same schemas the CLI uses; a catalog the user loaded replaces the
// built-in one of its classification for its year, as the CLI's --catalog does.
import { parseCatalogFile } from '../core/catalog/catalog';
import { catalogsByYear, knownYears } from '../core/catalog/catalog-set';
import type { CatalogFile } from '../core/catalog/schema';
import { CrossRules } from '../core/check/cross';
import { LexiconFile } from '../core/narrative/lexicon';
import type { TableSpec } from '../core/spec/schema';
import { parseSpec } from '../core/spec/parse';
import type { Resources } from '../core/commands/resources';
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
  return { specs, crossRules, catalogs: catalogsByYear(files, user ?? null), catalogYears: knownYears(files, user), lexicon };
}
