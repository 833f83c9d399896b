// A department's figures at the most detailed level (项 by fund, economic 款, 三公 parts),
// and their projection onto every standard table. The embedded sample and generated test
// workbooks are made this way, so all their tables agree with one another by construction.
import { z } from 'zod';
import { ancestorCodes } from './codes';
import { type Cents, parseAmount, sum, ZERO } from './money';
import type { CodeRowData, TableData } from './plan/build';

/** Digits past the cent that are not zero ("386.425"): the ledger is the source, so nothing is rounded silently. */
function beyondCents(v: string | number): boolean {
  const fraction = /\.(\d+)/.exec(String(v).replace(/[,\s]/g, ''))?.[1] ?? '';
  return /[1-9]/.test(fraction.slice(2));
}

const amount = z.union([z.string(), z.number()]).transform((v, ctx) => {
  if (beyondCents(v)) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `金额 ${v} 多于两位小数：明细数据须写到分（两位小数），不会自动四舍五入` });
    return z.NEVER;
  }
  try {
    return parseAmount(v);
  } catch (e) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: (e as Error).message });
    return z.NEVER;
  }
});
const optionalAmount = amount.optional().transform((v) => v ?? ZERO);

/** An item that splits its basic spending into personnel and public funds. */
const isSplit = (item: { personnel?: Cents; public?: Cents }) => item.personnel !== undefined || item.public !== undefined;

const Item = z
  .object({
    code: z.string().regex(/^\d{7}$/),
    fund: z.enum(['gpb', 'gf', 'soe', 'other']),
    basic: amount.optional(),
    project: optionalAmount,
    /** Basic spending split into personnel and public funds (for tables that print the split). */
    personnel: amount.optional(),
    public: amount.optional(),
  })
  .strict()
  .transform((item, ctx) => {
    const parts = ((item.personnel ?? ZERO) + (item.public ?? ZERO)) as Cents;
    if (isSplit(item) && item.basic !== undefined && item.basic !== parts) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['basic'], message: `基本支出 ${item.basic / 100} 不等于人员经费与公用经费之和 ${parts / 100}` });
    }
    return { ...item, basic: isSplit(item) ? parts : (item.basic ?? ZERO) };
  });

const Sangong = z
  .object({ abroad: optionalAmount, carPurchase: optionalAmount, carRunning: optionalAmount, reception: optionalAmount })
  .strict();

export const Ledger = z
  .object({
    department: z.string().min(1),
    kind: z.enum(['budget', 'final']),
    year: z.number().int(),
    /** Names of every code used, 类 and 款 included (checked against the catalog in tests). */
    names: z.record(z.string().regex(/^\d{3,7}$/), z.string()),
    items: z.array(Item).min(1),
    /** Basic spending of the general budget by economic 款: personnel or public funds. */
    economic: z.array(z.object({ code: z.string().regex(/^\d{5}$/), personnel: optionalAmount, public: optionalAmount }).strict()),
    sangong: Sangong,
    /** Budget: last year's 三公 budget; final: this year's 三公 budget. */
    sangongReference: Sangong,
    /** Income other than fiscal appropriations (事业收入…), by income key. */
    otherIncome: z.record(z.string(), amount).default({}),
  })
  .strict();
export type Ledger = z.infer<typeof Ledger>;

type Item = Ledger['items'][number];

/** 项 of the general budget whose basic spending is not split into personnel and public funds. */
export function unsplitBasic(ledger: Ledger): Item[] {
  return ledger.items.filter((i) => i.fund === 'gpb' && i.basic !== ZERO && !isSplit(i));
}

const total = (i: Item) => (i.basic + i.project) as Cents;

/** Code rows of a function-classification table: 类 and 款 parents (no amounts) then 项 detail. */
function codeRows(ledger: Ledger, items: Item[], values: (i: Item) => Record<string, Cents>): CodeRowData[] {
  const rows = new Map<string, CodeRowData>();
  const sorted = [...items].sort((a, b) => a.code.localeCompare(b.code));
  for (const item of sorted) {
    for (const parent of ancestorCodes(item.code)) {
      if (!rows.has(parent)) rows.set(parent, { code: parent, name: ledger.names[parent] });
    }
    const existing = rows.get(item.code);
    const v = values(item);
    if (existing?.values) {
      for (const [k, c] of Object.entries(v)) existing.values[k] = (existing.values[k] + c) as Cents;
    } else {
      rows.set(item.code, { code: item.code, name: ledger.names[item.code], values: { ...v } });
    }
  }
  return [...rows.values()].sort((a, b) => a.code.localeCompare(b.code));
}

function byClass(items: Item[], value: (i: Item) => Cents): Record<string, Cents> {
  const out: Record<string, Cents> = {};
  for (const i of items) out[i.code.slice(0, 3)] = ((out[i.code.slice(0, 3)] ?? 0) + value(i)) as Cents;
  return out;
}

function economicRows(ledger: Ledger): CodeRowData[] {
  const rows = new Map<string, CodeRowData>();
  for (const e of [...ledger.economic].sort((a, b) => a.code.localeCompare(b.code))) {
    const cls = e.code.slice(0, 3);
    if (!rows.has(cls)) rows.set(cls, { code: cls, name: ledger.names[cls] });
    rows.set(e.code, { code: e.code, name: ledger.names[e.code], values: { personnel: e.personnel, public: e.public } });
  }
  return [...rows.values()];
}

const fundSum = (items: Item[], fund: Item['fund']) => sum(items.filter((i) => i.fund === fund).map(total));

function sangongValues(s: Ledger['sangong'], prefix: string): Record<string, Cents> {
  return { [`${prefix}abroad`]: s.abroad, [`${prefix}carPurchase`]: s.carPurchase, [`${prefix}carRunning`]: s.carRunning, [`${prefix}reception`]: s.reception };
}

function classRows(values: Record<string, Cents>, column: string): Record<string, Record<string, Cents>> {
  return Object.fromEntries(Object.entries(values).map(([cls, v]) => [`class.${cls}`, { [column]: v }]));
}

/** Every standard table's input amounts, by table id. */
export function ledgerToTables(ledger: Ledger): Record<string, TableData> {
  const { items } = ledger;
  const of = (fund: Item['fund']) => items.filter((i) => i.fund === fund);
  const fiscalItems = items.filter((i) => i.fund !== 'other');
  const other = ledger.otherIncome;
  const basicProject = (i: Item) => ({ basic: i.basic, project: i.project });
  const expenseByClass = byClass(items, total);
  const fiscalClasses: Record<string, Record<string, Cents>> = {};
  for (const [fund, column] of [['gpb', 'expenseGpb'], ['gf', 'expenseGf'], ['soe', 'expenseSoe']] as const) {
    for (const [cls, v] of Object.entries(byClass(of(fund), total))) {
      fiscalClasses[`class.${cls}`] = { ...fiscalClasses[`class.${cls}`], [column]: v };
    }
  }
  if (ledger.kind === 'budget') {
    const incomeKeys = ['special', 'business', 'superior', 'affiliated', 'operating', 'otherIncome'];
    const incomeOther = Object.fromEntries(incomeKeys.map((k) => [k, other[k] ?? ZERO]));
    return {
      'budget.01': {
        fixed: {
          gpb: { income: fundSum(items, 'gpb') },
          gf: { income: fundSum(items, 'gf') },
          soe: { income: fundSum(items, 'soe') },
          ...Object.fromEntries(incomeKeys.map((k) => [k, { income: incomeOther[k] }])),
          carryIn: { income: ZERO },
          carryOut: { expense: ZERO },
          ...classRows(expenseByClass, 'expense'),
          // by 支出用途 (option byUse)
          useBasic: { useExpense: sum(items.map((i) => i.basic)) },
          useProject: { useExpense: sum(items.map((i) => i.project)) },
          useReserve: { useExpense: ZERO },
          useCarryOut: { useExpense: ZERO },
        },
      },
      'budget.02': {
        rows: [{ code: '', name: ledger.department, values: { carryIn: ZERO, gpb: fundSum(items, 'gpb'), gf: fundSum(items, 'gf'), soe: fundSum(items, 'soe'), ...incomeOther } }],
      },
      'budget.03': { rows: codeRows(ledger, items, (i) => ({ basic: i.basic, project: i.project, operating: ZERO, remit: ZERO, subsidy: ZERO })) },
      'budget.04': {
        fixed: {
          gpb: { income: fundSum(items, 'gpb') },
          gf: { income: fundSum(items, 'gf') },
          soe: { income: fundSum(items, 'soe') },
          carryGpb: { income: ZERO },
          carryGf: { income: ZERO },
          carrySoe: { income: ZERO },
          carryOut: { expenseGpb: ZERO, expenseGf: ZERO, expenseSoe: ZERO },
          ...fiscalClasses,
          // by 支出用途 (option byUse)
          useBasic: { useExpense: sum(fiscalItems.map((i) => i.basic)) },
          useProject: { useExpense: sum(fiscalItems.map((i) => i.project)) },
          useReserve: { useExpense: ZERO },
          useCarryOut: { useExpense: ZERO },
        },
      },
      'budget.05': { rows: codeRows(ledger, of('gpb'), (i) => ({ ...basicProject(i), personnel: i.personnel ?? ZERO, public: i.public ?? ZERO })) },
      'budget.06': { rows: economicRows(ledger) },
      'budget.07': { single: { ...sangongValues(ledger.sangong, ''), ...sangongValues(ledger.sangongReference, 'prior.') } },
      'budget.08': { rows: codeRows(ledger, of('gf'), basicProject) },
      'budget.09': { rows: codeRows(ledger, of('soe'), basicProject) },
    };
  }
  const fiscal = (i: Item) => (i.fund === 'other' ? ZERO : total(i));
  const econ = Object.fromEntries(ledger.economic.map((e) => [e.code, (e.personnel + e.public) as Cents]));
  const econKey = (code: string) => (['301', '303'].includes(code.slice(0, 3)) ? 'personnel.amount' : code.startsWith('302') ? 'public.amount' : 'capital.amount');
  return {
    'final.01': {
      fixed: {
        gpb: { income: fundSum(items, 'gpb') },
        gf: { income: fundSum(items, 'gf') },
        soe: { income: fundSum(items, 'soe') },
        ...Object.fromEntries(['superior', 'business', 'operating', 'affiliated', 'otherIncome'].map((k) => [k, { income: other[k] ?? ZERO }])),
        useNonFiscal: { income: ZERO },
        opening: { income: ZERO },
        distribution: { expense: ZERO },
        closing: { expense: ZERO },
        ...classRows(expenseByClass, 'expense'),
      },
    },
    'final.02': { rows: codeRows(ledger, items, (i) => ({ fiscal: fiscal(i), superior: ZERO, business: i.fund === 'other' ? total(i) : ZERO, operating: ZERO, affiliated: ZERO, otherIncome: ZERO })) },
    'final.03': { rows: codeRows(ledger, items, (i) => ({ basic: i.basic, project: i.project, remit: ZERO, operating: ZERO, subsidy: ZERO })) },
    'final.04': {
      fixed: {
        gpb: { income: fundSum(items, 'gpb') },
        gf: { income: fundSum(items, 'gf') },
        soe: { income: fundSum(items, 'soe') },
        openingGpb: { income: ZERO },
        openingGf: { income: ZERO },
        openingSoe: { income: ZERO },
        closing: { expenseGpb: ZERO, expenseGf: ZERO, expenseSoe: ZERO },
        ...fiscalClasses,
      },
    },
    'final.05': { rows: codeRows(ledger, of('gpb'), basicProject) },
    'final.06': { fixed: Object.fromEntries(Object.entries(econ).map(([code, v]) => [code, { [econKey(code)]: v }])) },
    'final.07': { rows: codeRows(ledger, of('gf'), (i) => ({ opening: ZERO, income: total(i), basic: i.basic, project: i.project })) },
    'final.08': { rows: codeRows(ledger, of('soe'), basicProject) },
    'final.09': { single: { ...sangongValues(ledger.sangongReference, 'budget.'), ...sangongValues(ledger.sangong, 'actual.') } },
  };
}
