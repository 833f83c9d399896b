// The 政府收支分类科目 catalogs as data: one full year, and later years as change sets on it,
// each saying where its entries come from (provenance) and what about it is not known.
import { z } from 'zod';

const code = z.string().regex(/^\d{3}(\d{2}){0,2}$/, '科目编码应为3、5或7位数字');
const name = z.string().trim().min(1, '科目名称不能为空');
const sourceId = z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, '来源编号只用小写字母、数字、点和连字符');

/** [code, name] or [code, name, note on what is uncertain]. */
const Entry = z.union([z.tuple([code, name]), z.tuple([code, name, z.string()])]);

export const classifications = ['function', 'economic-dept', 'economic-gov'] as const;
export type Classification = (typeof classifications)[number];

/**
 * A document the data rests on: an official catalog or revision notice (文号), or a real
 * publication (a department's or a district's budget/final-account tables) that prints codes.
 */
const Source = z
  .object({
    kind: z.enum(['official', 'publication']),
    /** 文号, or which publication: who, what year, what document. */
    cite: z.string().min(1),
    date: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, '日期写作 YYYY、YYYY-MM 或 YYYY-MM-DD').optional(),
    /** What the document shows, or what of it is not known. */
    note: z.string().optional(),
  })
  .strict();
export type Source = z.infer<typeof Source>;

const sourceList = z.array(sourceId).min(1);

/** The sources printing a code with this name in this year; `name: false` when only the code is attested. */
const Evidence = z.union([sourceList, z.object({ sources: sourceList, name: z.literal(false) }).strict()]);

/** A change made to the data, with the documents it rests on. */
const Correction = z.object({ codes: z.array(code).min(1), change: z.string().min(1), sources: sourceList }).strict();

/**
 * Provenance, shared by both forms. Everything not named in `evidence` is unverified: written from
 * memory or carried over from an earlier year. `complete` names the 类/款 (or '*' for the list of 类)
 * whose list of children is known complete from the sources, so a code missing under it is wrong;
 * `absent` names codes the sources show are not in this year's catalog.
 */
const provenance = {
  sources: z.record(sourceId, Source).default({}),
  evidence: z.record(code, Evidence).default({}),
  complete: z.record(z.union([code, z.literal('*')]), sourceList).default({}),
  absent: z.record(code, sourceList).default({}),
  /** Entries whose name is not known: the name in the data is a placeholder, never written into a workbook. */
  namesUnknown: z.array(code).default([]),
  corrections: z.array(Correction).default([]),
  /** What is not known about this year's catalog (revisions not documented here, and the like). */
  unknown: z.string().optional(),
};

const Changes = z
  .object({
    added: z.array(Entry).default([]),
    renamed: z.array(z.tuple([code, name, name])).default([]),
    retired: z.array(code).default([]),
  })
  .strict();

const FullFile = z
  .object({
    form: z.literal('full'),
    classification: z.enum(classifications),
    year: z.number().int().min(2000).max(2100),
    title: z.string(),
    source: z.string().min(1),
    entries: z.array(Entry).min(1),
    ...provenance,
  })
  .strict();

const ChangesFile = z
  .object({
    form: z.literal('changes'),
    classification: z.enum(classifications),
    year: z.number().int().min(2000).max(2100),
    base: z.number().int(),
    title: z.string(),
    source: z.string().min(1),
    changes: Changes,
    notes: z.string().optional(),
    ...provenance,
  })
  .strict();

export const CatalogFile = z.discriminatedUnion('form', [FullFile, ChangesFile]).superRefine((file, ctx) => {
  // every source named is described in `sources`
  const cited = (ids: string[], where: (string | number)[]) => {
    for (const id of ids) if (!file.sources[id]) ctx.addIssue({ code: z.ZodIssueCode.custom, path: where, message: `来源「${id}」没有在 sources 中说明` });
  };
  for (const [c, e] of Object.entries(file.evidence)) cited(Array.isArray(e) ? e : e.sources, ['evidence', c]);
  for (const [c, ids] of Object.entries(file.complete)) cited(ids, ['complete', c]);
  for (const [c, ids] of Object.entries(file.absent)) cited(ids, ['absent', c]);
  file.corrections.forEach((k, i) => cited(k.sources, ['corrections', i]));
  if (file.form !== 'full') return;
  // a full list: what the provenance speaks of is (or, for `absent`, is not) among its entries
  const codes = new Set(file.entries.map((e) => e[0]));
  const listed = (list: string[], key: string, want: boolean) => {
    for (const c of list) if (c !== '*' && codes.has(c) !== want) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [key, c], message: want ? `${c} 不在 entries 中` : `${c} 标为不存在，却在 entries 中` });
  };
  listed(Object.keys(file.evidence), 'evidence', true);
  listed(Object.keys(file.complete), 'complete', true);
  listed(file.namesUnknown, 'namesUnknown', true);
  listed(Object.keys(file.absent), 'absent', false);
});
export type CatalogFile = z.infer<typeof CatalogFile>;
