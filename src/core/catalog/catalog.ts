// A resolved catalog for one classification and year: lookup by code, children, classes, and how
// sure it is of each entry (provenance) and of a code's absence.
import type { CatalogEntry } from '../codes';
import { BoundedMemo } from '../memo';
import { CatalogFile, type Classification, type Source } from './schema';

/**
 * How sure the catalog is of an entry in its year: printed in an official catalog or revision
 * notice, printed in a real publication, in a catalog the user imported (or a caller built), or
 * unverified (written from memory, or carried over from an earlier year).
 */
export type Certainty = 'official' | 'published' | 'imported' | 'unverified';

/** A source as cited for one year's catalog. */
export interface SourceRef extends Source {
  /** The catalog year the source speaks of. */
  year: number;
}

export interface ResolvedEntry extends CatalogEntry {
  /** What the source is unsure about, if anything. */
  note?: string;
  /** Unset: as sure as the catalog's origin (built-in: unverified; imported or built by a caller: imported). */
  certainty?: Certainty;
  /** The documents that print this code in this year. */
  sources?: SourceRef[];
  /** Documents of earlier years that print it (carried over; they say nothing of this year). */
  earlier?: SourceRef[];
  /** Only the code is attested: the name is not (certainty applies to the code alone). */
  codeOnly?: boolean;
  /** The name is a placeholder: no name is known. */
  nameUnknown?: boolean;
}

/** Where a catalog comes from, for the reports that name it. */
export interface CatalogOrigin {
  kind: 'built-in' | 'imported' | 'given';
  title: string;
  /** The imported file, as given. */
  file?: string;
  /** What is not known about this year's catalog. */
  unknown?: string[];
}

export interface CatalogInfo {
  origin?: CatalogOrigin;
  /** 类/款 (or '*') whose children are known complete, with the sources that show it. */
  complete?: Map<string, SourceRef[]>;
  /** Codes the sources show are not in this year's catalog. */
  absent?: Map<string, SourceRef[]>;
}

/** Whether a missing code is known to be missing, and from what. */
export interface Absence {
  certain: boolean;
  sources: SourceRef[];
  /** '款 20807' or '类 211' or '类的清单': the part of the catalog whose completeness decides. */
  part: string;
  /** What makes it certain: a source saying the code is not in the catalog, or the part's list being complete. */
  by?: 'absent' | 'complete';
}

export class Catalog {
  private readonly byCode: Map<string, ResolvedEntry>;
  readonly origin: CatalogOrigin;
  private readonly complete: Map<string, SourceRef[]>;
  private readonly absent: Map<string, SourceRef[]>;
  constructor(
    readonly classification: Classification,
    readonly year: number,
    entries: ResolvedEntry[],
    info: CatalogInfo = {},
  ) {
    this.byCode = new Map(entries.map((e) => [e.code, e]));
    this.origin = info.origin ?? { kind: 'given', title: `${year}年科目表` };
    this.complete = info.complete ?? new Map();
    this.absent = info.absent ?? new Map();
  }
  get(code: string): ResolvedEntry | undefined {
    return this.byCode.get(code);
  }
  has(code: string): boolean {
    return this.byCode.has(code);
  }
  /** A catalog the user imported or a caller built is taken as it is: every entry and absence counts as evidenced. */
  get trusted(): boolean {
    return this.origin.kind !== 'built-in';
  }
  /** How sure the catalog is of a code it lists (its code; its name too unless codeOnly). */
  certainty(code: string): Certainty | null {
    const e = this.byCode.get(code);
    if (!e) return null;
    return e.certainty ?? (this.trusted ? 'imported' : 'unverified');
  }
  /** Whether the name of a listed code is evidenced for this year. */
  nameEvidenced(code: string): boolean {
    const e = this.byCode.get(code);
    const c = this.certainty(code);
    return Boolean(e && c && c !== 'unverified' && !e.codeOnly && !e.nameUnknown);
  }
  /** For a code the catalog lacks: is it known not to exist (a source says so, or its parent's list is complete)? */
  absence(code: string): Absence {
    const parent = code.length === 7 ? code.slice(0, 5) : code.length === 5 ? code.slice(0, 3) : '*';
    const part = parent === '*' ? '类的清单' : `${parent.length === 3 ? '类' : '款'} ${parent}`;
    if (this.trusted) return { certain: true, sources: [], part };
    const absent = this.absent.get(code);
    const sources = absent ?? this.complete.get(parent) ?? this.complete.get('*');
    return { certain: Boolean(sources), sources: sources ?? [], part, ...(sources ? { by: absent ? 'absent' : 'complete' } : {}) };
  }
  /** The 类/款 whose children are known complete, with their sources. */
  completeParts(): [string, SourceRef[]][] {
    return [...this.complete];
  }
  /** A line naming the catalog, for reports. */
  describe(): string {
    const what = this.origin.kind === 'imported' ? `导入的科目表 ${this.origin.file ?? this.origin.title}（${this.year}年）` : this.origin.kind === 'built-in' ? `内置${this.year}年科目表（${this.origin.title}）` : this.origin.title;
    return what;
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

/** A catalog a command used: built in (a year's), or imported from a file; for JSON reports. */
export interface CatalogUse {
  classification: Classification;
  year: number;
  origin: CatalogOrigin['kind'];
  title: string;
  file?: string;
  /** The line text reports print. */
  description: string;
}

export function catalogUse(catalog: Catalog): CatalogUse {
  const { kind, title, file } = catalog.origin;
  return { classification: catalog.classification, year: catalog.year, origin: kind, title, ...(file ? { file } : {}), description: catalog.describe() };
}

/** The line a text report prints for the catalogs it used. */
export function describeCatalogs(uses: CatalogUse[]): string {
  const names: Record<Classification, string> = { function: '功能分类', 'economic-dept': '部门经济分类', 'economic-gov': '政府经济分类' };
  return `科目表：${uses.map((u) => `${names[u.classification]}用${u.description}`).join('；')}`;
}

const CLASSIFICATION_NAMES: Record<Classification, string> = { function: '支出功能分类', 'economic-dept': '部门预算支出经济分类', 'economic-gov': '政府预算支出经济分类' };

/** The entries of a year before this year's provenance applies: the full list, or the base year's carried over with the changes. */
function resolveEntries(files: CatalogFile[], file: CatalogFile, classification: Classification): { entries: Map<string, ResolvedEntry>; unknown: string[] } {
  if (file.form === 'full') {
    return { entries: new Map(file.entries.map(([code, name, note]) => [code, { code, name, ...(note ? { note } : {}) }])), unknown: [] };
  }
  const base = files.find((f) => f.classification === classification && f.year === file.base);
  if (!base) throw new Error(`${file.year}年${classification}科目以${file.base}年为基础，但缺少${file.base}年的科目表`);
  const prior = resolveCatalog(files, classification, file.base)!;
  // what the earlier year's documents attest says nothing of this year: kept as history only
  const map = new Map<string, ResolvedEntry>(
    prior.entries().map((e) => {
      const earlier = [...(e.earlier ?? []), ...(e.sources ?? [])];
      const carried: ResolvedEntry = { code: e.code, name: e.name, ...(e.note ? { note: e.note } : {}), ...(e.nameUnknown ? { nameUnknown: true } : {}), ...(earlier.length ? { earlier } : {}) };
      return [e.code, carried];
    }),
  );
  for (const code of file.changes.retired) map.delete(code);
  for (const [code, newName] of file.changes.renamed) {
    const e = map.get(code);
    if (e) map.set(code, { ...e, name: newName, nameUnknown: undefined });
  }
  for (const [code, name, note] of file.changes.added) map.set(code, { code, name, ...(note ? { note } : {}) });
  return { entries: map, unknown: [...(prior.origin.unknown ?? [])] };
}

/** Resolves a year from its file and the files it builds on (changes over a base year). */
export function resolveCatalog(files: CatalogFile[], classification: Classification, year: number, origin?: Omit<CatalogOrigin, 'unknown'>): Catalog | null {
  const file = files.find((f) => f.classification === classification && f.year === year);
  if (!file) return null;
  const { entries, unknown } = resolveEntries(files, file, classification);
  const ref = (id: string): SourceRef => ({ ...file.sources[id], year });
  for (const code of file.namesUnknown) {
    const e = entries.get(code);
    if (e) e.nameUnknown = true;
  }
  for (const [code, evidence] of Object.entries(file.evidence)) {
    const e = entries.get(code);
    if (!e) continue;
    const ids = Array.isArray(evidence) ? evidence : evidence.sources;
    e.sources = ids.map(ref);
    e.certainty = e.sources.some((s) => s.kind === 'official') ? 'official' : 'published';
    if (!Array.isArray(evidence)) e.codeOnly = true;
  }
  const toRefs = (record: Record<string, string[]>) => new Map(Object.entries(record).map(([code, ids]) => [code, ids.map(ref)]));
  if (file.unknown) unknown.push(`${year}年：${file.unknown}`);
  return new Catalog(classification, year, [...entries.values()], {
    origin: { ...(origin ?? { kind: 'built-in', title: `${file.title || `${year}年政府收支分类科目 ${CLASSIFICATION_NAMES[classification]}`}` }), unknown },
    complete: toRefs(file.complete),
    absent: toRefs(file.absent),
  });
}

export function parseCatalogFile(json: unknown): CatalogFile {
  return CatalogFile.parse(json);
}
