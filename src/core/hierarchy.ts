// Parent/child relations of the rows of a code table, by code prefix: a row's parent is the
// nearest present ancestor (款 for a 项, else its 类); rows without one belong to the 合计 row.
import { ancestorCodes } from './codes';

export interface HierarchyRow {
  code: string | null;
  isTotal: boolean;
}

/** Children of each row index; the total row (if any) gets the top-level rows. */
export function childrenByRow<T extends HierarchyRow>(rows: T[]): Map<number, number[]> {
  const index = new Map<string, number>();
  rows.forEach((r, i) => {
    if (r.code && !index.has(r.code)) index.set(r.code, i);
  });
  const children = new Map<number, number[]>();
  const totalIndex = rows.findIndex((r) => r.isTotal);
  rows.forEach((r, i) => {
    if (!r.code || index.get(r.code) !== i) return;
    const parent = ancestorCodes(r.code).reverse().find((p) => index.has(p));
    const at = parent !== undefined ? index.get(parent)! : totalIndex;
    if (at < 0) return;
    const list = children.get(at);
    if (list) list.push(i);
    else children.set(at, [i]);
  });
  return children;
}
