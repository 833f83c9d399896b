// Each project of the 项目支出绩效目标表 (or 绩效自评表) against the workbook's project list: the
// 预算资金 / 资金总额 stated under a 项目名称 must be the list's amount for that project.
import type { Finding } from '../check/finding';
import { type Grid, squash, textAt } from '../grid';
import { readProjectList, type Project, sheetUnit } from '../sheet-lists';
import { wan } from '../narrative/wording';
import { amountRightOf, targetSheet } from './targets';

/** Labels of a project's own amount in its target table. */
const PROJECT_AMOUNT = /^(年度)?(预算)?资金总额$|^预算资金(总额)?$|^项目(预算)?资金$|^项目金额$/;

const clean = (t: string) => squash(t).replace(/[（(](万元|元)[)）]|[:：]/g, '');
const key = (name: string) => squash(name).replace(/[“”"'‘’《》]/g, '').replace(/(项目|经费|资金)$/, '');

function findProject(list: Project[], name: string): Project | undefined {
  const k = key(name);
  return list.find((p) => key(p.name) === k) ?? (k.length >= 4 ? list.find((p) => key(p.name).length >= 4 && (key(p.name).includes(k) || k.includes(key(p.name)))) : undefined);
}

/** `lists`: the sheets recognised as project lists (项目支出明细表 …). */
export function checkProjectAmounts(sheets: Grid[], lists: Grid[]): Finding[] {
  const projects = lists.filter((s) => !targetSheet(s)).map(readProjectList).filter((l) => l !== null).flatMap((l) => l.projects);
  if (!projects.length) return [];
  const out: Finding[] = [];
  for (const sheet of sheets) {
    if (!targetSheet(sheet)?.project) continue;
    const unit = sheetUnit(sheet);
    let name: string | null = null;
    for (let r = 1; r <= sheet.rowCount; r++) {
      for (let c = 1; c <= sheet.columnCount; c++) {
        const label = clean(textAt(sheet, r, c));
        if (/^(二级)?项目名称$/.test(label)) {
          name = null;
          for (let cc = c + 1; cc <= sheet.columnCount && !name; cc++) name = squash(textAt(sheet, r, cc)) || null;
          break;
        }
        if (!name || !PROJECT_AMOUNT.test(label)) continue;
        const got = amountRightOf(sheet, r, c, unit);
        const listed = findProject(projects, name);
        if (got && listed?.amount && listed.amount.value !== got.value) {
          out.push({
            rule: 'performance.project-amount',
            severity: 'error',
            sheet: sheet.name,
            cell: got.cell,
            cells: [got.cell, `'${listed.amount.sheet}'!${listed.amount.cell}`],
            message: `项目「${name}」的${label}为 ${wan(got.value)} 万元，${listed.amount.sheet}（${listed.amount.cell}）中为 ${wan(listed.amount.value)} 万元`,
            expected: listed.amount.value / 100,
            actual: got.value / 100,
          });
        }
        name = null; // one amount per project
        break;
      }
    }
  }
  return out;
}
