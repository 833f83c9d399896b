// Edits of several tables on one sheet, made into one plan. Each table plans its own row
// insertions (in the sheet's original numbering) and its cell writes in the numbering after its
// own insertions; a table lower on the sheet must also move down by every row inserted above it.
import { address, parseAddress } from '../a1';
import type { Change, Edit } from '../edits';
import type { Formula } from '../plan/types';

export interface TableEdits {
  sheet: string;
  /** The table's first row in the sheet's original numbering. */
  top: number;
  edits: Edit[];
  changes: Change[];
}

function shiftRef(ref: string, by: number): string {
  return ref
    .split(':')
    .map((a) => {
      const { row, col } = parseAddress(a);
      return address(row + by, col);
    })
    .join(':');
}

function shiftFormula(f: Formula, by: number): Formula {
  if (f.op === 'sum') return { op: 'sum', terms: f.terms.map((t) => ({ ...t, ref: shiftRef(t.ref, by) })) };
  return { ...f, codeRange: shiftRef(f.codeRange, by), valueRange: shiftRef(f.valueRange, by) };
}

function shiftEdit(e: Edit, by: number): Edit {
  if (by === 0 || e.op === 'insertRows') return e;
  if (e.op === 'setValue') return { ...e, address: shiftRef(e.address, by) };
  return { ...e, address: shiftRef(e.address, by), formula: shiftFormula(e.formula, by) };
}

/**
 * One list of edits and changes for all tables: lower tables moved by the rows inserted above
 * them. `shifts` says by how many rows each table moved.
 */
export function mergeTableEdits(tables: TableEdits[]): { edits: Edit[]; changes: Change[][]; shifts: number[] } {
  const inserted = (t: TableEdits) => t.edits.reduce((n, e) => n + (e.op === 'insertRows' ? e.count : 0), 0);
  const edits: Edit[] = [];
  const shifts = tables.map((t) => tables.filter((o) => o !== t && o.sheet === t.sheet && o.top < t.top).reduce((n, o) => n + inserted(o), 0));
  const changes = tables.map((t, i) => {
    const by = shifts[i];
    for (const e of t.edits) edits.push(shiftEdit(e, by));
    return by === 0 ? t.changes : t.changes.map((c) => ({ ...c, cell: shiftRef(c.cell, by) }));
  });
  return { edits, changes, shifts };
}
