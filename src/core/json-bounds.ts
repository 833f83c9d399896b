// Bounds on a parsed JSON input, checked before its schema: a file of millions of values (or of
// entries, each one a schema problem) is refused at once instead of taking minutes to validate.
import { UserError } from './errors';
import { MAX_JSON_VALUES } from './limits';

/** The number of values in `json` (itself included), counted up to `stopAfter` + 1. */
export function countJsonValues(json: unknown, stopAfter = MAX_JSON_VALUES): number {
  let n = 0;
  const stack: unknown[] = [json];
  while (stack.length && n <= stopAfter) {
    const v = stack.pop();
    n++;
    if (Array.isArray(v)) for (const x of v) stack.push(x);
    else if (v && typeof v === 'object') for (const x of Object.values(v)) stack.push(x);
  }
  return n;
}

/** A capped list of a JSON document: a top-level key and its most entries (array items or object keys). */
export type JsonListCap = [key: string, max: number];

const fmt = (n: number) => n.toLocaleString('en');

/**
 * Refuses a JSON document (`what` file, e.g. 科目表) with more values in all than MAX_JSON_VALUES,
 * or with more entries in one of the capped lists than its cap.
 */
export function checkJsonBounds(json: unknown, file: string, what: string, lists: JsonListCap[]): void {
  if (countJsonValues(json) > MAX_JSON_VALUES) {
    throw new UserError(`${what} ${file} 过于庞大：其中的数据项超过 ${fmt(MAX_JSON_VALUES)} 个，已拒绝读取。`);
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) return;
  for (const [key, max] of lists) {
    const v = (json as Record<string, unknown>)[key];
    const n = Array.isArray(v) ? v.length : v && typeof v === 'object' ? Object.keys(v).length : 0;
    if (n > max) throw new UserError(`${what} ${file} 的“${key}”有 ${fmt(n)} 项，超过上限 ${fmt(max)} 项，已拒绝读取。`);
  }
}

/** Schema problems as lines, at most `max` of them and a line counting the rest. */
export function capIssues(lines: string[], max: number): string[] {
  return lines.length <= max ? lines : [...lines.slice(0, max), `……另有 ${fmt(lines.length - max)} 处问题未列出`];
}
