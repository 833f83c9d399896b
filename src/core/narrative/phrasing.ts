// The wording choices of a 情况说明 as data: how a change, a reason and a completion of the 年初预算
// are said, and the sentences built around a list. `{than}`, `{diff}`, `{pct}`, `{reason}`, `{budget}`, `{actual}`, `{word}`, `{year}`, `{count}`, `{total}`… are filled in.
import { z } from 'zod';

const Template = z.string().min(1);

export const Phrasing = z
  .object({
    change: z.object({ same: Template, new: Template, gone: Template, up: Template, down: Template }).strict(),
    reason: Template,
    reasonBlank: Template,
    completion: z.object({ some: Template, zeroBudget: Template, differs: Template, more: Template, less: Template }).strict(),
    projects: z.object({ budget: Template, final: Template }).strict(),
    procurement: z.object({ budget: Template, final: Template }).strict(),
  })
  .strict();
export type Phrasing = z.infer<typeof Phrasing>;

export const PHRASING: Phrasing = Phrasing.parse({
  change: {
    same: '与{than}持平',
    new: '比{than}新增{diff}万元（{than}为0）',
    gone: '比{than}减少{diff}万元，下降100.00%',
    up: '比{than}增加{diff}万元，增长{pct}%',
    down: '比{than}减少{diff}万元，下降{pct}%',
  },
  reason: '，主要原因是{reason}',
  reasonBlank: '【请填写主要原因】',
  completion: {
    some: '年初预算为{budget}万元，支出决算为{actual}万元，完成年初预算的{pct}%',
    zeroBudget: '年初预算为0.00万元，支出决算为{actual}万元',
    differs: '，决算数{word}年初预算数的主要原因是{reason}',
    more: '大于',
    less: '小于',
  },
  projects: {
    budget: '{year}年项目支出{amount}万元，共安排{count}个项目。',
    final: '{year}年度项目支出{amount}万元，共涉及{count}个项目。',
  },
  procurement: {
    budget: '{year}年政府采购预算总额{total}，其中：政府采购货物预算{goods}、政府采购工程预算{works}、政府采购服务预算{services}；面向中小企业预留政府采购项目预算{sme}。',
    final: '{year}年度政府采购支出总额{total}，其中：政府采购货物支出{goods}、政府采购工程支出{works}、政府采购服务支出{services}；授予中小企业合同金额{sme}。',
  },
});

/** A template with its {slots} filled. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);
}
