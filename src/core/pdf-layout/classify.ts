// What a printed line is: page furniture, a table's label or title, its 编制单位 line, a note,
// a section heading, or a line of numbers.
import { squash } from '../grid';
import type { Line, PdfPage } from './lines';

export const lineText = (line: Line): string => line.cells.map((c) => c.text).join(' ');

const AMOUNT = /^[-−(（]?\d{1,3}(,\d{3})*(\.\d+)?[)）]?$|^[-−(（]?\d+(\.\d+)?[)）]?$/;
const DASH = /^[-—－–]{1,2}$/;

/** An amount, a code or a dash as printed in a table. */
export const isNumberText = (text: string): boolean => AMOUNT.test(text.replace(/\s/g, '')) || DASH.test(text.trim());

export const hasNumber = (line: Line): boolean => line.cells.some((c) => AMOUNT.test(c.text.replace(/\s/g, '')));

/** A page number ("8", "- 8 -", "第8页", "第 8 页 共 30 页") in the top or bottom margin. */
export function isFurniture(line: Line, page: PdfPage): boolean {
  if (line.cells.length !== 1) return false;
  const text = squash(line.cells[0].text);
  if (!/^[-—–]?\d{1,4}[-—–]?$|^第\d+页[,，]?(共\d+页)?$|^\d+\/\d+$/.test(text)) return false;
  return line.y > page.height * 0.88 || line.y < page.height * 0.1;
}

/** "公开01表", "附表1", "表一", "部门公开表3": a table's label printed above its title. */
export function isLabel(line: Line): boolean {
  if (line.cells.length > 2) return false;
  return /^(部门)?(公开|附表|附件|预算|决算)?(表)?[0-9一二三四五六七八九十]{1,3}(-\d)?表?[:：]?$/.test(squash(lineText(line))) && /表|附/.test(lineText(line));
}

/** A table's title: a short line ending in 表 (perhaps with a bracketed qualifier), no dot leaders. */
export function isTitle(line: Line): boolean {
  if (line.cells.length > 4) return false;
  const text = squash(lineText(line));
  if (text.length < 4 || text.length > 60) return false;
  if (/…|\.{3}|·{3}/.test(text) || /^注|^说明/.test(text)) return false;
  if (hasNumber(line) && line.cells.length > 1) return false;
  return /表([（(][^）)]{1,12}[）)])?$/.test(text);
}

/** 编制部门、单位：万元 and the like, between a title and its header. */
export function isMeta(line: Line): boolean {
  return line.cells.some((c) => /^(编制|部门名称|单位名称|预算单位|填报单位|主管部门)|^(金额)?单位[:：]|单位[:：]\s*(万?元)/.test(squash(c.text)));
}

export function isNote(line: Line): boolean {
  return /^(注|备注|说明)\s*\d?\s*[:：]/.test(line.cells[0]?.text.trim() ?? '');
}

/** A centred short line: the heading of a text section. */
export function isHeading(line: Line, page: PdfPage): boolean {
  if (line.cells.length > 3 || line.cells.some((c) => isNumberText(c.text))) return false;
  const x0 = line.cells[0].x0;
  const x1 = line.cells[line.cells.length - 1].x1;
  const text = squash(lineText(line));
  return text.length >= 2 && text.length <= 40 && !/[。；，]$/.test(text) && Math.abs((x0 + x1) / 2 - page.width / 2) < page.width * 0.08 && x1 - x0 < page.width * 0.7;
}

/** A line of running text: one wide cell. */
export function isProse(line: Line, page: PdfPage): boolean {
  return line.cells.length === 1 && line.cells[0].x1 - line.cells[0].x0 > page.width * 0.5 && squash(line.cells[0].text).length > 20;
}
