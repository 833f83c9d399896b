// The disclosure tables as data. Every table spec in templates/tables/*.json is checked
// against these schemas; the program uses only the types inferred here.
import { z } from 'zod';
import { concepts } from '../recognize/concepts';

const key = z.string().regex(/^[A-Za-z0-9_.-]+$/, '键名只能用字母、数字、下划线、点和连字符');

/** A condition on the table's options: "splitBasic" holds when that option is on, "!splitBasic" when off. */
const when = z.string().regex(/^!?[A-Za-z][A-Za-z0-9]*$/).optional();

/** A signed reference to another column or row: "basic", "-spend". */
const signedKey = z.string().regex(/^-?[A-Za-z0-9_.-]+$/);

export const columnRoles = ['code', 'codeClass', 'codeSection', 'codeItem', 'name', 'label', 'lineNo', 'amount', 'text'] as const;

export const ColumnSpec = z
  .object({
    key,
    /** Header path from the top header row down; "{year}" and "{prior}" are replaced. */
    header: z.array(z.string().min(1)).min(1),
    role: z.enum(columnRoles),
    /** What the amount means, in the words a header or narrative uses (基本支出, 人员经费…). */
    meaning: z.string().optional(),
    /** Row arithmetic: in every row this column is the signed sum of these columns. */
    sum: z.array(signedKey).min(1).optional(),
    width: z.number().positive().max(100).optional(),
    when,
  })
  .strict()
  .refine((c) => c.sum === undefined || c.role === 'amount', { message: '只有金额栏可以声明 sum', path: ['sum'] });
export type ColumnSpec = z.infer<typeof ColumnSpec>;

/** One fixed row (table 01's income lines, 公开06's economic codes…). */
const FixedRow = z
  .object({
    key,
    label: z.string(),
    /** Other wordings of the label in provincial layouts (经营收入 for 事业单位经营收入 …). */
    aliases: z.array(z.string()).optional(),
    /** Code shown in a code column, for fixed rows of economic or functional codes. */
    code: z.string().regex(/^\d{3,7}$/).optional(),
    /** The row is the signed sum of these rows (keys anywhere in the table). */
    sum: z.array(signedKey).min(1).optional(),
    /** Sum of the rows inserted by an `insert` entry of this block. */
    sumOf: z.literal('inserted').optional(),
    bold: z.boolean().optional(),
    /** Rows with the same align tag in different blocks are put on the same sheet row. */
    align: z.string().optional(),
    when,
  })
  .strict();

/** Rows taken from the catalog: the year's 功能分类 类 list (tables 01 and 04). */
const InsertRows = z
  .object({
    insert: z.literal('functionClasses'),
    /** Class codes the standard layout leaves out of this table. */
    exclude: z.array(z.string().regex(/^\d{3}$/)).default([]),
    /** Prefix each label with its Chinese ordinal: "ordinal" → 一、 二、, "paren" → （一）. */
    numbering: z.enum(['ordinal', 'paren', 'none']).default('ordinal'),
    /** The ordinal to start at. */
    startAt: z.number().int().positive().default(1),
    when,
  })
  .strict();

/** A blank spacer row (a layout that leaves room, as 公开01's income side does). */
const BlankRows = z.object({ blank: z.number().int().positive(), align: z.string().optional(), when }).strict();

export const FixedRowEntry = z.union([FixedRow, InsertRows, BlankRows]);
export type FixedRowEntry = z.infer<typeof FixedRowEntry>;

const RowsSpec = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('codes'),
      classification: z.enum(['function', 'economic']),
      totalLabel: z.string().default('合计'),
      /** How many empty rows a blank template offers for codes. */
      blankRows: z.number().int().min(1).max(500).default(30),
    })
    .strict(),
  z
    .object({
      kind: z.literal('list'),
      /** Total row first, then one row per item (units of a department…). */
      totalLabel: z.string(),
      blankRows: z.number().int().min(1).max(500).default(10),
    })
    .strict(),
  z.object({ kind: z.literal('fixed'), rows: z.array(FixedRowEntry).min(1) }).strict(),
  z.object({ kind: z.literal('single') }).strict(),
]);
export type RowsSpec = z.infer<typeof RowsSpec>;

export const BlockSpec = z
  .object({
    key,
    columns: z.array(ColumnSpec).min(1),
    rows: RowsSpec,
    /** 行次 numbers continue from the previous block (公开01: income 1–31, expense 32–62). */
    lineNumbers: z.enum(['start', 'continue']).default('start'),
    when,
  })
  .strict();
export type BlockSpec = z.infer<typeof BlockSpec>;

/** A cross-cell identity the table must satisfy (a check, not a formula): left = right. */
const CellRef = z.tuple([key, key]).describe('[row key, column key]');
export const IdentitySpec = z
  .object({
    id: z.string(),
    message: z.string(),
    left: CellRef,
    right: CellRef,
    when,
  })
  .strict();

export const OptionSpec = z
  .object({ key: z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/), label: z.string(), default: z.boolean() })
  .strict();

export const TableSpec = z
  .object({
    $schema: z.string().optional(),
    id: z.string().regex(/^(budget|final)\.[0-9a-z-]+$/),
    kind: z.enum(['budget', 'final']),
    /** "01"–"09" for the standard tables; extra tables have a name like "x-fiscal". */
    number: z.string(),
    /** Not in the standard set: inserted only when asked for. */
    extra: z.boolean().default(false),
    /** The label printed above the title (部门公开表5, 公开05表). */
    label: z.string(),
    title: z.string(),
    /** Short sheet name prefix: 预算05表, 公开05表. */
    sheetPrefix: z.string(),
    unit: z.enum(['元', '万元']),
    /** What the table's title names, as concepts (see recognize/concepts.ts): every concept in
     * `requires` must be named, and nothing outside `requires` and `allows`. */
    signature: z
      .object({ requires: z.array(z.enum(concepts)).min(1), allows: z.array(z.enum(concepts)).default([]) })
      .strict(),
    /** A 栏次 row under the headers numbering the amount columns. */
    columnNumbers: z.boolean().default(false),
    options: z.array(OptionSpec).default([]),
    blocks: z.array(BlockSpec).min(1),
    identities: z.array(IdentitySpec).default([]),
    notes: z.array(z.string()).default([]),
    /** The note an empty table must carry (政府性基金, 国有资本经营, 三公). */
    emptyNote: z.string().optional(),
  })
  .strict()
  .superRefine((spec, ctx) => {
    const columnKeys = new Set<string>();
    spec.blocks.forEach((block, b) => {
      block.columns.forEach((col, c) => {
        const dup = columnKeys.has(col.key) && !col.when;
        if (dup) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `栏目键 ${col.key} 重复`, path: ['blocks', b, 'columns', c, 'key'] });
        columnKeys.add(col.key);
      });
    });
    spec.blocks.forEach((block, b) => {
      block.columns.forEach((col, c) => {
        for (const ref of col.sum ?? []) {
          if (!columnKeys.has(ref.replace(/^-/, ''))) {
            ctx.addIssue({ code: z.ZodIssueCode.custom, message: `sum 引用了不存在的栏目 ${ref}`, path: ['blocks', b, 'columns', c, 'sum'] });
          }
        }
      });
      if (block.rows.kind === 'fixed') {
        const rowKeys = new Set(spec.blocks.flatMap((bl) => (bl.rows.kind === 'fixed' ? bl.rows.rows.flatMap((r) => ('key' in r ? [r.key] : [])) : [])));
        block.rows.rows.forEach((row, r) => {
          if (!('key' in row)) return;
          for (const ref of row.sum ?? []) {
            if (!rowKeys.has(ref.replace(/^-/, ''))) {
              ctx.addIssue({ code: z.ZodIssueCode.custom, message: `sum 引用了不存在的行 ${ref}`, path: ['blocks', b, 'rows', 'rows', r, 'sum'] });
            }
          }
        });
      }
    });
  });
export type TableSpec = z.infer<typeof TableSpec>;
export type TableSpecInput = z.input<typeof TableSpec>;

/** Formats zod issues as "path: message" lines, for error messages that name the bad field. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(根)'}：${issue.message}`);
}
