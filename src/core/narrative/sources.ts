// Inputs of the narrative besides the tables: the 补充信息 sheet, and the reasons the prior
// year's narrative gave, item by item.
import { address } from '../a1';
import { type Grid, squash, textAt } from '../grid';
import type { Facts } from './facts';
import { SUPPLEMENT_KEYS } from './facts';

/** "名称 | 数值" rows of a sheet named 补充信息 (amounts in 万元, counts as numbers). */
export function readSupplement(sheets: Grid[]): { values: Map<string, number>; problems: string[] } {
  const values = new Map<string, number>();
  const problems: string[] = [];
  const sheet = sheets.find((s) => squash(s.name).includes('补充信息'));
  if (!sheet) return { values, problems };
  for (let r = 1; r <= sheet.rowCount; r++) {
    const key = squash(textAt(sheet, r, 1)).replace(/[（(]万元[)）]|[（(]个[)）]|[（(]辆[)）]/g, '');
    if (!key) continue;
    const metric = Object.entries(SUPPLEMENT_KEYS).find(([k]) => key === squash(k))?.[1];
    if (!metric) continue;
    const raw = sheet.rows.get(r)?.get(2)?.value;
    const n = typeof raw === 'number' ? raw : Number(String(raw ?? '').replace(/[,，\s]/g, ''));
    if (raw === null || raw === undefined || raw === '' || Number.isNaN(n)) problems.push(`补充信息!B${r}：「${textAt(sheet, r, 1)}」的数值「${raw ?? ''}」不是数字`);
    else values.set(metric, n);
  }
  return { values, problems };
}

/** Paragraphs of a sheet whose name contains 说明, one per row (column A, or the first text cell). */
export function narrativeParagraphs(sheets: Grid[]): { sheet: string; cell: string; text: string }[] {
  const out: { sheet: string; cell: string; text: string }[] = [];
  for (const sheet of sheets.filter((s) => s.name.includes('说明'))) {
    for (let r = 1; r <= sheet.rowCount; r++) {
      const cells = sheet.rows.get(r);
      if (!cells) continue;
      const first = [...cells].sort((a, b) => a[0] - b[0]).find(([, c]) => typeof c.value === 'string' && c.value.trim());
      if (first) out.push({ sheet: sheet.name, cell: address(r, first[0]), text: String(first[1].value).trim() });
    }
  }
  return out;
}

/** The reason a paragraph gives for an item it names: "…行政运行（项）…主要原因是X。" */
export function priorReasons(paragraphs: { text: string }[], facts: Facts): Map<string, string> {
  const reasons = new Map<string, string>();
  const generic: [string, RegExp][] = [
    ['income.total', /收支总预算|收入、支出决算总计/],
    ['fiscal.total', /财政拨款收支总预算|财政拨款收入、支出决算总计/],
    ['gpb.total', /一般公共预算当年拨款\d|一般公共预算当年拨款[^，。]*万元|一般公共预算财政拨款支出\d/],
    ['sangong.total', /“三公”经费/],
  ];
  for (const p of paragraphs) {
    const m = /主要原因[是为：:]\s*([^。；;]+)/.exec(p.text);
    if (!m || /请填写|XX|xx|……/.test(m[1])) continue;
    const reason = m[1].trim();
    const item = [...facts.values()].find((f) => /^gpb\.item\./.test(f.metric) && f.label && p.text.includes(`${f.label}（项）`));
    if (item && !reasons.has(item.metric)) {
      reasons.set(item.metric, reason);
      continue;
    }
    for (const [metric, re] of generic) if (re.test(p.text) && !reasons.has(metric)) reasons.set(metric, reason);
  }
  return reasons;
}
