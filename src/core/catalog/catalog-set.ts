// The catalogs a command uses for a year: the built-in ones, and a user's imported catalog in
// place of its classification. The user's catalog wins for its own year even when no built-in
// catalog has that year (a province's 2027 catalog before gongkai ships 2027): the other
// classifications then come from the nearest earlier built-in year, and the report says so.
import { type Catalog, resolveCatalog } from './catalog';
import { type CatalogFile, type Classification, classifications } from './schema';

/** A catalog the user imported, with the name of its file. */
export interface UserCatalogFile {
  file: string;
  catalog: CatalogFile;
}

export type CatalogSet = Partial<Record<Classification, Catalog>>;

/** Resolves a built-in catalog (the node adapter caches these per process). */
export type BuiltInResolver = (classification: Classification, year: number) => Catalog | null;

/** The years with a built-in 功能分类 catalog, and the user's year when they gave one. */
export function knownYears(files: CatalogFile[], user?: UserCatalogFile | null): number[] {
  const years = new Set(files.filter((f) => f.classification === 'function').map((f) => f.year));
  if (user) years.add(user.catalog.year);
  return [...years].sort((a, b) => a - b);
}

/** The built-in year that stands for `year`: itself, else the latest earlier one, else the first. */
export function builtInYearFor(files: CatalogFile[], year: number): number {
  const years = knownYears(files);
  if (years.includes(year)) return year;
  return years.filter((y) => y < year).pop() ?? years[0];
}

/** The set of one year: built-in catalogs, the user's replacing its classification. */
export function catalogSet(files: CatalogFile[], year: number, user: UserCatalogFile | null, builtIn: BuiltInResolver = (c, y) => resolveCatalog(files, c, y)): CatalogSet {
  const base = builtInYearFor(files, year);
  const set: CatalogSet = {};
  for (const c of classifications) {
    const catalog = builtIn(c, base);
    if (catalog) set[c] = catalog;
  }
  if (user && user.catalog.year === year) {
    // the user's own catalog is taken as it is: what it lists and what it lacks both count
    const { file, catalog } = user;
    set[catalog.classification] = resolveCatalog([catalog], catalog.classification, catalog.year, { kind: 'imported', title: catalog.title, file })!;
  }
  return set;
}

/**
 * Catalogs by the year a workbook gives (null when it gives none): that year's set; a year with
 * neither a built-in nor the user's catalog is checked against 2024's (the earliest built-in year
 * when 2024 is not one), as before.
 */
export function catalogsByYear(files: CatalogFile[], user: UserCatalogFile | null, builtIn?: BuiltInResolver): (year: number | null) => CatalogSet {
  const cache = new Map<number, CatalogSet>();
  const years = knownYears(files);
  const fallback = years.includes(2024) ? 2024 : years[0];
  return (year) => {
    const y = year !== null && (years.includes(year) || user?.catalog.year === year) ? year : fallback;
    if (!cache.has(y)) cache.set(y, catalogSet(files, y, user, builtIn));
    return cache.get(y)!;
  };
}
