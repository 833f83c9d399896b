import { shiftFormula } from '../src/core/formula-shift';

describe('shiftFormula', () => {
  const ins = { sheet: '表5', at: 10, count: 2 };
  it.each([
    ['SUM(C8:C12)', 'SUM(C8:C14)'],
    ['C9+C10', 'C9+C12'],
    ['$C$10*2', '$C$12*2'],
    ['SUM(C10:C20)', 'SUM(C12:C22)'],
    ['SUM(C2:C9)', 'SUM(C2:C9)'],
    ["'表5'!D11+表6!D11", "'表5'!D13+表6!D11"],
    ['IF(A10="C10",C10,0)', 'IF(A12="C10",C12,0)'],
    ['LOG10(C10)', 'LOG10(C12)'],
  ])('%s → %s (on the same sheet)', (f, expected) => {
    expect(shiftFormula(f, '表5', ins)).toBe(expected);
  });
  it('shifts only references to the sheet with the new rows', () => {
    expect(shiftFormula("C10+'表5'!C10+'O''Brien'!C10", '表6', ins)).toBe("C10+'表5'!C12+'O''Brien'!C10");
  });
});
