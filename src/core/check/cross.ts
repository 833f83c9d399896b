// Checks across tables, declared as data in templates/rules/cross-*.json: one cell (or a sum of
// cells) equal to, or not above, another — per source, per 类, per code — unit-aware.
import { z } from 'zod';
import type { Cents } from '../money';
import type { RecognizedTable } from '../recognize/tables';
import type { Book } from './book';
import { cellRef, commonUnit, type Finding, inUnit, judgeSum, type Located, money } from './finding';

const Term = z.object({ table: z.string(), row: z.string(), col: z.string() }).strict();

export const CrossRule = z
  .object({
    id: z.string(),
    severity: z.enum(['error', 'warning', 'notice']),
    message: z.string(),
    /** Instances: tuples substituted for {0} {1}…, "classes" (every 类 in either table) or "codes:<table>". */
    each: z.union([z.array(z.array(z.string())), z.literal('classes'), z.string().regex(/^codes:/)]).optional(),
    left: z.array(Term).min(1),
    right: z.array(Term).min(1),
    relation: z.enum(['eq', 'le']),
    /** Skip an instance when none of its rows exist (linkage between optional codes). */
    skipIfAbsent: z.boolean().optional(),
  })
  .strict();
export type CrossRule = z.infer<typeof CrossRule>;

export const CrossRules = z.object({ kind: z.enum(['budget', 'final']), rules: z.array(CrossRule) }).strict();
export type CrossRules = z.infer<typeof CrossRules>;

type Term = z.infer<typeof Term>;

function substitute(t: Term, vars: Record<string, string>): Term {
  if (!t.row.includes('{') && !t.col.includes('{')) return t;
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? `{${k}}`);
  return { table: t.table, row: fill(t.row), col: fill(t.col) };
}

function instances(rule: CrossRule, book: Book): Record<string, string>[] {
  if (!rule.each) return [{}];
  if (Array.isArray(rule.each)) return rule.each.map((tuple) => Object.fromEntries(tuple.map((v, i) => [String(i), v])));
  const tables = [...rule.left, ...rule.right].map((t) => book.table(t.table)).filter((t): t is RecognizedTable => Boolean(t));
  if (rule.each === 'classes') {
    const codes = new Set<string>();
    for (const t of tables) for (const r of t.rows) {
      if (r.key.startsWith('class.')) codes.add(r.key.slice(6));
      else if (r.code && r.code.length === 3 && r.kind !== 'total') codes.add(r.code);
    }
    return [...codes].sort().map((code) => ({ code }));
  }
  const source = book.table(rule.each.slice('codes:'.length));
  return (source?.rows ?? []).filter((r) => r.code && r.kind !== 'total').map((r) => ({ code: r.code! }));
}

interface Resolved {
  loc: Located & { blank: boolean };
  present: boolean;
}

function resolve(book: Book, t: Term): Resolved | null {
  const table = book.table(t.table);
  if (!table) return null;
  const v = book.value(table, t.row, t.col);
  if (v) return { loc: v, present: true };
  // a 类 or code the table does not list counts as 0 (provided the column exists); a total or
  // fixed row it does not have cannot be compared
  if (!/^(class\.)?\d{3,7}$/.test(t.row)) return null;
  if (t.col !== '*' && !table.columns.has(t.col)) return null;
  return { loc: { cents: 0 as Cents, sheet: table.sheet, address: '', unit: book.unitOf(table), blank: true }, present: false };
}

const AGGREGATE_ROW = /total|Total|Subtotal|^current|^class\.|^\d{3}$|^\d{5}$/;

const where = (loc: Located, home: string) => (loc.address ? cellRef(loc, home) : '（表中无此行）');

export function checkCross(book: Book, rules: CrossRule[]): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    for (const vars of instances(rule, book)) {
      const leftTerms = rule.left.map((t) => substitute(t, vars));
      const rightTerms = rule.right.map((t) => substitute(t, vars));
      const left = leftTerms.map((t) => resolve(book, t));
      const right = rightTerms.map((t) => resolve(book, t));
      if ([...left, ...right].some((x) => x === null)) continue; // a table or column is missing
      const all = [...left, ...right] as Resolved[];
      if (!all.some((x) => x.present)) continue;
      if (rule.skipIfAbsent && !(left as Resolved[]).some((x) => x.present)) continue;
      if (all.every((x) => x.loc.blank || x.loc.cents === 0) && !all.some((x) => !x.loc.blank && x.loc.cents !== 0)) continue;
      const unit = commonUnit(all.map((x) => x.loc));
      const l = (left as Resolved[]).reduce((a, x) => a + inUnit(x.loc, unit), 0) as Cents;
      const r = (right as Resolved[]).reduce((a, x) => a + inUnit(x.loc, unit), 0) as Cents;
      const mixedUnits = new Set(all.map((x) => x.loc.unit)).size > 1;
      // a total or parent row is itself a sum of rounded parts, and so may be 0.01 off another table's
      const aggregate = [...leftTerms, ...rightTerms].some((t) => AGGREGATE_ROW.test(t.row));
      const parts = Math.max(left.length, right.length, aggregate ? 2 : 1) + (mixedUnits ? 1 : 0);
      const verdict = rule.relation === 'le' ? (l <= r ? 'ok' : judgeSum(l, r, parts)) : judgeSum(l, r, parts);
      if (verdict === 'ok') continue;
      const main = (left as Resolved[]).find((x) => x.present) ?? (right as Resolved[]).find((x) => x.present)!;
      const home = main.loc.sheet;
      const leftText = (left as Resolved[]).map((x) => `${where(x.loc, home)} ${money(inUnit(x.loc, unit))}`).join(' + ');
      const rightText = (right as Resolved[]).map((x) => `${where(x.loc, home)} ${money(inUnit(x.loc, unit))}`).join(' + ');
      const relation = rule.relation === 'le' ? '不应超过' : '应等于';
      findings.push({
        rule: rule.id,
        severity: verdict === 'rounding' ? 'notice' : rule.severity,
        sheet: home,
        cell: main.loc.address || null,
        cells: all.filter((x) => x.loc.address).map((x) => cellRef(x.loc, home)),
        message: `${rule.message}${vars.code ? `（科目 ${vars.code}）` : ''}：${leftText}${relation}${rightText}，相差 ${money(Math.abs(l - r) as Cents, unit)}${verdict === 'rounding' ? '，属四舍五入尾差' : ''}`,
        expected: r / 100,
        actual: l / 100,
      });
    }
  }
  return findings;
}
