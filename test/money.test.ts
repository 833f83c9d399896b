import { convert, formatAmount, fromNumber, MoneyParseError, parseAmount, sum, type Cents } from '../src/core/money';

describe('parseAmount', () => {
  it.each([
    ['1,234.56', 123456],
    ['1234.5', 123450],
    ['1 234.56', 123456],
    ['１２３.４５', 12345],
    ['１，２３４．５０', 123450],
    ['-', 0],
    ['—', 0],
    ['', 0],
    ['  ', 0],
    ['(123.00)', -12300],
    ['-45.10', -4510],
    ['0.00', 0],
    ['1989513.08', 198951308],
    ['0.005', 1],
    ['0.0049', 0],
    ['-0.005', -1],
    ['.5', 50],
    ['12.', 1200],
  ])('reads %j as %d cents', (text, cents) => {
    expect(parseAmount(text)).toBe(cents);
  });

  it('reads numbers stored as numbers, without binary noise', () => {
    expect(parseAmount(0.1 + 0.2)).toBe(30);
    expect(parseAmount(1234.565)).toBe(123457);
    expect(parseAmount(1989513.08)).toBe(198951308);
    expect(parseAmount(null)).toBe(0);
  });

  it.each(['12.3.4', 'abc', '1,2', '12,', '(', '1-2', '万元', '1e5', '--5'])('rejects %j with a Chinese message', (text) => {
    expect(() => parseAmount(text)).toThrow(MoneyParseError);
    expect(() => parseAmount(text)).toThrow(/无法识别的金额/);
  });
});

describe('sums are exact', () => {
  it('adds thousands of 2-decimal amounts with no drift', () => {
    // 10,000 amounts of 0.01 … 100.00 in a fixed pseudo-random sequence.
    let seed = 42;
    const texts: string[] = [];
    let expectedCents = 0n;
    for (let i = 0; i < 10000; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const cents = (seed % 10000) + 1;
      expectedCents += BigInt(cents);
      texts.push(`${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`);
    }
    const floatSum = texts.reduce((acc, t) => acc + Number(t), 0);
    const exact = sum(texts.map((t) => parseAmount(t)));
    expect(BigInt(exact)).toBe(expectedCents);
    // the naive float sum is not exact, which is why money never goes through it
    expect(floatSum * 100).not.toBe(Number(expectedCents));
  });
});

describe('formatAmount', () => {
  it.each([
    [123456, '1,234.56'],
    [0, '0.00'],
    [-4510, '-45.10'],
    [198951308, '1,989,513.08'],
    [5, '0.05'],
  ])('formats %d as %s', (cents, text) => {
    expect(formatAmount(cents as Cents)).toBe(text);
  });
  it('can leave out thousands separators', () => {
    expect(formatAmount(198951308 as Cents, { thousands: false })).toBe('1989513.08');
  });
});

describe('元 ↔ 万元', () => {
  it('rounds half up to 0.01 万元', () => {
    expect(convert(198951308 as Cents, '元', '万元')).toBe(19895); // 1,989,513.08 元 → 198.95 万元
    expect(convert(15000 as Cents, '元', '万元')).toBe(2); // 150.00 元 → 0.015 → 0.02
    expect(convert(14999 as Cents, '元', '万元')).toBe(1);
    expect(convert(-15000 as Cents, '元', '万元')).toBe(-2);
    expect(convert(19895 as Cents, '万元', '元')).toBe(198950000);
    expect(convert(123 as Cents, '万元', '万元')).toBe(123);
  });
  it('fromNumber rounds half up', () => {
    expect(fromNumber(2.675)).toBe(268);
    expect(fromNumber(-2.675)).toBe(-268);
    expect(fromNumber(1e-9)).toBe(0);
  });
});
