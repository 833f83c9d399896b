// Adjusting formula references when rows are inserted, as Excel does: references at or below
// the insertion point move down; a range that spans the insertion point grows.
import { columnLetter, columnNumber } from './a1';

const REF = /(?:(?:'((?:[^']|'')+)'|([A-Za-z0-9_\u4e00-\u9fff.]+))!)?(\$?)([A-Z]{1,3})(\$?)(\d+)(?::(\$?)([A-Z]{1,3})(\$?)(\d+))?(?![A-Za-z0-9_(])/g;

export interface RowInsertion {
  /** Sheet the rows were inserted into. */
  sheet: string;
  /** First row that moved (rows at and below it shift). */
  at: number;
  count: number;
}

/** Shifts the references of a formula written on `formulaSheet`. String literals are left alone. */
export function shiftFormula(formula: string, formulaSheet: string, ins: RowInsertion): string {
  return outsideStrings(formula, (text) => shiftSegment(text, formulaSheet, ins));
}

/** A formula copied from one cell to another, as a shared formula is: relative references move
 * by the same rows and columns, absolute ($) ones stay. */
export function slideFormula(formula: string, rows: number, cols: number): string {
  if (rows === 0 && cols === 0) return formula;
  const move = (dollar: string, col: string, dollarRow: string, row: string) =>
    `${dollar}${dollar ? col : columnLetter(columnNumber(col) + cols)}${dollarRow}${dollarRow ? row : Number(row) + rows}`;
  return outsideStrings(formula, (text) =>
    text.replace(REF, (_whole, quoted: string | undefined, bare: string | undefined, d1: string, c1: string, d2: string, r1: string, d3?: string, c2?: string, d4?: string, r2?: string) => {
      const prefix = quoted !== undefined ? `'${quoted}'!` : bare !== undefined ? `${bare}!` : '';
      const first = move(d1, c1, d2, r1);
      return r2 === undefined ? `${prefix}${first}` : `${prefix}${first}:${move(d3 ?? '', c2!, d4 ?? '', r2)}`;
    }),
  );
}

function outsideStrings(formula: string, rewrite: (text: string) => string): string {
  let out = '';
  let i = 0;
  // walk outside string literals only
  while (i < formula.length) {
    if (formula[i] === '"') {
      const end = formula.indexOf('"', i + 1);
      const stop = end < 0 ? formula.length : end + 1;
      out += formula.slice(i, stop);
      i = stop;
      continue;
    }
    const next = formula.indexOf('"', i);
    const stop = next < 0 ? formula.length : next;
    out += rewrite(formula.slice(i, stop));
    i = stop;
  }
  return out;
}

function shiftSegment(text: string, formulaSheet: string, ins: RowInsertion): string {
  return text.replace(REF, (whole, quoted: string | undefined, bare: string | undefined, d1: string, c1: string, d2: string, r1: string, d3?: string, c2?: string, d4?: string, r2?: string) => {
    const sheet = quoted !== undefined ? quoted.replace(/''/g, "'") : bare ?? formulaSheet;
    if (sheet !== ins.sheet) return whole;
    const prefix = quoted !== undefined ? `'${quoted}'!` : bare !== undefined ? `${bare}!` : '';
    const start = Number(r1);
    if (r2 === undefined) {
      const row = start >= ins.at ? start + ins.count : start;
      return `${prefix}${d1}${c1}${d2}${row}`;
    }
    const end = Number(r2);
    const newStart = start >= ins.at ? start + ins.count : start;
    const newEnd = end >= ins.at ? end + ins.count : end;
    return `${prefix}${d1}${c1}${d2}${newStart}:${d3}${c2}${d4}${newEnd}`;
  });
}
