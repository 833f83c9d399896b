// The 绩效自评表 of a 决算 (部门整体 or 项目): the 全年执行数 of 资金总额, 当年财政拨款, 基本支出 and
// 项目支出 against the 决算 tables (department-wide only), and each row's 执行率 = 执行数 ÷ 全年预算数,
// rounded, not truncated.
import { z } from 'zod';
import { address } from '../a1';
import type { Finding } from '../check/finding';
import { type Grid, squash, textAt } from '../grid';
import type { Cents } from '../money';
import type { Facts } from '../narrative/facts';
import { wan } from '../narrative/wording';
import { decimalsOf, percentRounded, roundedPercent, truncatedPercent } from '../percent';
import { sheetUnit, wanCents } from '../sheet-lists';
import { targetSheet } from './targets';

const ExecutedAmount = z.object({ label: z.string().min(2), metrics: z.array(z.string()).min(1), name: z.string() }).strict();

/** Row labels of a department's self-evaluation and the 决算 figures (summed) their 执行数 must equal. */
export const EXECUTED_AMOUNTS = z.array(ExecutedAmount).parse([
  { label: '资金总额', metrics: ['expense.subtotal'], name: '本年支出合计' },
  { label: '年度资金总额', metrics: ['expense.subtotal'], name: '本年支出合计' },
  { label: '当年财政拨款', metrics: ['gpb.total', 'gf.total', 'soe.total'], name: '本年财政拨款支出' },
  { label: '财政拨款', metrics: ['gpb.total', 'gf.total', 'soe.total'], name: '本年财政拨款支出' },
  { label: '基本支出', metrics: ['expense.basic'], name: '基本支出' },
  { label: '项目支出', metrics: ['expense.project'], name: '项目支出' },
]);

const EXECUTED = /^(全年)?执行数$|^实际支出(数)?$|^决算数$|^全年实际支出$/;
const PLANNED = /^全年预算数$|^调整后预算(数)?$|^预算数$/;
const RATE = /^(预算)?执行率$/;

interface Columns {
  row: number;
  executed: number;
  planned: number | null;
  rate: number | null;
}

function columns(sheet: Grid): Columns | null {
  for (let r = 1; r <= Math.min(sheet.rowCount, 15); r++) {
    let executed = 0;
    let planned: number | null = null;
    let rate: number | null = null;
    for (let c = 1; c <= sheet.columnCount; c++) {
      const t = squash(textAt(sheet, r, c)).replace(/[（(](万元|元|%)[)）]/g, '');
      if (!executed && EXECUTED.test(t)) executed = c;
      else if (planned === null && PLANNED.test(t)) planned = c;
      else if (rate === null && RATE.test(t)) rate = c;
    }
    if (executed) return { row: r, executed, planned, rate };
  }
  return null;
}

const clean = (t: string) => squash(t).replace(/[（(](万元|元)[)）]|[:：]|^其中/g, '');

export function checkSelfEvaluation(sheets: Grid[], facts: Facts): Finding[] {
  const out: Finding[] = [];
  for (const sheet of sheets) {
    const target = targetSheet(sheet);
    if (!target) continue;
    const cols = columns(sheet);
    if (!cols) continue;
    const unit = sheetUnit(sheet);
    const at = (r: number, c: number): Cents | null => wanCents(sheet.rows.get(r)?.get(c)?.value, unit);
    const finding = (cell: string, rule: string, message: string, expected: number, actual: number): Finding => ({ rule, severity: 'error', sheet: sheet.name, cell, cells: [cell], message, expected, actual });
    for (let r = cols.row + 1; r <= sheet.rowCount; r++) {
      const label = Array.from({ length: cols.executed - 1 }, (_, c) => clean(textAt(sheet, r, c + 1))).find((t) => t) ?? '';
      const executed = at(r, cols.executed);
      if (executed === null) continue;
      const spec = target.project ? undefined : EXECUTED_AMOUNTS.find((a) => a.label === label);
      if (spec) {
        const parts = spec.metrics.map((m) => facts.get(m)).filter((f) => f !== undefined);
        const want = parts.reduce((a, f) => a + f.value, 0) as Cents;
        if (parts.length && want !== executed) {
          const cell = address(r, cols.executed);
          out.push(finding(cell, 'performance.amount', `${sheet.name} 的${label}执行数为 ${wan(executed)} 万元，决算表中${spec.name}为 ${wan(want)} 万元`, want / 100, executed / 100));
        }
      }
      const planned = cols.planned ? at(r, cols.planned) : null;
      const rateText = cols.rate ? textAt(sheet, r, cols.rate) : '';
      const m = /(-?\d+(?:\.\d+)?)\s*[%％]/.exec(rateText);
      if (!planned || !m) continue;
      const d = decimalsOf(m[1]);
      if (!percentRounded(Number(m[1]), executed, planned, d)) {
        const right = roundedPercent(executed, planned, d);
        const truncated = truncatedPercent(executed, planned, d) === Number(m[1]).toFixed(d);
        out.push(finding(address(r, cols.rate!), 'performance.share', `${label || sheet.name}执行率：${wan(executed)} ÷ ${wan(planned)} = ${right}%，表中为 ${m[1]}%${truncated ? '（截尾而不是四舍五入）' : ''}`, Number(right), Number(m[1])));
      }
    }
  }
  return out;
}
