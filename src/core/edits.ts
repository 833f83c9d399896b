// Host-neutral edits to an existing workbook, with the report of what each one does.
// Hosts apply them in order: all row insertions first (rows given in the sheet's original
// numbering), then cell writes (addresses in the numbering after the insertions).
import { parseAddress } from './a1';
import type { Cents } from './money';
import type { Formula } from './plan/types';

export type Edit =
  | { op: 'insertRows'; sheet: string; before: number; count: number; styleFrom: number }
  | { op: 'setValue'; sheet: string; address: string; value: string | number | null; bold?: boolean }
  | { op: 'setFormula'; sheet: string; address: string; formula: Formula; result: Cents };

export type ChangeKind =
  | 'rowAdded'
  | 'parentMissing'
  | 'nameWritten'
  | 'nameDiffers'
  | 'codeUnknown'
  | 'codeUnverified'
  | 'codeLocal'
  | 'nameUnverified'
  | 'codeMalformed'
  | 'codeDuplicate'
  | 'formulaWritten'
  | 'valueToFormula'
  | 'parentMismatch'
  | 'totalWrong'
  | 'totalFixed'
  | 'amountText';

export interface Change {
  kind: ChangeKind;
  /** Whether the workbook was changed (false: flagged only). */
  changed: boolean;
  sheet: string;
  /** The cell in the output workbook's numbering. */
  cell: string;
  message: string;
  expected?: number | string | null;
  actual?: number | string | null;
  /** A name written (or inserted with a row) that the catalog has not verified. */
  unverified?: true;
}

export interface EditPlan {
  edits: Edit[];
  changes: Change[];
}

/** Changes in reading order: by row, then column. */
export function sortChanges(changes: Change[]): Change[] {
  // keys worked out once per change, not once per comparison (the sort is stable)
  const keyed = changes.map((c) => {
    const { row, col } = parseAddress(c.cell);
    return { c, key: row * 100000 + col };
  });
  return keyed.sort((a, b) => a.key - b.key).map((k) => k.c);
}
