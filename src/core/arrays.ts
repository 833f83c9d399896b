// Array helpers safe for lists of any length: `target.push(...items)` and `Math.max(...items)`
// pass every item as an argument and overflow the call stack past about 120,000 items.

/** Appends items to target, one by one; returns target. */
export function append<T>(target: T[], items: readonly T[]): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** The largest of the values, or `empty` when there are none. */
export function maxOf(values: Iterable<number>, empty = -Infinity): number {
  let max = empty;
  let any = false;
  for (const v of values) {
    max = any ? (v > max ? v : max) : v;
    any = true;
  }
  return any ? max : empty;
}
