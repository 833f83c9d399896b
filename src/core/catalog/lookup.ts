// Looking codes up: the forms accountants write them in, levels, parents, and the nearest
// known codes when a code is not in the catalog.
import { ancestorCodes } from '../codes';
import type { Absence, Catalog, Certainty, SourceRef } from './catalog';
import type { Classification } from './schema';

export type LookupClassification = 'function' | 'economic';

export interface LookupResult {
  input: string;
  code: string;
  name: string | null;
  level: '类' | '款' | '项' | '细目' | null;
  classification: LookupClassification | null;
  parents: { code: string; name: string | null }[];
  found: boolean;
  suggestions: { code: string; name: string }[];
  note?: string;
  /** How sure the catalog is: for `codes --verify`. */
  verification: Verification;
}

/** What the catalog knows of a code and how sure it is. */
export interface Verification {
  /** The catalog consulted, as reports name it. */
  catalog: string | null;
  /** null: not in the catalog. */
  certainty: Certainty | null;
  /** The certainty in words. */
  status: string;
  /** Documents printing the code in the catalog's year. */
  sources: SourceRef[];
  /** Documents of earlier years (carried over). */
  earlier: SourceRef[];
  /** Only the code is attested, not its name. */
  codeOnly: boolean;
  /** The catalog has no name for it. */
  nameUnknown: boolean;
  /** For a code not in the catalog: whether it is known not to exist. */
  absence: Absence | null;
  /** A 7-digit 部门经济分类 细目 under a known 款: local, not in the national catalog. */
  local: boolean;
}

export const CERTAINTY_NAMES: Record<Certainty, string> = {
  official: '已核实：见于财政部科目表或修订通知',
  published: '已核实：见于实际公开的预决算文件',
  imported: '以导入的科目表为准',
  unverified: '未核实：本地科目表未核实（凭记忆整理或沿用上年，请与本省科目表核对）',
};

/** A 7-digit code under a 部门预算支出经济分类 款 the catalog has: a county's own 细目, not an error. */
export function isLocalDetail(code: string, catalog: Catalog | undefined): boolean {
  return Boolean(catalog && catalog.classification === 'economic-dept' && /^\d{7}$/.test(code) && !catalog.has(code) && catalog.has(code.slice(0, 5)));
}

/** What the catalog knows of a code, and how sure it is of it (or of its absence). */
export function verify(code: string, catalog: Catalog | undefined): Verification {
  const entry = catalog?.get(code);
  const certainty = catalog?.certainty(code) ?? null;
  const local = isLocalDetail(code, catalog);
  const absence = catalog && !entry && /^\d{3}(\d{2}){0,2}$/.test(code) ? catalog.absence(code) : null;
  let status: string;
  if (!catalog) status = '没有此分类的科目表';
  else if (certainty) status = CERTAINTY_NAMES[certainty] + (entry?.codeOnly ? '（只核实了编码，名称未核实）' : '') + (entry?.nameUnknown ? '（科目表中没有此科目的名称）' : '');
  else if (local) status = `不在科目表中：是${code.slice(0, 5)}款下的本地细目（各地可在部门经济分类款下自设细目）`;
  else if (absence?.certain) status = `不在科目表中，且${absence.sources.length ? absenceGrounds(absence) : '已核实没有此科目'}`;
  else if (absence) status = `不在科目表中，但本地科目表未核实${absence.part} 是否齐全：可能是科目表缺漏，请与本省科目表核对`;
  else status = '不是有效的科目编码';
  return {
    catalog: catalog ? catalog.describe() : null,
    certainty,
    status,
    sources: entry?.sources ?? [],
    earlier: entry?.earlier ?? [],
    codeOnly: Boolean(entry?.codeOnly),
    nameUnknown: Boolean(entry?.nameUnknown),
    absence,
    local,
  };
}

/** A source in one line: 文号 or publication, date, and what it shows. */
export function cite(s: SourceRef): string {
  return `${s.cite}${s.date ? `（${s.date}）` : ''}${s.note ? `：${s.note}` : ''}`;
}

/**
 * Why a code missing from a built-in catalog is known not to exist, citing the documents; '' when
 * no document decides. `brief`: the documents by name only (for a finding beside a cell; the full
 * citations are what `codes --verify` prints).
 */
export function absenceGrounds(a: Absence, brief = false): string {
  if (!a.certain || !a.sources.length) return '';
  const docs = brief ? a.sources.map((s) => s.cite.split('：')[0]).join('、') : a.sources.map(cite).join('；');
  return a.by === 'complete' ? `${a.part} 的下级科目清单已核实齐全，依据：${docs}` : `已核实没有此科目，依据：${docs}`;
}

/** Names compare equal up to spacing and full/half-width punctuation. */
export function normalizeName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').replace(/[“”"]/g, '"');
}

/**
 * Reads a code as written: "2010301", "201 03 01", "类201款03项01", "[30201]办公费",
 * "30201 办公费", "2010301 行政运行". Returns the digits and any name that came with it.
 */
export function parseCodeText(text: string): { code: string; name: string | null } | null {
  const t = text.normalize('NFKC').trim();
  const split = /^类\s*(\d{3})\s*(?:款\s*(\d{2}))?\s*(?:项\s*(\d{2}))?\s*(.*)$/.exec(t);
  if (split) return { code: split[1] + (split[2] ?? '') + (split[3] ?? ''), name: split[4] || null };
  const bracket = /^\[(\d+)\]\s*(.*)$/.exec(t);
  if (bracket) return { code: bracket[1], name: bracket[2] || null };
  const spaced = /^(\d{3})(?:\s+(\d{2}))?(?:\s+(\d{2}))?(?:\s+(\D.*))?$/.exec(t);
  if (spaced) return { code: spaced[1] + (spaced[2] ?? '') + (spaced[3] ?? ''), name: spaced[4]?.trim() || null };
  const plain = /^(\d+)\s*(\D.*)?$/.exec(t);
  if (plain) return { code: plain[1], name: plain[2]?.trim() || null };
  return null;
}

/** Joins "201" "03" "01" given as separate arguments into one code. */
export function joinCodeArgs(args: string[]): string[] {
  const out: string[] = [];
  for (const arg of args) {
    const last = out[out.length - 1];
    if (/^\d{2}$/.test(arg.trim()) && last !== undefined && /^\d{3}(\d{2})?$/.test(last.replace(/\s+/g, ''))) out[out.length - 1] = `${last} ${arg.trim()}`;
    else out.push(arg);
  }
  return out;
}

export function classificationOf(code: string): LookupClassification | null {
  if (code.startsWith('2')) return 'function';
  if (code.startsWith('3') || code.startsWith('5')) return 'economic';
  return null;
}

function catalogFor(code: string, catalogs: Partial<Record<Classification, Catalog>>): Catalog | undefined {
  if (code.startsWith('2')) return catalogs.function;
  if (code.startsWith('3')) return catalogs['economic-dept'];
  if (code.startsWith('5')) return catalogs['economic-gov'];
  return undefined;
}

function levelOf(code: string, classification: LookupClassification | null): LookupResult['level'] {
  if (code.length === 3) return '类';
  if (code.length === 5) return '款';
  if (code.length === 7) return classification === 'economic' ? '细目' : '项';
  return null;
}

/** Known codes nearest to an unknown one: same length, longest shared prefix, then closest number. */
export function suggest(code: string, catalog: Catalog | undefined, limit = 5): { code: string; name: string }[] {
  if (!catalog || !/^\d+$/.test(code)) return [];
  // the same unknown code stands in several tables of a workbook: worked out once
  return catalog.remember(`suggest:${limit}:${code}`, () => nearest(code, catalog, limit));
}

function nearest(code: string, catalog: Catalog, limit: number): { code: string; name: string }[] {
  const sharedPrefix = (a: string) => {
    let i = 0;
    while (i < a.length && a[i] === code[i]) i++;
    return i;
  };
  const targetLen = [3, 5, 7].includes(code.length) ? code.length : [3, 5, 7].reduce((best, l) => (Math.abs(l - code.length) < Math.abs(best - code.length) ? l : best), 3);
  const probe = code.padEnd(targetLen, '0').slice(0, targetLen);
  // Codes of one length sort the same as text and as numbers, so moving away from the probe's
  // place in either direction the shared prefix only shrinks and the distance only grows: the
  // nearest are found by walking outwards from that place, taking the better side each step.
  const same = catalog.codesOfLength(targetLen);
  let lo = 0;
  let hi = same.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (same[mid].code < probe) lo = mid + 1;
    else hi = mid;
  }
  const rank = (e: { code: string }) => ({ prefix: sharedPrefix(e.code), distance: Math.abs(Number(e.code) - Number(probe)) });
  const out: { code: string; name: string }[] = [];
  let left = lo - 1;
  let right = lo;
  while (out.length < limit && (left >= 0 || right < same.length)) {
    let takeLeft = right >= same.length;
    if (left >= 0 && right < same.length) {
      const l = rank(same[left]);
      const r = rank(same[right]);
      takeLeft = l.prefix > r.prefix || (l.prefix === r.prefix && l.distance <= r.distance);
    }
    const e = takeLeft ? same[left--] : same[right++];
    out.push({ code: e.code, name: e.name });
  }
  return out;
}

export function lookupCode(input: string, catalogs: Partial<Record<Classification, Catalog>>): LookupResult {
  const parsed = parseCodeText(input);
  const code = parsed?.code ?? input.trim();
  const classification = classificationOf(code);
  const catalog = catalogFor(code, catalogs);
  const entry = catalog?.get(code);
  const wellFormed = /^\d{3}(\d{2}){0,2}$/.test(code);
  return {
    input,
    code,
    name: entry?.name ?? null,
    level: wellFormed ? levelOf(code, classification) : null,
    classification,
    parents: ancestorCodes(code).map((p) => ({ code: p, name: catalog?.get(p)?.name ?? null })),
    found: Boolean(entry),
    suggestions: entry ? [] : suggest(code, catalog),
    ...(entry?.note ? { note: entry.note } : {}),
    verification: verify(code, catalog),
  };
}

/** Entries whose name equals the given one (up to width and spacing), else contains it. */
export function lookupName(name: string, catalogs: Partial<Record<Classification, Catalog>>): LookupResult[] {
  const wanted = normalizeName(name);
  const all = Object.values(catalogs).flatMap((c) => c!.entries());
  const exact = all.filter((e) => normalizeName(e.name) === wanted);
  const hits = exact.length ? exact : all.filter((e) => normalizeName(e.name).includes(wanted));
  return hits.map((e) => lookupCode(e.code, catalogs));
}
