// Writes the standard 情况说明 from the facts: sections and sentences in the fixed patterns,
// every change over the prior year's figure, every share over the right total, and a marked
// blank wherever the accountant must give a reason.
import type { Cents } from '../money';
import type { Facts, FactValue } from './facts';
import { fill, PHRASING } from './phrasing';
import { changeClause, changeKind, completionClause, percent, reasonClause, REASON_BLANK, shareClause, wan } from './wording';

export interface SentenceFact {
  metric: string;
  code: string | null;
  current: number | null;
  prior: number | null;
  change: number | null;
  percent: number | null;
  denominator: number | null;
  share: number | null;
  budget: number | null;
  actual: number | null;
  completion: number | null;
}

export interface Sentence {
  /** Section heading path: "一、收支预算总体情况" or "五、…/（三）…". */
  section: string;
  text: string;
  facts: SentenceFact[];
}

export interface Narrative {
  kind: 'budget' | 'final';
  year: number;
  department: string;
  sentences: Sentence[];
}

export interface NarrativeInput {
  kind: 'budget' | 'final';
  year: number;
  department: string;
  facts: Facts;
  /** Last year's figures by the same metrics (budget: prior budget; final: prior final). */
  prior?: Facts;
  /** 决算: the year's 年初预算 figures (from the budget workbook), by the same metrics. */
  budget?: Facts;
  /** Reasons given last year, by metric. */
  reasons?: Map<string, string>;
  /** Figures from the 补充信息 sheet (or a 政府采购 table), by key, in 万元. */
  supplement?: Map<string, number>;
  /** A project list's number of projects. */
  projects?: { count: number };
}

const num = (c: Cents | null | undefined) => (c === null || c === undefined ? null : c / 100);

function fact(metric: string, current: Cents | null, extra: Partial<SentenceFact> = {}, code: string | null = null): SentenceFact {
  return { metric, code, current: num(current), prior: null, change: null, percent: null, denominator: null, share: null, budget: null, actual: null, completion: null, ...extra };
}

function withPrior(metric: string, current: Cents, prior: Cents | null, code: string | null = null): SentenceFact {
  if (prior === null) return fact(metric, current, {}, code);
  const change = (current - prior) as Cents;
  return fact(metric, current, { prior: num(prior), change: num(change), percent: prior === 0 ? null : Number(percent(change, prior)) }, code);
}

function withShare(metric: string, current: Cents, denominator: Cents, code: string | null = null): SentenceFact {
  return fact(metric, current, { denominator: num(denominator), share: denominator === 0 ? null : Number(percent(current, denominator)) }, code);
}

class Writer {
  readonly sentences: Sentence[] = [];
  constructor(readonly input: NarrativeInput) {}
  get(metric: string): FactValue | undefined {
    return this.input.facts.get(metric);
  }
  v(metric: string): Cents {
    return (this.get(metric)?.value ?? 0) as Cents;
  }
  prior(metric: string): Cents | null {
    const p = this.input.prior?.get(metric);
    return p ? p.value : null;
  }
  reason(metric: string): string | undefined {
    return this.input.reasons?.get(metric);
  }
  say(section: string, text: string, facts: SentenceFact[]): void {
    this.sentences.push({ section, text, facts });
  }
}

/** "一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）" */
function itemName(w: Writer, code: string): string {
  const cls = w.get(`gpb.class.${code.slice(0, 3)}`)?.label ?? '';
  const sec = w.get(`gpb.section.${code.slice(0, 5)}`)?.label ?? '';
  const item = w.get(`gpb.item.${code}`)?.label ?? '';
  return `${cls}（类）${sec}（款）${item}（项）`;
}

const INCOME_SOURCES = ['gpb', 'gf', 'soe', 'special', 'business', 'superior', 'affiliated', 'operating', 'otherIncome', 'carryIn', 'opening'];
const CHINESE_SECTIONS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

function budgetNarrative(w: Writer, input: NarrativeInput): void {
  const { year, department: dept } = input;
  const S = (i: number, title: string) => `${CHINESE_SECTIONS[i]}、${title}`;
  const change = (metric: string) => {
    const c = { current: w.v(metric), prior: w.prior(metric) };
    return { clause: changeClause(c), reason: reasonClause(c, w.reason(metric)), fact: withPrior(metric, c.current, c.prior) };
  };

  // 一、收支总体情况
  const total = change('income.total');
  w.say(S(0, `关于${dept}${year}年收支预算情况的总体说明`), `${dept}${year}年收支总预算${wan(w.v('income.total'))}万元${total.clause ? `，${total.clause}` : ''}${total.reason}。`, [total.fact]);

  // 二、收入预算
  const income = w.v('income.total');
  const parts = INCOME_SOURCES.map((k) => `income.${k}`).filter((m) => w.get(m) && w.v(m) !== 0);
  w.say(
    S(1, `关于${dept}${year}年收入预算情况的说明`),
    `${year}年收入预算${wan(income)}万元，其中：${parts.map((m) => `${w.get(m)!.label}${wan(w.v(m))}万元，${shareClause(w.v(m), income)}`).join('；') || '无'}。`,
    [fact('income.total', income), ...parts.map((m) => withShare(m, w.v(m), income))],
  );

  // 三、支出预算
  const expense = w.v('expense.total');
  const kinds = ['expense.basic', 'expense.project', 'expense.operating', 'expense.remit', 'expense.subsidy'].filter((m) => w.get(m) && w.v(m) !== 0);
  w.say(
    S(2, `关于${dept}${year}年支出预算情况的说明`),
    `${year}年支出预算${wan(expense)}万元，其中：${kinds.map((m) => `${w.get(m)!.label}${wan(w.v(m))}万元，${shareClause(w.v(m), expense)}`).join('；') || '无'}。`,
    [fact('expense.total', expense), ...kinds.map((m) => withShare(m, w.v(m), expense))],
  );
  changesSentence(w, S(2, `关于${dept}${year}年支出预算情况的说明`), [['expense.basic', '基本支出'], ['expense.project', '项目支出']]);
  projectsSentence(w, S(2, `关于${dept}${year}年支出预算情况的说明`), year);

  // 四、财政拨款收支总体情况
  const fiscal = change('fiscal.total');
  const classes = [...input.facts.values()].filter((f) => f.metric.startsWith('gpb.class.') && !f.metric.endsWith('.basic') && !f.metric.endsWith('.project') && f.value !== 0);
  w.say(
    S(3, `关于${dept}${year}年财政拨款收支预算情况的总体说明`),
    `${year}年财政拨款收支总预算${wan(w.v('fiscal.total'))}万元${fiscal.clause ? `，${fiscal.clause}` : ''}${fiscal.reason}。收入包括：一般公共预算当年拨款收入${wan(w.v('fiscal.gpb'))}万元，政府性基金预算当年拨款收入${wan(w.v('fiscal.gf'))}万元，国有资本经营预算当年拨款收入${wan(w.v('fiscal.soe'))}万元，上年结转${wan(w.v('fiscal.carryIn'))}万元。`,
    [fiscal.fact, fact('fiscal.gpb', w.v('fiscal.gpb')), fact('fiscal.gf', w.v('fiscal.gf')), fact('fiscal.soe', w.v('fiscal.soe')), fact('fiscal.carryIn', w.v('fiscal.carryIn'))],
  );

  // 五、一般公共预算当年拨款
  const s5 = S(4, `关于${dept}${year}年一般公共预算当年拨款情况的说明`);
  const gpb = change('gpb.total');
  w.say(`${s5}/（一）一般公共预算当年拨款规模变化情况`, `${year}年一般公共预算当年拨款${wan(w.v('gpb.total'))}万元${gpb.clause ? `，${gpb.clause}` : ''}${gpb.reason}。`, [gpb.fact]);
  const gpbTotal = w.v('gpb.total');
  w.say(
    `${s5}/（二）一般公共预算当年拨款结构情况`,
    `${year}年一般公共预算当年拨款${wan(gpbTotal)}万元，其中：${classes.map((c) => `${c.label}（类）${wan(c.value)}万元，${shareClause(c.value, gpbTotal)}`).join('；') || '无'}。`,
    [fact('gpb.total', gpbTotal), ...classes.map((c) => withShare(c.metric, c.value, gpbTotal, c.code))],
  );
  const items = [...input.facts.values()].filter((f) => /^gpb\.item\.\d+$/.test(f.metric));
  items.forEach((f, i) => {
    const c = { current: f.value, prior: w.prior(f.metric) };
    const clause = changeClause(c);
    w.say(
      `${s5}/（三）一般公共预算当年拨款具体使用情况`,
      `${i + 1}. ${itemName(w, f.code!)}${year}年预算数为${wan(f.value)}万元${clause ? `，${clause}` : ''}${reasonClause(c, w.reason(f.metric))}。`,
      [withPrior(f.metric, f.value, c.prior, f.code)],
    );
  });

  // 六、基本支出
  economicSentence(w, S(5, `关于${dept}${year}年一般公共预算基本支出情况的说明`), `${year}年一般公共预算基本支出`, 'basic.total');

  // 七、三公
  sangongBudget(w, S(6, `关于${dept}${year}年一般公共预算“三公”经费预算情况的说明`), year);

  // 八、九、政府性基金、国有资本经营
  fundSentence(w, S(7, `关于${dept}${year}年政府性基金预算支出情况的说明`), dept, year, 'gf.total', '政府性基金预算拨款');
  fundSentence(w, S(8, `关于${dept}${year}年国有资本经营预算支出情况的说明`), dept, year, 'soe.total', '国有资本经营预算拨款');

  // 十、其他重要事项
  otherMatters(w, input, S(9, '其他重要事项的情况说明'), year);
}

/** "基本支出X万元，比上年增加…，主要原因是…；项目支出Y万元，与上年持平。" when last year's figures are known. */
function changesSentence(w: Writer, section: string, parts: [metric: string, label: string][], lead = ''): void {
  const known = parts.filter(([m]) => w.get(m) && w.prior(m) !== null);
  if (!known.length) return;
  const clauses = known.map(([m, label]) => {
    const c = { current: w.v(m), prior: w.prior(m) };
    return `${label}${wan(c.current)}万元，${changeClause(c)}${reasonClause(c, w.reason(m))}`;
  });
  w.say(section, `${lead}${clauses.join('；')}。`, known.map(([m]) => withPrior(m, w.v(m), w.prior(m))));
}

/** "项目支出X万元，共安排N个项目。" when a project list gives the number. */
function projectsSentence(w: Writer, section: string, year: number): void {
  const projects = w.input.projects;
  if (!projects || !w.get('expense.project')) return;
  w.say(section, fill(PHRASING.projects[w.input.kind], { year: String(year), amount: wan(w.v('expense.project')), count: String(projects.count) }), [fact('expense.project', w.v('expense.project'))]);
}

/** The prior-year fields of a fact, when last year's figure is known. */
function priorOf(w: Writer, metric: string): Partial<SentenceFact> {
  const prior = w.prior(metric);
  if (prior === null) return {};
  const { prior: p, change, percent: pc } = withPrior(metric, w.v(metric), prior);
  return { prior: p, change, percent: pc };
}

function economicSentence(w: Writer, section: string, lead: string, totalMetric: string): void {
  const econ = [...w.input.facts.values()].filter((f) => /^econ\.\d{5}$/.test(f.metric) && f.value !== 0);
  const personnel = econ.filter((f) => /^econ\.30[13]/.test(f.metric));
  const publicItems = econ.filter((f) => !/^econ\.30[13]/.test(f.metric));
  const list = (xs: FactValue[]) => (xs.length ? `，主要包括：${xs.map((x) => x.label).join('、')}` : '');
  const total = w.get(totalMetric)?.value ?? ((w.v('basic.personnel') + w.v('basic.public')) as Cents);
  const part = (metric: string, label: string, items: FactValue[]) => {
    const c = { current: w.v(metric), prior: w.prior(metric) };
    const clause = changeClause(c);
    return `${label}${wan(c.current)}万元${clause ? `，${clause}${reasonClause(c, w.reason(metric))}` : ''}${list(items)}`;
  };
  w.say(
    section,
    `${lead}${wan(total)}万元，其中：${part('basic.personnel', '人员经费', personnel)}；${part('basic.public', '公用经费', publicItems)}。`,
    [fact(totalMetric, total), { ...withShare('basic.personnel', w.v('basic.personnel'), total), ...priorOf(w, 'basic.personnel') }, { ...withShare('basic.public', w.v('basic.public'), total), ...priorOf(w, 'basic.public') }],
  );
}

const SANGONG_PARTS: [string, string][] = [
  ['abroad', '因公出国（境）费'],
  ['car', '公务用车购置及运行费'],
  ['reception', '公务接待费'],
];

function sangongBudget(w: Writer, section: string, year: number): void {
  const prior = (k: string) => {
    const fromTable = w.get(`sangongPrior.${k}`);
    return w.prior(`sangong.${k}`) ?? (fromTable ? fromTable.value : null);
  };
  const total = { current: w.v('sangong.total'), prior: prior('total') };
  const parts = SANGONG_PARTS.map(([k, label]) => {
    const c = { current: w.v(`sangong.${k}`), prior: prior(k) };
    const clause = changeClause(c);
    const car = k === 'car' ? `（其中：公务用车购置费${wan(w.v('sangong.carPurchase'))}万元，公务用车运行费${wan(w.v('sangong.carRunning'))}万元）` : '';
    return { text: `${label}${wan(c.current)}万元${car}${clause ? `，${clause}` : ''}`, fact: withPrior(`sangong.${k}`, c.current, c.prior) };
  });
  const clause = changeClause(total);
  w.say(
    section,
    `${year}年一般公共预算“三公”经费预算数为${wan(total.current)}万元${clause ? `，${clause}` : ''}。其中：${parts.map((p) => p.text).join('；')}。${changeKind(total) === 'same' || changeKind(total) === 'unknown' ? '' : `“三公”经费预算${total.current > (total.prior ?? 0) ? '增加' : '减少'}的主要原因是${w.reason('sangong.total') ?? REASON_BLANK}。`}`,
    [withPrior('sangong.total', total.current, total.prior), ...parts.map((p) => p.fact)],
  );
}

function fundSentence(w: Writer, section: string, dept: string, year: number, metric: string, fund: string): void {
  const v = w.v(metric);
  if (v === 0) {
    w.say(section, `${dept}${year}年没有使用${fund}安排的支出。`, [fact(metric, v)]);
    return;
  }
  const c = { current: v, prior: w.prior(metric) };
  const clause = changeClause(c);
  w.say(section, `${year}年${fund}安排的支出${wan(v)}万元${clause ? `，${clause}` : ''}${reasonClause(c, w.reason(metric))}。`, [withPrior(metric, v, c.prior)]);
}

function blank(what: string): string {
  return `【请填写：${what}】`;
}

function otherMatters(w: Writer, input: NarrativeInput, section: string, year: number): void {
  const sup = input.supplement ?? new Map<string, number>();
  const amount = (k: string, what: string) => (sup.has(k) ? `${wan(Math.round(sup.get(k)! * 100) as Cents)}万元` : blank(what));
  const count = (k: string, what: string) => (sup.has(k) ? `${sup.get(k)}` : blank(what));
  const opex = sup.has('opex.total') ? (Math.round(sup.get('opex.total')! * 100) as Cents) : null;
  const opexPrior = sup.has('opexPrior.total') ? (Math.round(sup.get('opexPrior.total')! * 100) as Cents) : null;
  const opexClause = opex !== null ? changeClause({ current: opex, prior: opexPrior }) : '';
  w.say(
    `${section}/（一）机关运行经费安排情况`,
    `${year}年${input.kind === 'final' ? '度机关运行经费支出' : '机关运行经费财政拨款预算'}${amount('opex.total', '机关运行经费金额')}${opexClause ? `，${opexClause}${reasonClause({ current: opex!, prior: opexPrior })}` : ''}。`,
    opex !== null ? [withPrior('opex.total', opex, opexPrior)] : [],
  );
  const procurement = ['total', 'goods', 'works', 'services', 'sme'] as const;
  w.say(
    `${section}/（二）政府采购安排情况`,
    fill(PHRASING.procurement[input.kind], {
      year: String(year),
      total: amount('procurement.total', input.kind === 'final' ? '政府采购支出总额' : '政府采购预算总额'),
      goods: amount('procurement.goods', '货物'),
      works: amount('procurement.works', '工程'),
      services: amount('procurement.services', '服务'),
      sme: amount('procurement.sme', input.kind === 'final' ? '授予中小企业合同金额' : '面向中小企业预留金额'),
    }),
    procurement.filter((k) => sup.has(`procurement.${k}`)).map((k) => fact(`procurement.${k}`, Math.round(sup.get(`procurement.${k}`)! * 100) as Cents)),
  );
  w.say(
    `${section}/（三）国有资产占有使用情况`,
    `截至上年末，共有车辆${count('assets.vehicles', '车辆数')}辆；单价50万元以上通用设备${count('assets.generalEquipment', '台（套）数')}台（套），单价100万元以上专用设备${count('assets.specialEquipment', '台（套）数')}台（套）。`,
    [],
  );
  w.say(`${section}/（四）绩效目标设置情况`, `${year}年实行绩效目标管理的项目${count('performance.projects', '项目个数')}个，涉及一般公共预算当年拨款${amount('performance.amount', '金额')}。`, []);
}

function finalNarrative(w: Writer, input: NarrativeInput): void {
  const { year, department: dept } = input;
  const S = (i: number, title: string) => `${CHINESE_SECTIONS[i]}、${title}`;
  const withChange = (metric: string, lead: string) => {
    const c = { current: w.v(metric), prior: w.prior(metric) };
    const clause = changeClause(c);
    return { text: `${lead}${wan(c.current)}万元${clause ? `，${clause}` : ''}${reasonClause(c, w.reason(metric))}`, fact: withPrior(metric, c.current, c.prior) };
  };
  const t = withChange('income.total', `${year}年度收入、支出决算总计`);
  w.say(S(0, '收入支出决算总体情况说明'), `${t.text}。`, [t.fact]);
  const income = w.v('income.subtotal');
  const sources = INCOME_SOURCES.map((k) => `income.${k}`).filter((m) => w.get(m) && w.v(m) !== 0 && m !== 'income.opening');
  w.say(S(1, '收入决算情况说明'), `${year}年度收入合计${wan(income)}万元，其中：${sources.map((m) => `${w.get(m)!.label}${wan(w.v(m))}万元，${shareClause(w.v(m), income)}`).join('；') || '无'}。`, [fact('income.subtotal', income), ...sources.map((m) => withShare(m, w.v(m), income))]);
  const spend = w.v('expense.subtotal');
  const kinds = ['expense.basic', 'expense.project'].filter((m) => w.get(m));
  w.say(S(2, '支出决算情况说明'), `${year}年度支出合计${wan(spend)}万元，其中：${kinds.map((m) => `${w.get(m)!.label}${wan(w.v(m))}万元，${shareClause(w.v(m), spend)}`).join('；')}。`, [fact('expense.subtotal', spend), ...kinds.map((m) => withShare(m, w.v(m), spend))]);
  changesSentence(w, S(2, '支出决算情况说明'), [['expense.basic', '基本支出'], ['expense.project', '项目支出']]);
  projectsSentence(w, S(2, '支出决算情况说明'), year);
  const f = withChange('fiscal.total', `${year}年度财政拨款收入、支出决算总计`);
  w.say(S(3, '财政拨款收入支出决算总体情况说明'), `${f.text}。`, [f.fact]);

  const s5 = S(4, '一般公共预算财政拨款支出决算情况说明');
  const g = withChange('gpb.total', `${year}年度一般公共预算财政拨款支出`);
  w.say(`${s5}/（一）一般公共预算财政拨款支出决算总体情况`, `${g.text}。`, [g.fact]);
  const gpbTotal = w.v('gpb.total');
  const classes = [...input.facts.values()].filter((x) => /^gpb\.class\.\d+$/.test(x.metric) && x.value !== 0);
  w.say(`${s5}/（二）一般公共预算财政拨款支出决算结构情况`, `${year}年度一般公共预算财政拨款支出${wan(gpbTotal)}万元，其中：${classes.map((c) => `${c.label}（类）${wan(c.value)}万元，${shareClause(c.value, gpbTotal)}`).join('；') || '无'}。`, [fact('gpb.total', gpbTotal), ...classes.map((c) => withShare(c.metric, c.value, gpbTotal, c.code))]);
  const totalBudget = input.budget?.get('gpb.total')?.value ?? null;
  if (totalBudget !== null) {
    const withBudget = classes.filter((c) => input.budget?.get(c.metric));
    const completion = (metric: string, actual: Cents, budget: Cents) => fact(metric, actual, { budget: num(budget), actual: num(actual), completion: budget ? Number(percent(actual, budget)) : null });
    w.say(
      `${s5}/（三）一般公共预算财政拨款支出决算具体情况`,
      `${year}年度一般公共预算财政拨款支出${completionClause(gpbTotal, totalBudget, w.reason('gpb.total'))}。${withBudget.length ? `其中：${withBudget.map((c) => `${c.label}（类）${completionClause(c.value, input.budget!.get(c.metric)!.value, w.reason(c.metric))}`).join('；')}。` : ''}`,
      [completion('gpb.total', gpbTotal, totalBudget), ...withBudget.map((c) => completion(c.metric, c.value, input.budget!.get(c.metric)!.value))],
    );
  }
  const items = [...input.facts.values()].filter((x) => /^gpb\.item\.\d+$/.test(x.metric));
  items.forEach((x, i) => {
    const budget = input.budget?.get(x.metric)?.value ?? null;
    let clause: string;
    let factOut: SentenceFact;
    if (budget === null) {
      clause = `年初预算为${blank('年初预算数')}万元，支出决算为${wan(x.value)}万元`;
      factOut = fact(x.metric, x.value, { actual: num(x.value) }, x.code);
    } else if (budget === 0) {
      clause = `年初预算为0.00万元，支出决算为${wan(x.value)}万元，决算数大于年初预算数的主要原因是${w.reason(x.metric) ?? REASON_BLANK}`;
      factOut = fact(x.metric, x.value, { budget: 0, actual: num(x.value) }, x.code);
    } else {
      const word = x.value > budget ? '大于' : x.value < budget ? '小于' : '等于';
      clause = `年初预算为${wan(budget)}万元，支出决算为${wan(x.value)}万元，完成年初预算的${percent(x.value, budget)}%${word === '等于' ? '' : `，决算数${word}年初预算数的主要原因是${w.reason(x.metric) ?? REASON_BLANK}`}`;
      factOut = fact(x.metric, x.value, { budget: num(budget), actual: num(x.value), completion: Number(percent(x.value, budget)) }, x.code);
    }
    w.say(`${s5}/（三）一般公共预算财政拨款支出决算具体情况`, `${i + 1}. ${itemName(w, x.code!)}：${clause}。`, [factOut]);
  });
  economicSentence(w, S(5, '一般公共预算财政拨款基本支出决算情况说明'), `${year}年度一般公共预算财政拨款基本支出`, 'basic.total');
  // 三公: budget vs actual
  const sg = (k: string) => ({ actual: w.v(`sangong.${k}`), budget: w.get(`sangongBudget.${k}`)?.value ?? null });
  const total = sg('total');
  const completion = (x: { actual: Cents; budget: Cents | null }) => (x.budget ? `，完成预算的${percent(x.actual, x.budget)}%` : '');
  w.say(
    S(6, '财政拨款“三公”经费支出决算情况说明'),
    `${year}年度财政拨款“三公”经费支出全年预算数为${total.budget === null ? blank('预算数') : wan(total.budget)}万元，支出决算为${wan(total.actual)}万元${completion(total)}。其中：${SANGONG_PARTS.map(([k, label]) => `${label.replace('运行费', '运行维护费')}${wan(sg(k).actual)}万元`).join('，')}。${total.budget !== null && total.actual !== total.budget ? `决算数${total.actual > total.budget ? '大于' : '小于'}预算数的主要原因是${w.reason('sangong.total') ?? REASON_BLANK}。` : ''}`,
    [fact('sangong.total', total.actual, { budget: num(total.budget), actual: num(total.actual), completion: total.budget ? Number(percent(total.actual, total.budget)) : null }), ...SANGONG_PARTS.map(([k]) => fact(`sangong.${k}`, sg(k).actual, { budget: num(sg(k).budget), actual: num(sg(k).actual) }))],
  );
  changesSentence(
    w,
    S(6, '财政拨款“三公”经费支出决算情况说明'),
    [['sangong.total', '“三公”经费支出决算'], ...SANGONG_PARTS.map(([k, label]) => [`sangong.${k}`, label.replace('运行费', '运行维护费')] as [string, string])],
  );
  fundSentence(w, S(7, '政府性基金预算财政拨款收入支出决算情况说明'), dept, year, 'gf.total', '政府性基金预算财政拨款');
  fundSentence(w, S(8, '国有资本经营预算财政拨款支出决算情况说明'), dept, year, 'soe.total', '国有资本经营预算财政拨款');
  otherMatters(w, input, S(9, '其他重要事项的情况说明'), year);
}

export function generateNarrative(input: NarrativeInput): Narrative {
  const w = new Writer(input);
  if (input.kind === 'budget') budgetNarrative(w, input);
  else finalNarrative(w, input);
  return { kind: input.kind, year: input.year, department: input.department, sentences: w.sentences };
}
