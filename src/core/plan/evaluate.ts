// Computes the result of every formula in a plan exactly (in cents) and renders formula text.
// The formulas are the plan's own structured sums, so no spreadsheet parser is needed.
import { expandRange, parseAddress } from '../a1';
import { type Cents, fromNumber, ZERO } from '../money';
import type { Formula, PlanCell, SheetPlan } from './types';

export function formulaText(f: Formula): string {
  if (f.op === 'sumClassRows') {
    const test = f.layout === 'single' ? `(LEN(${f.codeRange})=3)` : `(LEN(${f.codeRange})>0)`;
    return `SUMPRODUCT(${test}*(${f.valueRange}))`;
  }
  const allPositive = f.terms.every((t) => t.sign === 1);
  // SUM treats blank and text cells as 0 in every spreadsheet; a bare "=D9" or "D9+E9" does not.
  if (allPositive) {
    return `SUM(${compressRefs(f.terms.map((t) => t.ref)).join(',')})`;
  }
  return f.terms.map((t, i) => (t.sign === -1 ? '-' : i === 0 ? '' : '+') + t.ref).join('');
}

/** Joins runs of adjacent single cells (down a column or along a row) into ranges:
 * C8,C9,C10,C14 → C8:C10,C14; D5,E5,F5 → D5:F5. */
function compressRefs(refs: string[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < refs.length) {
    if (refs[i].includes(':')) {
      out.push(refs[i++]);
      continue;
    }
    const start = parseAddress(refs[i]);
    let j = i;
    let step: { dr: number; dc: number } | null = null;
    while (j + 1 < refs.length && !refs[j + 1].includes(':')) {
      const next = parseAddress(refs[j + 1]);
      const n = j + 1 - i;
      const down = next.col === start.col && next.row === start.row + n;
      const across = next.row === start.row && next.col === start.col + n;
      const dir = down ? { dr: 1, dc: 0 } : across ? { dr: 0, dc: 1 } : null;
      if (!dir || (step && (step.dr !== dir.dr || step.dc !== dir.dc))) break;
      step = dir;
      j++;
    }
    out.push(j > i ? `${refs[i]}:${refs[j]}` : refs[i]);
    i = j + 1;
  }
  return out;
}

function cellCents(cell: PlanCell | undefined, resolve: (c: PlanCell) => Cents): Cents {
  if (!cell) return ZERO;
  if (cell.formula) return resolve(cell);
  return typeof cell.value === 'number' ? fromNumber(cell.value) : ZERO;
}

/** (Re)computes `result` on every formula cell of the sheet. Throws on a circular reference. */
export function evaluateSheet(sheet: SheetPlan): void {
  for (const cell of sheet.cells) delete cell.result;
  const byAddress = new Map(sheet.cells.map((c) => [c.address, c]));
  const visiting = new Set<string>();
  const resolve = (cell: PlanCell): Cents => {
    if (cell.result !== undefined) return cell.result;
    if (visiting.has(cell.address)) throw new Error(`${sheet.name}!${cell.address} 循环引用`);
    visiting.add(cell.address);
    const f = cell.formula!;
    let total = 0;
    if (f.op === 'sum') {
      for (const t of f.terms) for (const a of expandRange(t.ref)) total += t.sign * cellCents(byAddress.get(a), resolve);
    } else {
      const codes = expandRange(f.codeRange);
      const values = expandRange(f.valueRange);
      codes.forEach((a, i) => {
        const code = byAddress.get(a)?.value;
        const text = code === null || code === undefined ? '' : String(code);
        const isClass = f.layout === 'single' ? text.length === 3 : text.length > 0;
        if (isClass) total += cellCents(byAddress.get(values[i]), resolve);
      });
    }
    visiting.delete(cell.address);
    cell.result = total as Cents;
    return cell.result;
  };
  for (const cell of sheet.cells) if (cell.formula) resolve(cell);
}
