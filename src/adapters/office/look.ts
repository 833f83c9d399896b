// How gongkai's sheets look in Excel: the file path's named styles (exceljs/styles.ts) in
// Office.js terms, its widths (characters → points), and its print setup (A4, margins, titles,
// fit to the page's width, page numbers). One table for both hosts, so they cannot drift apart.
import type { StyleName } from '../../core/plan/types';
import { STYLES } from '../exceljs/styles';
import type { BorderIndex, PageLayout, RangeFormat, SetSupport, Worksheet } from './excel-api';

type Horizontal = RangeFormat['horizontalAlignment'];
type Vertical = RangeFormat['verticalAlignment'];

export interface OfficeStyle {
  font: { name?: string; size?: number; bold?: boolean };
  horizontal?: Horizontal;
  vertical?: Vertical;
  wrap?: boolean;
  border: boolean;
  numFmt?: string;
}

const HORIZONTAL: Record<string, Horizontal> = { left: 'Left', center: 'Center', right: 'Right' };
const VERTICAL: Record<string, Vertical> = { top: 'Top', middle: 'Center', bottom: 'Bottom' };

export const OFFICE_STYLES = Object.fromEntries(
  Object.entries(STYLES).map(([name, s]) => [
    name,
    {
      font: { name: s.font?.name, size: s.font?.size, bold: s.font?.bold },
      horizontal: s.alignment?.horizontal ? HORIZONTAL[s.alignment.horizontal] : undefined,
      vertical: s.alignment?.vertical ? VERTICAL[s.alignment.vertical] : undefined,
      wrap: s.alignment?.wrapText,
      border: !!s.border,
      numFmt: s.numFmt,
    },
  ]),
) as Record<StyleName, OfficeStyle>;

export const BOX_EDGES: BorderIndex[] = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideVertical', 'InsideHorizontal'];

/** Applies a style to a range (one row of cells of that style, or one cell). */
export function applyStyle(format: RangeFormat, style: OfficeStyle): void {
  if (style.font.name) format.font.name = style.font.name;
  if (style.font.size) format.font.size = style.font.size;
  if (style.font.bold) format.font.bold = true;
  if (style.horizontal) format.horizontalAlignment = style.horizontal;
  if (style.vertical) format.verticalAlignment = style.vertical;
  if (style.wrap) format.wrapText = true;
  if (style.border) {
    for (const edge of BOX_EDGES) {
      const b = format.borders.getItem(edge);
      b.style = 'Continuous';
      b.weight = 'Thin';
      b.color = '#000000';
    }
  }
}

/** Column width in points for a width in characters (7 px a character plus 5 px padding, 0.75 pt a px). */
export function columnPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

export const PAGE_FOOTER = '第 &P 页，共 &N 页';

export interface PrintSetup {
  orientation: 'landscape' | 'portrait';
  /** Margins in inches, as exceljs writes them. */
  margins: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
  titleRows?: string;
  centered?: boolean;
  fitToWidth: boolean;
}

/** The file path's page setup (exceljs write-plan and apply-plan), on ExcelApi 1.9. */
export function applyPrint(ws: Worksheet, print: PrintSetup, supports: SetSupport): void {
  if (!supports('ExcelApi', '1.9')) return;
  const page: PageLayout = ws.pageLayout;
  const pt = (inches: number) => Math.round(inches * 72 * 100) / 100;
  page.orientation = print.orientation === 'landscape' ? 'Landscape' : 'Portrait';
  page.paperSize = 'A4';
  page.leftMargin = pt(print.margins.left);
  page.rightMargin = pt(print.margins.right);
  page.topMargin = pt(print.margins.top);
  page.bottomMargin = pt(print.margins.bottom);
  page.headerMargin = pt(print.margins.header);
  page.footerMargin = pt(print.margins.footer);
  if (print.centered) page.centerHorizontally = true;
  if (print.titleRows) page.setPrintTitleRows(print.titleRows.replace(/(\d+)/g, '$$$1'));
  // one page wide, as many pages tall as it takes (0: automatic, as fitToHeight="0" in the file)
  if (print.fitToWidth) page.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  page.headersFooters.defaultForAllPages.centerFooter = PAGE_FOOTER;
}
