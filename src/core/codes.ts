// 政府收支分类科目 codes: levels by length (类 3, 款 5, 项/细目 7) and parents by prefix.

export interface CatalogEntry {
  code: string;
  name: string;
}

export const LEVEL_LENGTHS = [3, 5, 7] as const;

/** 1 for 类, 2 for 款, 3 for 项 (or economic 细目); 0 for anything else. */
export function codeLevel(code: string): 0 | 1 | 2 | 3 {
  if (!/^\d+$/.test(code)) return 0;
  const i = LEVEL_LENGTHS.indexOf(code.length as 3 | 5 | 7);
  return (i + 1) as 0 | 1 | 2 | 3;
}

/** The nearest ancestor of code among the given codes (款 for a 项, else its 类), or null. */
export function parentCode(code: string, present: ReadonlySet<string>): string | null {
  for (const len of [5, 3]) {
    if (len < code.length && present.has(code.slice(0, len))) return code.slice(0, len);
  }
  return null;
}

/** The code's own ancestors by length, nearest last: 2010301 → [201, 20103]. */
export function ancestorCodes(code: string): string[] {
  return LEVEL_LENGTHS.filter((len) => len < code.length).map((len) => code.slice(0, len));
}
