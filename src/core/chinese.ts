// Chinese numerals as the disclosure tables print them: 一、二、… 二十九、 and （一）（二）.

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) throw new RangeError(`超出范围：${n}`);
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}

export function ordinalPrefix(n: number, style: 'ordinal' | 'paren' | 'none'): string {
  if (style === 'none') return '';
  return style === 'ordinal' ? `${chineseNumber(n)}、` : `（${chineseNumber(n)}）`;
}
