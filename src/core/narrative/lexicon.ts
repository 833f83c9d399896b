// The metric lexicon (templates/narrative/metrics.json): which phrase of a 情况说明 names which
// figure. Validated here; used by link.ts.
import { z } from 'zod';

const Entry = z
  .object({
    metric: z.string().regex(/^[a-zA-Z]+(\.[a-zA-Z0-9]+)+$/).nullable(),
    kind: z.enum(['budget', 'final']).optional(),
    anchored: z.boolean(),
    budgetMetric: z.string().optional(),
    phrases: z.array(z.string().min(2)).min(1),
  })
  .strict();

export const LexiconFile = z
  .object({
    $comment: z.string().optional(),
    fillers: z.array(z.string().min(1)),
    budgetFillers: z.array(z.string().min(1)),
    boundary: z.string().refine((s) => {
      try {
        new RegExp(s);
        return true;
      } catch {
        return false;
      }
    }, '不是有效的正则表达式'),
    metrics: z.array(Entry).min(1),
  })
  .strict()
  .superRefine((file, ctx) => {
    // a phrase means one thing per kind of document
    for (const kind of ['budget', 'final'] as const) {
      const seen = new Map<string, string | null>();
      file.metrics.forEach((e, i) => {
        if (e.kind && e.kind !== kind) return;
        for (const p of e.phrases) {
          const n = normalizePhrase(p);
          if (seen.has(n) && seen.get(n) !== e.metric) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['metrics', i, 'phrases'], message: `「${p}」在${kind === 'budget' ? '预算' : '决算'}中同时指 ${seen.get(n)} 和 ${e.metric}` });
          seen.set(n, e.metric);
        }
      });
    }
    for (const f of file.budgetFillers) if (!file.fillers.includes(f)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['budgetFillers'], message: `「${f}」不在 fillers 中` });
  });
export type LexiconFile = z.infer<typeof LexiconFile>;

export interface LexiconPhrase {
  phrase: string;
  metric: string | null;
  anchored: boolean;
  budgetMetric?: string;
}

/** The lexicon for one kind of document, phrases longest first. */
export interface Lexicon {
  phrases: LexiconPhrase[];
  fillers: string[];
  budgetFillers: Set<string>;
  boundary: RegExp;
}

/** Spaces out, quotes out, half-width brackets made full-width: the form phrases are matched in. */
export function normalizePhrase(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/[“”"‘’'「」]/g, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）');
}

export function lexiconFor(file: LexiconFile, kind: 'budget' | 'final' | null): Lexicon {
  const phrases: LexiconPhrase[] = [];
  for (const e of file.metrics) {
    if (e.kind && kind && e.kind !== kind) continue;
    if (e.kind && !kind) continue;
    for (const p of e.phrases) phrases.push({ phrase: normalizePhrase(p), metric: e.metric, anchored: e.anchored, budgetMetric: e.budgetMetric });
  }
  phrases.sort((a, b) => b.phrase.length - a.phrase.length);
  const fillers = [...file.fillers].sort((a, b) => b.length - a.length);
  return { phrases, fillers, budgetFillers: new Set(file.budgetFillers), boundary: new RegExp(file.boundary) };
}
