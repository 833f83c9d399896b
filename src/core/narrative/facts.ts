// Every figure a 情况说明 speaks of, taken from the recognised tables, in 万元 (决算 tables in 元
// are converted), each with the cell it came from.
import type { Book } from '../check/book';
import { codeLevel } from '../codes';
import { type Cents, convert } from '../money';
import type { RecognizedTable } from '../recognize/tables';

export interface FactValue {
  metric: string;
  /** Subject code for 类/款/项/economic metrics. */
  code: string | null;
  /** What the narrative calls it: 一般公共预算拨款收入, 行政运行, 公务接待费… */
  label: string;
  value: Cents;
  sheet: string | null;
  cell: string | null;
  /** A figure no cell holds, added up from this many rounded parts (so it may be off by 尾差). */
  parts?: number;
}

export type Facts = Map<string, FactValue>;

/** Where each metric is read: table, row key, column key (per kind). */
const SOURCES: Record<'budget' | 'final', [metric: string, label: string, table: string, row: string, col: string][]> = {
  budget: [
    ['income.total', '收入总计', 'budget.01', 'incomeTotal', 'income'],
    ['income.subtotal', '本年收入合计', 'budget.01', 'incomeSubtotal', 'income'],
    ['income.gpb', '一般公共预算拨款收入', 'budget.01', 'gpb', 'income'],
    ['income.gf', '政府性基金预算拨款收入', 'budget.01', 'gf', 'income'],
    ['income.soe', '国有资本经营预算拨款收入', 'budget.01', 'soe', 'income'],
    ['income.special', '财政专户管理资金收入', 'budget.01', 'special', 'income'],
    ['income.business', '事业收入', 'budget.01', 'business', 'income'],
    ['income.superior', '上级补助收入', 'budget.01', 'superior', 'income'],
    ['income.affiliated', '附属单位上缴收入', 'budget.01', 'affiliated', 'income'],
    ['income.operating', '事业单位经营收入', 'budget.01', 'operating', 'income'],
    ['income.otherIncome', '其他收入', 'budget.01', 'otherIncome', 'income'],
    ['income.carryIn', '上年结转', 'budget.01', 'carryIn', 'income'],
    ['expense.total', '支出总计', 'budget.01', 'expenseTotal', 'expense'],
    ['expense.subtotal', '本年支出合计', 'budget.01', 'expenseSubtotal', 'expense'],
    ['expense.basic', '基本支出', 'budget.03', 'total', 'basic'],
    ['expense.project', '项目支出', 'budget.03', 'total', 'project'],
    ['expense.operating', '事业单位经营支出', 'budget.03', 'total', 'operating'],
    ['expense.remit', '上缴上级支出', 'budget.03', 'total', 'remit'],
    ['expense.subsidy', '对附属单位补助支出', 'budget.03', 'total', 'subsidy'],
    ['fiscal.subtotal', '财政拨款收入', 'budget.01', 'fiscal', 'income'],
    ['fiscal.total', '财政拨款收支总预算', 'budget.04', 'incomeTotal', 'income'],
    ['fiscal.gpb', '一般公共预算当年拨款收入', 'budget.04', 'gpb', 'income'],
    ['fiscal.gf', '政府性基金预算当年拨款收入', 'budget.04', 'gf', 'income'],
    ['fiscal.soe', '国有资本经营预算当年拨款收入', 'budget.04', 'soe', 'income'],
    ['fiscal.carryIn', '上年结转', 'budget.04', 'carryIn', 'income'],
    ['gpb.total', '一般公共预算当年拨款', 'budget.05', 'total', 'total'],
    ['gpb.basic', '一般公共预算基本支出', 'budget.05', 'total', 'basic'],
    ['gpb.project', '一般公共预算项目支出', 'budget.05', 'total', 'project'],
    ['basic.total', '一般公共预算基本支出', 'budget.06', 'total', 'total'],
    ['basic.personnel', '人员经费', 'budget.06', 'total', 'personnel'],
    ['basic.public', '公用经费', 'budget.06', 'total', 'public'],
    ['sangong.total', '“三公”经费', 'budget.07', 'single', 'total'],
    ['sangong.abroad', '因公出国（境）费', 'budget.07', 'single', 'abroad'],
    ['sangong.car', '公务用车购置及运行费', 'budget.07', 'single', 'car'],
    ['sangong.carPurchase', '公务用车购置费', 'budget.07', 'single', 'carPurchase'],
    ['sangong.carRunning', '公务用车运行费', 'budget.07', 'single', 'carRunning'],
    ['opex.total', '机关运行经费', 'budget.07', 'single', 'opex'],
    ['opex.total', '机关运行经费', 'budget.x-opex', 'opexTotal', 'total'],
    ['sangong.reception', '公务接待费', 'budget.07', 'single', 'reception'],
    ['sangongPrior.total', '上年“三公”经费', 'budget.07', 'single', 'prior.total'],
    ['sangongPrior.abroad', '上年因公出国（境）费', 'budget.07', 'single', 'prior.abroad'],
    ['sangongPrior.car', '上年公务用车购置及运行费', 'budget.07', 'single', 'prior.car'],
    ['sangongPrior.carPurchase', '上年公务用车购置费', 'budget.07', 'single', 'prior.carPurchase'],
    ['sangongPrior.carRunning', '上年公务用车运行费', 'budget.07', 'single', 'prior.carRunning'],
    ['sangongPrior.reception', '上年公务接待费', 'budget.07', 'single', 'prior.reception'],
    ['gf.total', '政府性基金预算支出', 'budget.08', 'total', 'total'],
    ['soe.total', '国有资本经营预算支出', 'budget.09', 'total', 'total'],
  ],
  final: [
    ['income.total', '收入总计', 'final.01', 'incomeTotal', 'income'],
    ['income.subtotal', '本年收入合计', 'final.01', 'incomeSubtotal', 'income'],
    ['income.gpb', '一般公共预算财政拨款收入', 'final.01', 'gpb', 'income'],
    ['income.gf', '政府性基金预算财政拨款收入', 'final.01', 'gf', 'income'],
    ['income.soe', '国有资本经营预算财政拨款收入', 'final.01', 'soe', 'income'],
    ['income.superior', '上级补助收入', 'final.01', 'superior', 'income'],
    ['income.business', '事业收入', 'final.01', 'business', 'income'],
    ['income.operating', '经营收入', 'final.01', 'operating', 'income'],
    ['income.affiliated', '附属单位上缴收入', 'final.01', 'affiliated', 'income'],
    ['income.otherIncome', '其他收入', 'final.01', 'otherIncome', 'income'],
    ['income.opening', '年初结转和结余', 'final.01', 'opening', 'income'],
    ['expense.total', '支出总计', 'final.01', 'expenseTotal', 'expense'],
    ['expense.subtotal', '本年支出合计', 'final.01', 'expenseSubtotal', 'expense'],
    ['expense.closing', '年末结转和结余', 'final.01', 'closing', 'expense'],
    ['expense.basic', '基本支出', 'final.03', 'total', 'basic'],
    ['expense.project', '项目支出', 'final.03', 'total', 'project'],
    ['fiscal.total', '财政拨款收支总计', 'final.04', 'incomeTotal', 'income'],
    ['fiscal.subtotal', '本年财政拨款收入', 'final.04', 'incomeSubtotal', 'income'],
    ['fiscal.gpb', '一般公共预算财政拨款收入', 'final.04', 'gpb', 'income'],
    ['gpb.total', '一般公共预算财政拨款支出', 'final.05', 'total', 'total'],
    ['gpb.basic', '一般公共预算财政拨款基本支出', 'final.05', 'total', 'basic'],
    ['gpb.project', '一般公共预算财政拨款项目支出', 'final.05', 'total', 'project'],
    ['basic.personnel', '人员经费', 'final.06', 'personnelTotal', '*'],
    ['basic.public', '公用经费', 'final.06', 'publicTotal', '*'],
    ['sangong.total', '“三公”经费', 'final.09', 'single', 'actual.total'],
    ['sangong.abroad', '因公出国（境）费', 'final.09', 'single', 'actual.abroad'],
    ['sangong.car', '公务用车购置及运行维护费', 'final.09', 'single', 'actual.car'],
    ['sangong.carPurchase', '公务用车购置费', 'final.09', 'single', 'actual.carPurchase'],
    ['sangong.carRunning', '公务用车运行维护费', 'final.09', 'single', 'actual.carRunning'],
    ['sangong.reception', '公务接待费', 'final.09', 'single', 'actual.reception'],
    ['sangongBudget.total', '“三公”经费预算', 'final.09', 'single', 'budget.total'],
    ['sangongBudget.abroad', '因公出国（境）费预算', 'final.09', 'single', 'budget.abroad'],
    ['sangongBudget.car', '公务用车购置及运行维护费预算', 'final.09', 'single', 'budget.car'],
    ['sangongBudget.carPurchase', '公务用车购置费预算', 'final.09', 'single', 'budget.carPurchase'],
    ['sangongBudget.carRunning', '公务用车运行维护费预算', 'final.09', 'single', 'budget.carRunning'],
    ['sangongBudget.reception', '公务接待费预算', 'final.09', 'single', 'budget.reception'],
    ['gf.total', '政府性基金预算财政拨款支出', 'final.07', 'total', 'spend'],
    ['soe.total', '国有资本经营预算财政拨款支出', 'final.08', 'total', 'total'],
  ],
};

function put(facts: Facts, f: FactValue): void {
  if (!facts.has(f.metric)) facts.set(f.metric, f);
}

/** Code rows of a table as facts: gpb.class.201, gpb.item.2010301, econ.30101 … */
function codeFacts(book: Book, facts: Facts, table: RecognizedTable | undefined, prefix: string, columns: Record<string, string>): void {
  if (!table) return;
  for (const row of table.rows) {
    if (!row.code || row.kind === 'total' || !/^\d+$/.test(row.code)) continue;
    const level = codeLevel(row.code);
    const kind = level === 1 ? 'class' : level === 2 ? 'section' : 'item';
    for (const [suffix, col] of Object.entries(columns)) {
      const v = book.value(table, row.key, col);
      if (!v) continue;
      put(facts, { metric: `${prefix}.${kind}.${row.code}${suffix}`, code: row.code, label: row.label, value: convert(v.cents, v.unit, '万元'), sheet: v.sheet, cell: v.address });
    }
  }
}

export function collectFacts(book: Book): Facts {
  const facts: Facts = new Map();
  const kind = book.recognition.kind;
  if (!kind) return facts;
  for (const [metric, label, tableId, row, col] of SOURCES[kind]) {
    const table = book.table(tableId);
    if (!table) continue;
    const v = book.value(table, row, col);
    if (!v) continue;
    put(facts, { metric, code: null, label, value: convert(v.cents, v.unit, '万元'), sheet: v.sheet, cell: v.address });
  }
  // a 支出总表 printed without its 合计 row: its 类 rows add up to it
  const t03 = book.table(`${kind}.03`);
  if (t03 && !t03.rows.some((r) => r.kind === 'total')) {
    for (const [metric, label, col] of [['expense.basic', '基本支出', 'basic'], ['expense.project', '项目支出', 'project']] as const) {
      if (facts.has(metric)) continue;
      const parts = t03.rows.filter((r) => r.code && r.code.length === 3).map((r) => book.value(t03, r.key, col)).filter((v): v is NonNullable<typeof v> => v !== null);
      if (parts.length) put(facts, { metric, code: null, label, value: parts.reduce((a, v) => a + convert(v.cents, v.unit, '万元'), 0) as Cents, sheet: null, cell: null, parts: parts.length });
    }
  }
  const t05 = book.table(`${kind}.05`);
  codeFacts(book, facts, t05, 'gpb', { '': 'total', '.basic': 'basic', '.project': 'project' });
  codeFacts(book, facts, book.table(`${kind}.03`), 'expense', { '': 'total' });
  const t06 = book.table(`${kind}.06`);
  if (t06) {
    for (const row of t06.rows) {
      if (!row.code || !/^\d+$/.test(row.code)) continue;
      const v = kind === 'final' ? book.value(t06, row.key, '*') : book.value(t06, row.key, 'total');
      if (v) put(facts, { metric: `econ.${row.code}`, code: row.code, label: row.label, value: convert(v.cents, v.unit, '万元'), sheet: v.sheet, cell: v.address });
    }
  }
  if (kind === 'final' && !facts.has('basic.total')) {
    const p = facts.get('basic.personnel');
    const u = facts.get('basic.public');
    if (p && u) put(facts, { metric: 'basic.total', code: null, label: '一般公共预算财政拨款基本支出', value: (p.value + u.value) as Cents, sheet: null, cell: null, parts: 2 });
  }
  return facts;
}

/** Key/value figures no table holds, from a sheet named 补充信息 (one "名称 | 数值" per row). */
export const SUPPLEMENT_KEYS: Record<string, string> = {
  机关运行经费: 'opex.total',
  政府采购预算总额: 'procurement.total',
  政府采购总额: 'procurement.total',
  政府采购货物: 'procurement.goods',
  政府采购工程: 'procurement.works',
  政府采购服务: 'procurement.services',
  面向中小企业预留: 'procurement.sme',
  车辆: 'assets.vehicles',
  单价50万元以上通用设备: 'assets.generalEquipment',
  单价100万元以上专用设备: 'assets.specialEquipment',
  绩效目标项目数: 'performance.projects',
  绩效目标金额: 'performance.amount',
  上年机关运行经费: 'opexPrior.total',
};
