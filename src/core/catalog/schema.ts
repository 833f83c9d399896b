// The 政府收支分类科目 catalogs as data: one full year, and later years as change sets on it.
import { z } from 'zod';

const code = z.string().regex(/^\d{3}(\d{2}){0,2}$/, '科目编码应为3、5或7位数字');
const name = z.string().trim().min(1, '科目名称不能为空');

/** [code, name] or [code, name, note on what is uncertain]. */
const Entry = z.union([z.tuple([code, name]), z.tuple([code, name, z.string()])]);

export const classifications = ['function', 'economic-dept', 'economic-gov'] as const;
export type Classification = (typeof classifications)[number];

const Changes = z
  .object({
    added: z.array(Entry).default([]),
    renamed: z.array(z.tuple([code, name, name])).default([]),
    retired: z.array(code).default([]),
  })
  .strict();

export const CatalogFile = z.discriminatedUnion('form', [
  z
    .object({
      form: z.literal('full'),
      classification: z.enum(classifications),
      year: z.number().int().min(2000).max(2100),
      title: z.string(),
      source: z.string().min(1),
      entries: z.array(Entry).min(1),
    })
    .strict(),
  z
    .object({
      form: z.literal('changes'),
      classification: z.enum(classifications),
      year: z.number().int().min(2000).max(2100),
      base: z.number().int(),
      title: z.string(),
      source: z.string().min(1),
      changes: Changes,
      notes: z.string().optional(),
    })
    .strict(),
]);
export type CatalogFile = z.infer<typeof CatalogFile>;
