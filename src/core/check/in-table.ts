// Checks inside one table: row arithmetic (合计 = 基本 + 项目 …), column totals and fixed sum
// rows (本年收入合计 = Σ …), the 类/款/项 hierarchy, and the spec's identities (收入总计 = 支出总计).
import { childrenByRow } from '../hierarchy';
import type { Cents } from '../money';
import type { RecognizedRow, RecognizedTable } from '../recognize/tables';
import type { ColumnSpec } from '../spec/schema';
import type { Book } from './book';
import { cellRef, type Finding, judgeSum, type Located, money } from './finding';

type Term = { loc: Located & { blank: boolean }; sign: 1 | -1 };

function label(table: RecognizedTable, row: RecognizedRow): string {
  if (row.kind === 'total' || row.key === 'total') return '合计行';
  if (row.key === 'single') return '';
  return row.code ? `${row.code} ${row.label}`.trim() : `「${row.label}」`;
}

function columnName(spec: ColumnSpec | undefined, key: string): string {
  return spec?.meaning ?? spec?.header[spec.header.length - 1] ?? key;
}

function describeTerms(terms: Term[], names: string[]): string {
  return terms.map((t, i) => `${i === 0 ? (t.sign < 0 ? '−' : '') : t.sign < 0 ? ' − ' : ' + '}${names[i] ? `${names[i]} ` : ''}${money(Math.abs(t.loc.cents) as Cents)}`).join('');
}

/** A stated value against a signed sum; pushes a finding unless they agree. */
export function compareSum(
  findings: Finding[],
  rule: string,
  stated: Located & { blank: boolean },
  terms: Term[],
  what: () => string,
  names: () => string[] = () => [],
): void {
  if (stated.blank && terms.every((t) => t.loc.blank)) return;
  const expected = terms.reduce((a, t) => a + t.sign * t.loc.cents, 0) as Cents;
  const verdict = judgeSum(stated.cents, expected, terms.length);
  if (verdict === 'ok') return;
  const diff = money(Math.abs(stated.cents - expected) as Cents);
  const sum = describeTerms(terms, names());
  findings.push({
    rule,
    severity: verdict === 'rounding' ? 'notice' : 'error',
    sheet: stated.sheet,
    cell: stated.address,
    cells: [stated.address, ...terms.map((t) => cellRef(t.loc, stated.sheet))],
    message:
      verdict === 'rounding'
        ? `${what()}为 ${money(stated.cents)}，分项之和为 ${money(expected)}（${sum}），相差 ${diff}，属四舍五入尾差`
        : `${what()}为 ${money(stated.cents)}，应为 ${money(expected)}（${sum}），相差 ${diff}`,
    expected: expected / 100,
    actual: stated.cents / 100,
  });
}

type Ref = { key: string; sign: 1 | -1 };

/** "basic" → +basic, "-spend" → −spend. */
const signedRef = (r: string, sign: 1 | -1 = 1): Ref => ({ key: r.replace(/^-/, ''), sign: ((r.startsWith('-') ? -1 : 1) * sign) as 1 | -1 });

/** The terms of a sum row as the table has them: a term whose row is absent is replaced by the
 * terms it is the sum of, if the spec says so; else it counts as nothing. */
function expandAbsent(refs: Ref[], table: RecognizedTable, sums: Map<string, readonly string[]>, depth = 0): Ref[] {
  return refs.flatMap((r) => {
    if (table.rows.some((x) => x.key === r.key)) return [r];
    const parts = sums.get(r.key);
    if (!parts || depth > 4) return [];
    return expandAbsent(parts.map((p) => signedRef(p, r.sign)), table, sums, depth + 1);
  });
}

export function checkTable(book: Book, table: RecognizedTable): Finding[] {
  const findings: Finding[] = [];
  const spec = table.spec;
  const title = `${spec.sheetPrefix}`;
  const specColumns = spec.blocks.flatMap((b, block) => b.columns.map((c) => ({ c, block })));
  const columnSpec = (key: string) => specColumns.find((x) => x.c.key === key && table.columns.has(key))?.c;
  const isFixed = spec.blocks.some((b) => b.rows.kind === 'fixed');

  // row arithmetic
  for (const { c, block } of specColumns) {
    if (!c.sum || !table.columns.has(c.key)) continue;
    const all = c.sum.map((r) => signedRef(r));
    const refs = all.filter((r) => table.columns.has(r.key));
    // a layout that prints only some of the terms (合计 | 基本支出 | 项目支出, without 上缴上级支出 …):
    // checked all the same, but a disagreement may be an absent column's, so it is a warning
    const absent = all.filter((r) => !table.columns.has(r.key));
    if (absent.length && (c.when || refs.length < 2)) continue;
    for (const row of table.rows) {
      if (isFixed && row.block !== block) continue;
      const stated = book.value(table, row.key, c.key);
      if (!stated) continue;
      // most rows agree: add up before building anything to describe them
      let expected = 0;
      let blank = stated.blank;
      // a row whose amount stands in a narrower block's column (支出总计 printed across into the
      // 支出用途 block) has no cells for the other terms: nothing to add up
      let whole = true;
      for (const r of refs) {
        const v = book.value(table, row.key, r.key);
        if (!v) whole = false;
        else {
          expected += r.sign * v.cents;
          blank &&= v.blank;
        }
      }
      if (!whole || blank || judgeSum(stated.cents, expected as Cents, refs.length) === 'ok') continue;
      const terms = refs.map((r) => ({ loc: book.value(table, row.key, r.key)!, sign: r.sign }));
      const before = findings.length;
      compareSum(findings, 'row.sum', stated, terms, () => `${title} ${label(table, row)}的${columnName(c, c.key)}`, () => refs.map((r) => columnName(columnSpec(r.key), r.key)));
      for (const f of findings.slice(before)) {
        if (!absent.length || f.severity !== 'error') continue;
        f.severity = 'warning';
        f.message += `（表中没有${absent.map((r) => columnName(specColumns.find((x) => x.c.key === r.key)?.c, r.key)).join('、')}栏，若有这些支出请补列）`;
      }
    }
  }

  // hierarchy and totals of code and list tables
  const kind = spec.blocks[0].rows.kind;
  if (kind === 'codes' || kind === 'list') {
    const rows = table.rows;
    const children =
      kind === 'codes'
        ? childrenByRow(rows.map((r) => ({ code: r.kind === 'total' ? null : r.code, isTotal: r.kind === 'total' })))
        : new Map(rows.length > 1 ? [[0, rows.slice(1).map((_, i) => i + 1)]] : []);
    for (const [i, kids0] of children) {
      const row = rows[i];
      // a list whose first item is the department and the rest its units (部门 / 本级 / 下属单位)
      // totals to its first item
      let kids = kids0;
      if (kind === 'list' && kids.length > 1) {
        const amountKeys = [...table.columns.keys()].filter((k) => columnSpec(k)?.role === 'amount');
        const v = (r: number, k: string) => book.value(table, rows[r].key, k)?.cents ?? 0;
        const equalsFirst = amountKeys.every((k) => v(i, k) === v(kids[0], k));
        const restSum = amountKeys.every((k) => kids.slice(1).reduce((a, r) => a + v(r, k), 0) === v(kids[0], k));
        if (equalsFirst && restSum) kids = [kids[0]];
      }
      for (const key of table.columns.keys()) {
        if (columnSpec(key)?.role !== 'amount') continue;
        const stated = book.value(table, row.key, key)!;
        let expected = 0;
        let blank = stated.blank;
        for (const k of kids) {
          const v = book.value(table, rows[k].key, key)!;
          expected += v.cents;
          blank &&= v.blank;
        }
        if (blank || judgeSum(stated.cents, expected as Cents, kids.length) === 'ok') continue;
        const terms = kids.map((k) => ({ loc: book.value(table, rows[k].key, key)!, sign: 1 as const }));
        const rule = row.kind === 'total' ? 'col.total' : 'hier.sum';
        const what = () => (row.kind === 'total' ? `${title} 合计行的${columnName(columnSpec(key), key)}` : `${title} ${label(table, row)}的${columnName(columnSpec(key), key)}`);
        compareSum(findings, rule, stated, terms, what, () => kids.map((k) => rows[k].code ?? ''));
      }
    }
  }

  // fixed sum rows: 本年收入合计, 收入总计, 人员经费合计, 301 = Σ 301xx …
  if (isFixed) {
    // a sum row's terms; 本年支出合计 (the sum of the inserted classes) left out stands for its classes
    const classKeys = (b: number) => table.rows.filter((r) => r.key.startsWith('class.') && r.block === b).map((r) => r.key);
    const sums = new Map<string, readonly string[]>(spec.blocks.flatMap((bl, b) => (bl.rows.kind === 'fixed' ? bl.rows.rows.flatMap((e) => ('key' in e && e.sum ? [[e.key, e.sum] as const] : 'key' in e && e.sumOf === 'inserted' ? [[e.key, classKeys(b)] as const] : [])) : [])));
    spec.blocks.forEach((block, b) => {
      if (block.rows.kind !== 'fixed') return;
      const entries = block.rows.rows;
      const fixedCodes = new Set(entries.flatMap((e) => ('code' in e && e.code ? [e.code] : [])));
      for (const e of entries) {
        if (!('key' in e)) continue;
        const row = table.rows.find((r) => r.key === e.key);
        if (!row) continue;
        let refs: { key: string; sign: 1 | -1 }[] | null = null;
        if (e.sum) refs = e.sum.map((r) => signedRef(r));
        else if (e.sumOf === 'inserted') refs = classKeys(b).map((key) => ({ key, sign: 1 }));
        else if (e.code?.length === 3) refs = [...fixedCodes].filter((c) => c.length === 5 && c.startsWith(e.code!)).map((key) => ({ key, sign: 1 }));
        if (!refs || refs.length === 0) continue;
        // a layout that leaves out a subtotal (收入总计 straight under the sources, with no 本年收入合计)
        // adds the subtotal's own terms instead
        const present = expandAbsent(refs, table, sums);
        if (!present.length) continue;
        for (const col of block.columns.filter((c) => c.role === 'amount' && table.columns.has(c.key))) {
          const stated = book.value(table, row.key, col.key);
          if (!stated) continue;
          // a row of another block (公开06's 公用经费合计 adds 307/310/399 from the third block) counts in its own amount column
          const sameBlock = (key: string) => table.rows.find((x) => x.key === key)!.block === b;
          const terms = present.flatMap((r) => {
            const loc = book.value(table, r.key, sameBlock(r.key) ? col.key : '*');
            return loc ? [{ loc, sign: r.sign }] : [];
          });
          const names = () => present.map((r) => table.rows.find((x) => x.key === r.key)!.label.replace(/^[一二三四五六七八九十]+、|^（[一二三四五六七八九十]+）/, ''));
          compareSum(findings, 'col.sum', stated, terms, () => `${title}「${row.label}」${block.columns.filter((c) => c.role === 'amount').length > 1 ? `的${columnName(col, col.key)}` : ''}`, names);
        }
      }
    });
  }

  // identities declared by the spec: 收入总计 = 支出总计
  for (const id of spec.identities) {
    const left = book.value(table, id.left[0], id.left[1]);
    const right = book.value(table, id.right[0], id.right[1]);
    if (!left || !right || (left.blank && right.blank)) continue;
    // an identity another one already found broken at the same cell with the same figures (收入总计 against
    // 支出总计 and against the 支出用途 block's 支出合计) says nothing more
    const repeats = findings.some((f) => f.cell === left.address && f.sheet === left.sheet && f.actual === left.cents / 100 && f.expected === right.cents / 100 && spec.identities.some((i) => i.id === f.rule));
    if (left.cents !== right.cents && !repeats) {
      findings.push({
        rule: id.id,
        severity: 'error',
        sheet: left.sheet,
        cell: left.address,
        cells: [left.address, cellRef(right, left.sheet)],
        message: `${title} ${id.message}：${left.address} 为 ${money(left.cents)}，${right.address} 为 ${money(right.cents)}，相差 ${money(Math.abs(left.cents - right.cents) as Cents)}`,
        expected: right.cents / 100,
        actual: left.cents / 100,
      });
    }
  }
  return findings;
}
