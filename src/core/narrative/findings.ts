// Findings of the 情况说明 check: located at the paragraph's cell (and the table's cell it disagrees with).
import type { Finding } from '../check/finding';
import type { Cents } from '../money';
import type { FactValue } from './facts';
import { wan } from './wording';

export interface Paragraph {
  sheet: string;
  cell: string;
  text: string;
}

export function finding(p: Paragraph, rule: string, severity: Finding['severity'], message: string, expected: number | string | null = null, actual: number | string | null = null): Finding {
  return { rule, severity, sheet: p.sheet, cell: p.cell, cells: [p.cell], message, expected, actual };
}

/** The guess amountError adds when the stated figure is another metric's ("可能把…称作了…"). */
const GUESS = /；写的是[^；]*的数（[^；]*万元），可能把[^；]*称作了[^；]*$/;

/**
 * A narrative finding's message without that guess: when a workbook is compared with the PDF
 * printed from it, a figure that no longer agrees is most likely a figure changed since.
 */
export function withoutGuess(message: string): string {
  return message.replace(GUESS, '');
}

/** A figure of the text that is not the table's. */
export function amountError(p: Paragraph, f: FactValue, stated: Cents, word?: string, sameAs?: FactValue): Finding {
  const hint = sameAs ? `；写的是${sameAs.label}的数（${wan(sameAs.value)} 万元），可能把${sameAs.label}称作了${f.label}` : '';
  return {
    ...finding(p, 'narrative.amount', 'error', `${f.label} 写的是${word ? `“${word}”` : ` ${wan(stated)} 万元`}，表中是 ${wan(f.value)} 万元${f.sheet ? `（${f.sheet}!${f.cell}）` : ''}${hint}`, f.value / 100, stated / 100),
    cells: [p.cell, ...(f.sheet && f.cell ? [`'${f.sheet}'!${f.cell}`] : [])],
  };
}
