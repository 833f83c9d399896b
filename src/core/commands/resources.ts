// What every command needs besides the workbook: the table specs, the cross-table rules and the
// catalogs of a year. The CLI loads them from templates/, the page has them bundled.
import type { Catalog } from '../catalog/catalog';
import { UserError } from '../errors';
import type { LexiconFile } from '../narrative/lexicon';
import type { Classification } from '../catalog/schema';
import type { CrossRules } from '../check/cross';
import type { TableSpec } from '../spec/schema';

export interface Resources {
  specs: TableSpec[];
  crossRules: CrossRules[];
  /** The catalogs of a year (null: unknown year, the latest known). */
  catalogs: (year: number | null) => Partial<Record<Classification, Catalog>>;
  /** The narrative's metric lexicon (templates/narrative/metrics.json). */
  lexicon: LexiconFile;
  /** The years with a built-in 功能分类 catalog. */
  catalogYears: number[];
}

/** Refuses a year no built-in catalog covers (a template or fill needs that year's codes). */
export function requireCatalogYear(res: Resources, year: number): void {
  if (!res.catalogYears.includes(year)) throw new UserError(`没有${year}年的政府收支分类科目表。已有年份：${res.catalogYears.join('、')}`);
}
