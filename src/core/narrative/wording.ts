// The fixed sentence patterns of a 情况说明, with the rules a correct narrative obeys:
// change = current − prior; percent = change ÷ prior; 新增 when prior is 0; 持平 when the change
// is below half a cent; 2 decimals; the reason left as a marked blank for the accountant.
import { type Cents, formatAmount } from '../money';
import { fill, PHRASING } from './phrasing';

export const REASON_BLANK = PHRASING.reasonBlank;

/** 万元 with two decimals, no thousands separators (the way 情况说明 quote amounts). */
export function wan(c: Cents): string {
  return formatAmount(c, { thousands: false });
}

/** Percentage with two decimals, half up, from exact cents: a ÷ b × 100. */
export function percent(a: number, b: number): string {
  if (b === 0) throw new RangeError('除数为 0');
  // work in integers: a/b*100 to 2 decimals = round(a*10000/b)/100
  const sign = Math.sign(a) * Math.sign(b);
  const n = Math.abs(a) * 10000;
  const d = Math.abs(b);
  const q = Math.floor(n / d);
  const r = n - q * d;
  const v = (2 * r >= d ? q + 1 : q) * (sign < 0 ? -1 : 1);
  const abs = Math.abs(v);
  return `${v < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export interface Change {
  current: Cents;
  prior: Cents | null;
}

export type ChangeKind = 'unknown' | 'new' | 'same' | 'up' | 'down' | 'gone';

export function changeKind({ current, prior }: Change): ChangeKind {
  if (prior === null) return 'unknown';
  if (current === prior) return 'same';
  if (prior === 0) return 'new';
  if (current === 0) return 'gone';
  return current > prior ? 'up' : 'down';
}

/**
 * "比上年增加D万元，增长P%" / "比上年减少D万元，下降P%" / "与上年持平" / "上年没有此项，为新增";
 * `than` names the comparison ("比上年", "比2024年预算").
 */
export function changeClause(c: Change, than = '上年'): string {
  const kind = changeKind(c);
  const prior = c.prior ?? 0;
  const diff = Math.abs(c.current - prior) as Cents;
  if (kind === 'unknown') return '';
  return fill(PHRASING.change[kind], { than, diff: wan(diff), pct: kind === 'up' || kind === 'down' ? percent(diff, prior) : '' });
}

/** "，主要原因是【请填写主要原因】" after a change, nothing when there is no change. */
export function reasonClause(c: Change, reason?: string | null): string {
  const kind = changeKind(c);
  if (kind === 'unknown' || kind === 'same') return '';
  return fill(PHRASING.reason, { reason: reason?.trim() ? reason.trim().replace(/[。；;]$/, '') : REASON_BLANK });
}

/** "占Y%" of a total; "" when the total is 0. */
export function shareClause(part: Cents, total: Cents): string {
  if (total === 0) return '';
  return `占${percent(part, total)}%`;
}

/** "年初预算为B万元，支出决算为A万元，完成年初预算的P%，决算数小于年初预算数的主要原因是…". */
export function completionClause(actual: Cents, budget: Cents, reason?: string | null): string {
  const why = reason?.trim() ? reason.trim().replace(/[。；;]$/, '') : REASON_BLANK;
  if (budget === 0) return fill(PHRASING.completion.zeroBudget, { actual: wan(actual) }) + (actual === 0 ? '' : fill(PHRASING.completion.differs, { word: PHRASING.completion.more, reason: why }));
  const base = fill(PHRASING.completion.some, { budget: wan(budget), actual: wan(actual), pct: percent(actual, budget) });
  if (actual === budget) return base;
  return base + fill(PHRASING.completion.differs, { word: actual > budget ? PHRASING.completion.more : PHRASING.completion.less, reason: why });
}
