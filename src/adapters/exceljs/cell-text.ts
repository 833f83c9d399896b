// The text of an exceljs cell value, as a user sees it.
import type ExcelJS from 'exceljs';

export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    const r = (value as ExcelJS.CellFormulaValue).result;
    return r === undefined || r === null ? '' : typeof r === 'object' ? ('error' in r ? String(r.error) : '') : String(r);
  }
  if ('text' in value) return String(value.text);
  if ('error' in value) return String(value.error);
  return '';
}
