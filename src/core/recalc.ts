// Recalc: recompute every parent row, 合计 row and row total (合计 = 基本支出 + 项目支出 …, from
// the matched spec) from the detail rows; report each that was wrong with its old and new
// value; write the right value, or with `formulas` replace typed totals by live formulas.
import { address, columnLetter } from './a1';
import { type Change, type Edit, type EditPlan, sortChanges } from './edits';
import { childrenByRow } from './hierarchy';
import { type Cents, formatAmount } from './money';
import type { Formula } from './plan/types';
import type { CodeTable } from './recognize/code-table';

export interface RecalcOptions {
  /** Replace typed totals with formulas (otherwise typed wrong totals get the right number). */
  formulas: boolean;
}

/** Row arithmetic of the table's columns (from its spec): column → signed columns it sums. */
function rowSums(table: CodeTable): Map<number, { col: number; sign: 1 | -1 }[]> {
  const out = new Map<number, { col: number; sign: 1 | -1 }[]>();
  if (!table.spec) return out;
  const colByKey = new Map(table.amountCols.filter((a) => a.key).map((a) => [a.key!, a.col]));
  for (const spec of table.spec.blocks.flatMap((b) => b.columns)) {
    const target = colByKey.get(spec.key);
    if (!spec.sum || target === undefined || out.has(target)) continue;
    const terms = spec.sum.map((ref) => ({ col: colByKey.get(ref.replace(/^-/, '')), sign: (ref.startsWith('-') ? -1 : 1) as 1 | -1 }));
    if (terms.every((t) => t.col !== undefined)) out.set(target, terms as { col: number; sign: 1 | -1 }[]);
  }
  return out;
}

export function planRecalc(table: CodeTable, options: RecalcOptions): EditPlan {
  const edits: Edit[] = [];
  const changes: Change[] = [];
  const sheet = table.sheet;
  const rows = table.rows.filter((r) => r.kind !== 'other');
  const children = childrenByRow(rows.map((r) => ({ code: r.kind === 'code' ? r.code : null, isTotal: r.kind === 'total' })));
  const sums = rowSums(table);
  const memo = new Map<string, Cents>();
  const expected = (i: number, col: number): Cents => {
    const key = `${i},${col}`;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    const terms = sums.get(col);
    const kids = children.get(i);
    let v: number;
    if (terms) v = terms.reduce((acc, t) => acc + t.sign * expected(i, t.col), 0);
    else if (kids?.length) v = kids.reduce((acc, k) => acc + expected(k, col), 0);
    else v = rows[i].amounts.get(col)?.cents ?? 0;
    memo.set(key, v as Cents);
    return v as Cents;
  };

  rows.forEach((row, i) => {
    const kids = children.get(i);
    for (const { col } of table.amountCols) {
      const terms = sums.get(col);
      if (!terms && !kids?.length) continue; // a detail cell the user typed
      const want = expected(i, col);
      const current = row.amounts.get(col) ?? { cents: null, text: '' };
      const cell = address(row.row, col);
      const formula: Formula = terms
        ? { op: 'sum', terms: terms.map((t) => ({ ref: address(row.row, t.col), sign: t.sign })) }
        : { op: 'sum', terms: kids!.map((k) => ({ ref: `${columnLetter(col)}${rows[k].row}`, sign: 1 as const })) };
      const label = row.kind === 'total' ? '合计行' : `${row.code} 行`;
      const blank = current.cents === null && current.text === '' && !current.formula && !current.error;
      const shown = current.error ?? (current.cents === null ? (current.text ? `「${current.text}」` : '空白') : formatAmount(current.cents));
      const wrong = blank ? want !== 0 : current.cents !== want;
      if (current.formula) {
        // a live formula: the spreadsheet recalculates it; a stale cached value is still worth saying
        if (wrong) {
          edits.push({ op: 'setFormula', sheet, address: cell, formula, result: want });
          changes.push({ kind: 'totalWrong', changed: true, sheet, cell, message: `${label}公式 ${current.formula} 的结果是 ${shown}，应为 ${formatAmount(want)}：改为求和公式`, expected: want / 100, actual: current.cents === null ? current.text || null : current.cents / 100 });
        }
        continue;
      }
      if (options.formulas) {
        edits.push({ op: 'setFormula', sheet, address: cell, formula, result: want });
        changes.push({
          kind: wrong ? 'totalWrong' : 'valueToFormula',
          changed: true,
          sheet,
          cell,
          message: wrong ? `${label}原为 ${shown}，应为 ${formatAmount(want)}：改为求和公式` : `${label}的数值 ${formatAmount(want)} 改为等值的求和公式`,
          expected: want / 100,
          actual: current.cents === null ? current.text || null : current.cents / 100,
        });
      } else if (wrong) {
        edits.push({ op: 'setValue', sheet, address: cell, value: want / 100 });
        changes.push({ kind: 'totalFixed', changed: true, sheet, cell, message: `${label}原为 ${shown}，应为 ${formatAmount(want)}：已改正`, expected: want / 100, actual: current.cents === null ? current.text || null : current.cents / 100 });
      }
    }
  });
  return { edits, changes: sortChanges(changes) };
}
