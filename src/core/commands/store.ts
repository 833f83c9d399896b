// gongkai's record in a workbook, kept in a very hidden sheet: the fills and notes cells had
// before a check marked them (so 清除标记 puts them back), and the sheets gongkai made (so it
// replaces or removes only its own, never a user's sheet of the same name). One JSON object per
// row in column A; rows that do not parse are kept as they are and otherwise ignored.

export const STORE_SHEET = '_gongkai_原格式';

/** A cell's own look before it was marked. `fill` is an ARGB colour; `raw` the host's own fill object. */
export interface Original {
  sheet: string;
  address: string;
  fill: string | null;
  raw?: unknown;
  note: string | null;
}

export type OwnedKind = 'results' | 'text';

export interface Store {
  originals: Original[];
  /** Sheets gongkai made: the 检查结果 sheet (results), the 情况说明 sheet (text). */
  owned: { name: string; kind: OwnedKind }[];
  /** Rows that are not gongkai's records. */
  foreign: string[];
}

function argbOf(fill: unknown): string | null {
  if (typeof fill === 'string') return /^#?[0-9a-f]{6}$/i.test(fill) ? `FF${fill.replace('#', '').toUpperCase()}` : /^[0-9a-f]{8}$/i.test(fill) ? fill.toUpperCase() : null;
  const f = fill as { type?: string; pattern?: string; fgColor?: { argb?: string } } | null;
  return f?.type === 'pattern' && f.pattern === 'solid' && f.fgColor?.argb ? f.fgColor.argb.toUpperCase() : null;
}

function noteOf(note: unknown): string | null {
  if (typeof note === 'string') return note;
  const texts = (note as { texts?: { text?: string }[] } | null)?.texts;
  return Array.isArray(texts) ? texts.map((t) => t.text ?? '').join('') : null;
}

export function parseStore(lines: string[]): Store {
  const store: Store = { originals: [], owned: [], foreign: [] };
  for (const line of lines) {
    let o: Record<string, unknown> | null = null;
    try {
      const parsed = JSON.parse(line) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) o = parsed as Record<string, unknown>;
    } catch {
      o = null;
    }
    if (o && typeof o.owns === 'string' && (o.kind === 'results' || o.kind === 'text')) store.owned.push({ name: o.owns, kind: o.kind });
    else if (o && typeof o.sheet === 'string' && typeof o.address === 'string' && /^[A-Z]{1,3}[1-9]\d{0,6}$/.test(o.address)) {
      store.originals.push({ sheet: o.sheet, address: o.address, fill: argbOf(o.fill), ...(o.fill && typeof o.fill === 'object' ? { raw: o.fill } : {}), note: noteOf(o.note) });
    } else store.foreign.push(line);
  }
  return store;
}

export function storeLines(store: Store): string[] {
  return [
    ...store.owned.map((o) => JSON.stringify({ owns: o.name, kind: o.kind })),
    ...store.originals.map((o) => JSON.stringify({ sheet: o.sheet, address: o.address, fill: o.raw ?? o.fill, note: o.note })),
    ...store.foreign,
  ];
}

export function isEmptyStore(store: Store): boolean {
  return store.originals.length === 0 && store.owned.length === 0 && store.foreign.length === 0;
}

/**
 * The name for a sheet gongkai makes: its own earlier sheet of that name is replaced; a user's
 * sheet of that name is kept, and gongkai's goes beside it as 名称(2), 名称(3)…
 */
export function ownSheetName(wanted: string, existing: string[], owned: string[]): { name: string; replaces: boolean } {
  // Excel's limit of 31 characters leaves room for the suffix
  const taken = new Set(existing);
  for (let i = 1; ; i++) {
    const name = i === 1 ? wanted : `${wanted}(${i})`;
    if (!taken.has(name)) return { name, replaces: false };
    if (owned.includes(name)) return { name, replaces: true };
  }
}
