// A resolved catalog for one classification and year: lookup by code, children, classes.
import type { CatalogEntry } from '../codes';
import { BoundedMemo } from '../memo';
import { CatalogFile, type Classification } from './schema';

export interface ResolvedEntry extends CatalogEntry {
  /** What the source is unsure about, if anything. */
  note?: string;
}

export class Catalog {
  private readonly byCode: Map<string, ResolvedEntry>;
  constructor(
    readonly classification: Classification,
    readonly year: number,
    entries: ResolvedEntry[],
  ) {
    this.byCode = new Map(entries.map((e) => [e.code, e]));
  }
  get(code: string): ResolvedEntry | undefined {
    return this.byCode.get(code);
  }
  has(code: string): boolean {
    return this.byCode.has(code);
  }
  private sorted: ResolvedEntry[] | null = null;

  /** All entries in code order. */
  entries(): ResolvedEntry[] {
    this.sorted ??= [...this.byCode.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    return this.sorted;
  }
  private readonly byLength = new Map<number, ResolvedEntry[]>();
  private readonly memo = new BoundedMemo<unknown>(20_000);

  /** A result derived from the catalog alone, kept (up to a bound) for the next time it is asked. */
  remember<T>(key: string, compute: () => T): T {
    return this.memo.get(key, compute) as T;
  }

  /** The entries whose code has this many digits, in code order. */
  codesOfLength(length: number): ResolvedEntry[] {
    let list = this.byLength.get(length);
    if (!list) this.byLength.set(length, (list = this.entries().filter((e) => e.code.length === length)));
    return list;
  }
  /** The 类 (3-digit codes), in code order. */
  classes(): ResolvedEntry[] {
    return this.entries().filter((e) => e.code.length === 3);
  }
}

/** Resolves a year from its file and the files it builds on (changes over a base year). */
export function resolveCatalog(files: CatalogFile[], classification: Classification, year: number): Catalog | null {
  const file = files.find((f) => f.classification === classification && f.year === year);
  if (!file) return null;
  if (file.form === 'full') {
    return new Catalog(classification, year, file.entries.map(([code, name, note]) => ({ code, name, ...(note ? { note } : {}) })));
  }
  const base = resolveCatalog(files, classification, file.base);
  if (!base) throw new Error(`${year}年${classification}科目以${file.base}年为基础，但缺少${file.base}年的科目表`);
  const map = new Map(base.entries().map((e) => [e.code, { ...e }]));
  for (const code of file.changes.retired) map.delete(code);
  for (const [code, newName] of file.changes.renamed) {
    const e = map.get(code);
    if (e) e.name = newName;
  }
  for (const [code, name, note] of file.changes.added) map.set(code, { code, name, ...(note ? { note } : {}) });
  return new Catalog(classification, year, [...map.values()]);
}

export function parseCatalogFile(json: unknown): CatalogFile {
  return CatalogFile.parse(json);
}
