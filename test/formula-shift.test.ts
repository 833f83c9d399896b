import { shiftFormula, slideFormula } from '../src/core/formula-shift';

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

describe('slideFormula (a shared formula copied to another cell)', () => {
  it.each([
    ['SUM(C8:C20)', 1, 0, 'SUM(C9:C21)'],
    ['SUM(C8:C20)', 0, 2, 'SUM(E8:E20)'],
    ['$C$8+C$8+$C8+C8', 3, 1, '$C$8+D$8+$C11+D11'],
    ["'公开05表 一般公共预算支出表'!D7+表2!A1", 2, 0, "'公开05表 一般公共预算支出表'!D9+表2!A3"],
    ['IF(A1>0,"B2 不动",A1)', 1, 1, 'IF(B2>0,"B2 不动",B2)'],
    ['Z1+AZ1', 0, 1, 'AA1+BA1'],
    ['SUM(A1:B2)', 0, 0, 'SUM(A1:B2)'],
  ])('%s moved %i rows and %i columns is %s', (formula, rows, cols, expected) => {
    expect(slideFormula(formula, rows, cols)).toBe(expected);
  });
});
