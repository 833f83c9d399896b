// Percentages from exact integers (cents): a ÷ b × 100 to d decimals, rounded half up or truncated
// (the classic slip), and the range a stated percentage may take when a and b are themselves
// rounded to the cent.

/** a ÷ b × 100 rounded half up to d decimals (sign kept). */
export function roundedPercent(a: number, b: number, d: number): string {
  if (b === 0) throw new RangeError('除数为 0');
  const n = Math.abs(a) * 100 * 10 ** d;
  const q = Math.floor(n / Math.abs(b));
  const v = 2 * (n - q * Math.abs(b)) >= Math.abs(b) ? q + 1 : q;
  return `${Math.sign(a) * Math.sign(b) < 0 && v !== 0 ? '-' : ''}${(v / 10 ** d).toFixed(d)}`;
}

/** The same, truncated. */
export function truncatedPercent(a: number, b: number, d: number): string {
  if (b === 0) throw new RangeError('除数为 0');
  const v = Math.floor((Math.abs(a) * 100 * 10 ** d) / Math.abs(b));
  return `${Math.sign(a) * Math.sign(b) < 0 && v !== 0 ? '-' : ''}${(v / 10 ** d).toFixed(d)}`;
}

/** Decimals written in a stated percentage ("99.7" → 1), at most 4. */
export function decimalsOf(stated: string): number {
  return Math.min((stated.split('.')[1] ?? '').length, 4);
}

/**
 * A stated percentage of a ÷ b is right when it is the rounding of a value a ÷ b may have had
 * before a and b were rounded to the cent (a table in 元 quoted in 万元): never a truncation
 * beyond that.
 */
export function percentRounded(stated: number, a: number, b: number, d: number): boolean {
  if (b === 0) return false;
  const lo = Math.max(0, Math.abs(a) - 0.5) / (Math.abs(b) + 0.5);
  const hi = (Math.abs(a) + 0.5) / Math.max(0.5, Math.abs(b) - 0.5);
  const step = 10 ** d;
  const round = (x: number) => Math.round(x * 100 * step + 1e-9) / step;
  const s = Math.abs(stated);
  return s >= round(lo) - 1e-9 && s <= round(hi) + 1e-9;
}
