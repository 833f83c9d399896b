// Exact money. An amount is an integer number of cents (分, or 0.01 of the display unit)
// held in a JS number: integers are exact up to 2^53, far beyond any department's budget.
// Every sum, difference and unit conversion stays in integers; nothing accumulates float error.

export type Cents = number & { readonly __cents: unique symbol };
export type Unit = '元' | '万元';

export const ZERO = 0 as Cents;

export class MoneyParseError extends Error {
  constructor(readonly input: string, reason: string) {
    super(`无法识别的金额「${input}」：${reason}`);
    this.name = 'MoneyParseError';
  }
}

const FULL_WIDTH: Record<string, string> = {
  '０': '0', '１': '1', '２': '2', '３': '3', '４': '4', '５': '5', '６': '6', '７': '7', '８': '8', '９': '9',
  '．': '.', '，': ',', '－': '-', '＋': '+', '（': '(', '）': ')', '　': ' ',
};

/** Text an accountant types for zero: blank, a dash, an em dash. */
const ZERO_MARKS = new Set(['', '-', '—', '－', '--', '——', '–']);

function normalise(text: string): string {
  let out = '';
  for (const ch of text) out += FULL_WIDTH[ch] ?? ch;
  return out.trim();
}

/** Parses an amount as typed in a cell ("1,234.56", "１２３.４５", "(12.00)", "-", "") into cents.
 * More than two decimals are rounded half up (away from zero). Throws MoneyParseError on garbage. */
export function parseAmount(input: string | number | null | undefined): Cents {
  if (input === null || input === undefined) return ZERO;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw new MoneyParseError(String(input), '不是有限数');
    return fromNumber(input);
  }
  const text = normalise(input);
  if (ZERO_MARKS.has(text)) return ZERO;
  let body = text;
  let negative = false;
  if (/^\(.*\)$/.test(body)) {
    negative = true;
    body = body.slice(1, -1).trim();
  }
  if (body.startsWith('-') || body.startsWith('+')) {
    negative = negative !== body.startsWith('-');
    body = body.slice(1).trim();
  }
  const [intText, ...rest] = body.split('.');
  if (/[\s,]/.test(intText) && !/^\d{1,3}([,\s]\d{3})+$/.test(intText)) throw new MoneyParseError(input, '千分位分隔符位置不对');
  const m = /^(\d*)(?:\.(\d*))?$/.exec([intText.replace(/[\s,]/g, ''), ...rest].join('.'));
  if (!m || (m[1] === '' && !m[2])) throw new MoneyParseError(input, '不是数字');
  const whole = m[1] === '' ? 0 : Number(m[1]);
  const frac = m[2] ?? '';
  let cents = whole * 100 + Number((frac + '00').slice(0, 2));
  if (frac.length > 2 && Number(frac[2]) >= 5) cents += 1;
  if (!Number.isSafeInteger(cents)) throw new MoneyParseError(input, '金额过大');
  return (negative && cents !== 0 ? -cents : cents) as Cents;
}

/** Like parseAmount, but returns null instead of throwing. */
export function tryParseAmount(input: string | number | null | undefined): Cents | null {
  try {
    return parseAmount(input);
  } catch {
    return null;
  }
}

/** A spreadsheet number (possibly 0.1+0.2-style binary noise) to cents, half up. */
export function fromNumber(value: number): Cents {
  // fast path: a number that is already a clean amount in cents (the usual case)
  const scaled = value * 100;
  const rounded = Math.round(scaled);
  if (Math.abs(scaled - rounded) < 1e-6 && Number.isSafeInteger(rounded)) return (rounded === 0 ? 0 : rounded) as Cents;
  // toFixed on a value scaled by 100 would inherit binary error; go through a decimal string.
  const [mant, exp] = value.toExponential(15).split('e');
  const digits = mant.replace('.', '').replace('-', '');
  const e = Number(exp) + 2; // scale to cents
  const intLen = e + 1;
  let intPart: string;
  let rest: string;
  if (intLen <= 0) {
    intPart = '0';
    rest = '0'.repeat(-intLen) + digits;
  } else if (intLen >= digits.length) {
    intPart = digits + '0'.repeat(intLen - digits.length);
    rest = '';
  } else {
    intPart = digits.slice(0, intLen);
    rest = digits.slice(intLen);
  }
  let cents = Number(intPart);
  if (rest.length > 0 && Number(rest[0]) >= 5) cents += 1;
  if (!Number.isSafeInteger(cents)) throw new MoneyParseError(String(value), '金额过大');
  return (value < 0 && cents !== 0 ? -cents : cents) as Cents;
}

export function sum(values: Iterable<Cents>): Cents {
  let total = 0;
  for (const v of values) total += v;
  return total as Cents;
}

export function add(a: Cents, b: Cents): Cents {
  return (a + b) as Cents;
}

export function sub(a: Cents, b: Cents): Cents {
  return (a - b) as Cents;
}

export function neg(a: Cents): Cents {
  return (a === 0 ? 0 : -a) as Cents;
}

/** Cents as a plain JS number of units (for writing into a cell). */
export function toNumber(c: Cents): number {
  return c / 100;
}

/** "1,234,567.80"; negatives as "-12.00". */
export function formatAmount(c: Cents, { thousands = true }: { thousands?: boolean } = {}): string {
  const abs = Math.abs(c);
  const whole = Math.floor(abs / 100).toString();
  const frac = (abs % 100).toString().padStart(2, '0');
  const grouped = thousands ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : whole;
  return `${c < 0 ? '-' : ''}${grouped}.${frac}`;
}

/** Integer division rounding half away from zero (what 四舍五入 means for money). */
export function divRoundHalfUp(numerator: number, denominator: number): number {
  const sign = Math.sign(numerator) * Math.sign(denominator);
  const n = Math.abs(numerator);
  const d = Math.abs(denominator);
  const q = Math.floor(n / d);
  const r = n - q * d;
  const result = 2 * r >= d ? q + 1 : q;
  return result === 0 ? 0 : sign * result;
}

const PER_WAN = 10000;

/** Converts an amount between 元 and 万元, rounding half up to the target's 0.01. */
export function convert(c: Cents, from: Unit, to: Unit): Cents {
  if (from === to) return c;
  if (from === '元') return divRoundHalfUp(c, PER_WAN) as Cents;
  const result = c * PER_WAN;
  if (!Number.isSafeInteger(result)) throw new MoneyParseError(String(c), '金额过大');
  return result as Cents;
}
