// The wording rules, as properties over generated amounts: prior = 0, current = 0, equal, up,
// down, and changes below half a cent.
import { changeClause, changeKind, percent, reasonClause, REASON_BLANK, shareClause, wan } from '../src/core/narrative/wording';
import type { Cents } from '../src/core/money';
import { random } from './helpers/workbook';

const c = (n: number) => n as Cents;

describe('percent', () => {
  it.each([
    [10000, 50000, '20.00'],
    [1, 3, '33.33'],
    [2, 3, '66.67'],
    [1, 8, '12.50'],
    [-1, 8, '-12.50'],
    [122547, 122547, '100.00'],
    [4400, 122547, '3.59'],
  ])('%i ÷ %i = %s%%', (a, b, want) => expect(percent(a, b)).toBe(want));
});

describe('changeClause', () => {
  it('prior 0: 新增, never 增长100%', () => expect(changeClause({ current: c(122547), prior: c(0) })).toBe('比上年新增1225.47万元（上年为0）'));
  it('equal: 持平, never 增加0.00万元，增长0.00%', () => expect(changeClause({ current: c(5000), prior: c(5000) })).toBe('与上年持平'));
  it('current 0: 减少 all of it', () => expect(changeClause({ current: c(0), prior: c(360) })).toBe('比上年减少3.60万元，下降100.00%'));
  it('up: change over the prior year, not the current', () => expect(changeClause({ current: c(1512), prior: c(1426) })).toBe('比上年增加0.86万元，增长6.03%'));
  it('down: the classic wrong-base case', () => expect(changeClause({ current: c(50000), prior: c(60000) })).toBe('比上年减少100.00万元，下降16.67%'));
  it('no prior figure: no clause', () => expect(changeClause({ current: c(1), prior: null })).toBe(''));

  it('property: the stated change and percentage are exact over the prior, direction agrees with the sign', () => {
    const rnd = random(7);
    for (let i = 0; i < 2000; i++) {
      const prior = Math.floor(rnd() * 1e7) * (rnd() < 0.1 ? 0 : 1);
      const current = rnd() < 0.1 ? prior : rnd() < 0.05 ? 0 : Math.floor(rnd() * 1e7);
      const text = changeClause({ current: c(current), prior: c(prior) });
      const kind = changeKind({ current: c(current), prior: c(prior) });
      if (current === prior) {
        expect(text).toBe('与上年持平');
        continue;
      }
      const m = /(增加|减少|新增)(\d+\.\d{2})万元(?:，(增长|下降)(\d+\.\d{2})%)?/.exec(text)!;
      expect(m).not.toBeNull();
      expect(Math.round(Number(m[2]) * 100)).toBe(Math.abs(current - prior));
      expect(m[1]).toBe(prior === 0 ? '新增' : current > prior ? '增加' : '减少');
      if (prior === 0) {
        expect(text).not.toMatch(/增长/);
        expect(kind).toBe('new');
      } else {
        expect(m[3]).toBe(current > prior ? '增长' : '下降');
        const p = (Math.abs(current - prior) / prior) * 100;
        expect(Math.abs(Number(m[4]) - p)).toBeLessThanOrEqual(0.005 + 1e-9);
      }
    }
  });
});

describe('reason and share', () => {
  it('a change leaves a marked blank for the reason, or last year’s reason', () => {
    expect(reasonClause({ current: c(2), prior: c(1) })).toBe(`，主要原因是${REASON_BLANK}`);
    expect(reasonClause({ current: c(2), prior: c(1) }, '人员增加。')).toBe('，主要原因是人员增加');
    expect(reasonClause({ current: c(2), prior: c(2) })).toBe('');
  });
  it('shares over the right total; none over a zero total', () => {
    expect(shareClause(c(4400), c(122547))).toBe('占3.59%');
    expect(shareClause(c(1), c(0))).toBe('');
    expect(wan(c(19895))).toBe('198.95');
  });
});
