// The 绩效目标表 (部门整体支出绩效目标表, 项目支出绩效目标表): their amounts against the budget tables,
// their shares (rounded, not truncated) against the figures they name, and money-valued 成本指标
// against the project's amount (a unit slip of 10, 100 … 10,000).
import { z } from 'zod';
import { address } from '../a1';
import type { Finding } from '../check/finding';
import { type Grid, squash, textAt } from '../grid';
import type { Cents } from '../money';
import type { Facts } from '../narrative/facts';
import { linkFigure, type LinkContext } from '../narrative/link';
import { wan } from '../narrative/wording';
import { roundedPercent, truncatedPercent } from '../percent';
import { sheetUnit, wanCents } from '../sheet-lists';

const AmountLabel = z.object({ label: z.string().min(2), metrics: z.array(z.string()).min(1), name: z.string() }).strict();

/** Labels of the amounts a target table states, and the budget figures (summed) they must equal. */
export const TARGET_AMOUNTS = z.array(AmountLabel).parse([
  { label: '资金总额', metrics: ['income.total'], name: '收入总计' },
  { label: '年度资金总额', metrics: ['income.total'], name: '收入总计' },
  { label: '预算资金总额', metrics: ['income.total'], name: '收入总计' },
  { label: '收入预算合计', metrics: ['income.total'], name: '收入总计' },
  { label: '当年财政拨款', metrics: ['fiscal.gpb', 'fiscal.gf', 'fiscal.soe'], name: '当年财政拨款收入' },
  { label: '财政拨款', metrics: ['fiscal.gpb', 'fiscal.gf', 'fiscal.soe'], name: '当年财政拨款收入' },
  { label: '基本支出', metrics: ['expense.basic'], name: '基本支出' },
  { label: '项目支出', metrics: ['expense.project'], name: '项目支出' },
]);

const TITLE = /绩效目标(申报)?表|绩效自评表/;
const PROJECT = /项目支出绩效目标|项目名称/;

/** The first number right of column c in row r, with its cell. */
export function amountRightOf(sheet: Grid, r: number, c: number, unit: '元' | '万元'): { value: Cents; cell: string } | null {
  for (let cc = c + 1; cc <= Math.min(sheet.columnCount, c + 4); cc++) {
    const v = sheet.rows.get(r)?.get(cc)?.value;
    if (v === null || v === undefined || v === '') continue;
    const value = wanCents(v, unit);
    return value === null ? null : { value, cell: address(r, cc) };
  }
  return null;
}

const MONEY = /([≥≤>＜<＞=＝]*)\s*(\d[\d,，]*(?:\.\d+)?)\s*(万元|元)/;
const PERCENT = /([≥≤>＜<＞=＝]*)\s*(\d+(?:\.\d+)?)\s*[%％]/;

/** A 绩效目标表 (or 绩效自评表), and whether it is a project's. */
export function targetSheet(sheet: Grid): { project: boolean } | null {
  const head = squash(Array.from({ length: Math.min(3, sheet.rowCount) }, (_, i) => Array.from({ length: sheet.columnCount }, (_, c) => textAt(sheet, i + 1, c + 1)).join('')).join(''));
  if (!TITLE.test(head)) return null;
  return { project: PROJECT.test(head) || [...Array(Math.min(8, sheet.rowCount)).keys()].some((i) => /项目名称/.test(squash(textAt(sheet, i + 1, 1)))) };
}

export function checkPerformanceTargets(sheets: Grid[], facts: Facts, ctx: LinkContext): Finding[] {
  const out: Finding[] = [];
  for (const sheet of sheets) {
    const target = targetSheet(sheet);
    if (!target) continue;
    const unit = sheetUnit(sheet);
    const isProject = target.project;
    let projectAmount: { value: Cents; cell: string } | null = null;
    const finding = (cell: string, rule: string, severity: Finding['severity'], message: string, expected: number | string | null, actual: number | string | null): Finding => ({ rule, severity, sheet: sheet.name, cell, cells: [cell], message, expected, actual });

    for (let r = 1; r <= sheet.rowCount; r++) {
      for (let c = 1; c <= sheet.columnCount; c++) {
        const label = squash(textAt(sheet, r, c)).replace(/[（(](万元|元)[)）]|[:：]/g, '');
        if (!label) continue;
        // amounts against the budget tables (the department's; a project's own amount is its own)
        const spec = TARGET_AMOUNTS.find((a) => label === a.label || label === `其中${a.label}` || label === `其中：${a.label}`);
        if (spec) {
          const got = amountRightOf(sheet, r, c, unit);
          if (!got) continue;
          if (isProject) {
            if (!projectAmount && /资金总额|预算资金/.test(spec.label)) projectAmount = got;
            continue;
          }
          const parts = spec.metrics.map((m) => facts.get(m)).filter((f) => f !== undefined);
          if (!parts.length) continue;
          const want = parts.reduce((a, f) => a + f.value, 0) as Cents;
          if (want !== got.value) {
            const other = TARGET_AMOUNTS.find((a) => a !== spec && a.metrics.length === 1 && facts.get(a.metrics[0])?.value === got.value);
            out.push(finding(got.cell, 'performance.amount', 'error', `${sheet.name} 的${spec.label}为 ${wan(got.value)} 万元，预算表中${spec.name}为 ${wan(want)} 万元${other ? `（填的是${other.name}）` : ''}`, want / 100, got.value / 100));
          }
        }
        // a share named by its row: “三公”经费占一般公共预算支出比例 ≥0.16%
        const share = /^(.+?)占(.+?)(?:的)?(?:比例|比重|比)$/.exec(label);
        if (share) {
          for (let cc = c + 1; cc <= sheet.columnCount; cc++) {
            const m = PERCENT.exec(textAt(sheet, r, cc));
            if (!m) continue;
            const a = linkFigure(share[1], ctx)?.fact;
            const b = linkFigure(share[2], ctx)?.fact;
            if (a && b && b.value !== 0) {
              const d = Math.min((m[2].split('.')[1] ?? '').length, 4);
              const right = roundedPercent(a.value, b.value, d);
              if (right !== Number(m[2]).toFixed(d)) {
                const truncated = truncatedPercent(a.value, b.value, d) === Number(m[2]).toFixed(d);
                out.push(finding(address(r, cc), 'performance.share', 'error', `${share[1]}占${share[2]}：${wan(a.value)} ÷ ${wan(b.value)} = ${right}%，表中为 ${m[2]}%${truncated ? '（截尾而不是四舍五入）' : ''}`, Number(right), Number(m[2])));
              }
            }
            break;
          }
        }
      }
    }

    // money-valued 成本指标 against the project's amount
    if (isProject && projectAmount) {
      for (let r = 1; r <= sheet.rowCount; r++) {
        const rowText = Array.from({ length: sheet.columnCount }, (_, c) => textAt(sheet, r, c + 1)).join('|');
        if (!/成本/.test(rowText)) continue;
        for (let c = 1; c <= sheet.columnCount; c++) {
          const m = MONEY.exec(textAt(sheet, r, c));
          if (!m) continue;
          const n = Number(m[2].replace(/[,，]/g, ''));
          const wanCents = Math.round(m[3] === '元' ? n : n * 10000); // in 元
          const project = projectAmount.value * 100; // 万元 cents → 元
          if (wanCents === 0 || project === 0) continue;
          const ratio = project / wanCents;
          const power = Math.round(Math.log10(ratio));
          if (power !== 0 && Math.abs(ratio / 10 ** power - 1) < 0.005) {
            out.push(finding(address(r, c), 'performance.unit', 'error', `成本指标「${textAt(sheet, r, c).trim()}」与项目资金 ${wan(projectAmount.value)} 万元相差 ${10 ** Math.abs(power)} 倍，单位可能有误（${wan(projectAmount.value)} 万元 = ${(project / 100).toFixed(0)} 元）`, project / 100, n));
          }
        }
      }
    }
  }
  return out;
}
