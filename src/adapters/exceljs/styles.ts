// How each named plan style looks in an .xlsx file.
import type ExcelJS from 'exceljs';
import type { StyleName } from '../../core/plan/types';

const FONT = '宋体';
const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const box: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
export const AMOUNT_FORMAT = '#,##0.00';

export const STYLES: Record<StyleName, Partial<ExcelJS.Style>> = {
  label: { font: { name: FONT, size: 10 }, alignment: { horizontal: 'right', vertical: 'middle' } },
  title: { font: { name: FONT, size: 16, bold: true }, alignment: { horizontal: 'center', vertical: 'middle' } },
  meta: { font: { name: FONT, size: 10 }, alignment: { horizontal: 'left', vertical: 'middle' } },
  metaRight: { font: { name: FONT, size: 10 }, alignment: { horizontal: 'right', vertical: 'middle' } },
  header: { font: { name: FONT, size: 10, bold: true }, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true }, border: box },
  colno: { font: { name: FONT, size: 9 }, alignment: { horizontal: 'center', vertical: 'middle' }, border: box },
  code: { font: { name: FONT, size: 10 }, alignment: { horizontal: 'left', vertical: 'middle' }, border: box, numFmt: '@' },
  name: { font: { name: FONT, size: 10 }, alignment: { horizontal: 'left', vertical: 'middle', wrapText: true }, border: box },
  nameBold: { font: { name: FONT, size: 10, bold: true }, alignment: { horizontal: 'left', vertical: 'middle', wrapText: true }, border: box },
  amount: { font: { name: FONT, size: 10 }, alignment: { horizontal: 'right', vertical: 'middle' }, border: box, numFmt: AMOUNT_FORMAT },
  amountBold: { font: { name: FONT, size: 10, bold: true }, alignment: { horizontal: 'right', vertical: 'middle' }, border: box, numFmt: AMOUNT_FORMAT },
  lineNo: { font: { name: FONT, size: 9 }, alignment: { horizontal: 'center', vertical: 'middle' }, border: box },
  note: { font: { name: FONT, size: 9 }, alignment: { horizontal: 'left', vertical: 'top', wrapText: true } },
};
