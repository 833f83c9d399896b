// The DOM both pages share (the task pane in Excel and the standalone page): the status line, the
// findings grouped by sheet with a severity filter, the list of changes, the narrative, download
// links, and the request a button stands for. Text from a workbook is always set as textContent.
import css from './taskpane.css';
import type { Finding, Report } from '../core/check/finding';
import { SEVERITY_NAMES } from '../core/check/finding';
import type { Change } from '../core/edits';
import { UserError } from '../core/errors';
import { renderText } from '../core/narrative/render';
import type { CommandRequest, CommandResult } from '../core/commands/run';

export const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

export function installStyle(): void {
  const style = document.createElement('style');
  style.textContent = css;
  document.head.append(style);
}

export function say(text: string, isError = false): void {
  const status = $('status');
  status.textContent = text;
  status.className = isError ? 'error' : '';
}

/** A UserError's own words; anything else, with extra wording by error code (Office.js errors). */
export function explain(e: unknown, byCode: Record<string, string> = {}): string {
  if (e instanceof UserError) return e.message;
  const code = (e as { code?: string } | null)?.code;
  if (code && byCode[code]) return byCode[code];
  return `出错了：${(e as Error | null)?.message ?? String(e)}`;
}

function item(className: string, where: string, message: string): HTMLLIElement {
  const li = document.createElement('li');
  li.className = className;
  const span = document.createElement('span');
  span.className = 'where';
  span.textContent = where;
  li.append(span, document.createTextNode(message));
  return li;
}

/** Replaces the list's items, however many (a spread of 100,000 arguments overflows the stack). */
function fillResults(items: Iterable<HTMLLIElement>): void {
  const list = document.createDocumentFragment();
  for (const li of items) list.append(li);
  $('results').replaceChildren(list);
}

export function showChanges(changes: Change[]): void {
  $('filter').hidden = true;
  fillResults(changes.map((c) => item(c.changed ? 'notice' : 'warning', `${c.sheet}!${c.cell}`, c.message)));
}

const WHOLE_BOOK = '整个工作簿';
let shownFindings: Finding[] = [];
let onPick: ((f: Finding) => void) | undefined;

/** The findings grouped by sheet, in workbook order; `pick` runs when one is clicked. */
export function showFindings(report: Report, pick?: (f: Finding) => void): void {
  shownFindings = report.findings;
  onPick = pick;
  $('filter').hidden = false;
  renderFindings();
}

function renderFindings(): void {
  const shown = new Set([...document.querySelectorAll<HTMLInputElement>('#filter input')].filter((i) => i.checked).map((i) => i.dataset.severity));
  const visible = shownFindings.filter((f) => shown.has(f.severity));
  const sheetOf = (f: Finding) => f.sheet ?? WHOLE_BOOK;
  const groups = new Map<string, Finding[]>();
  for (const f of visible) {
    const members = groups.get(sheetOf(f));
    if (members) members.push(f);
    else groups.set(sheetOf(f), [f]);
  }
  fillResults(
    (function* () {
      for (const [sheet, members] of groups) {
        const heading = document.createElement('li');
        heading.className = 'group';
        heading.textContent = `${sheet}（${members.length} 条）`;
        yield heading;
        for (const f of members) yield findingItem(f);
      }
    })(),
  );
}

/** Where a finding is: its cell, or for a PDF its page, row and printed text. */
function whereOf(f: Finding): string {
  const at = f.location;
  if (!at) return f.cell ?? '';
  return [`第${at.page}页`, at.row ? `“${at.row}”行` : '', at.text ? `“${at.text}”` : ''].filter(Boolean).join(' ');
}

function findingItem(f: Finding): HTMLLIElement {
  const li = item(f.severity, `${SEVERITY_NAMES[f.severity]} ${whereOf(f)}`, f.message);
  if (f.location) li.dataset.page = String(f.location.page);
  li.dataset.sheet = f.sheet ?? '';
  li.dataset.cell = f.cell ?? '';
  li.addEventListener('click', () => onPick?.(f));
  return li;
}

/** Shows a command's result: findings, changes or the narrative's lines, and its summary. */
export function show(result: Omit<CommandResult, 'plan'>, pick?: (f: Finding) => void): void {
  if (result.report) showFindings(result.report, pick);
  else if (result.changes) showChanges(result.changes);
  else {
    $('filter').hidden = true;
    const lines = result.narrative ? renderText(result.narrative).trimEnd().split('\n') : [];
    fillResults(lines.map((line) => Object.assign(document.createElement('li'), { textContent: line, className: 'line' })));
  }
  say([result.summary, ...(result.notes ?? [])].join(' '));
}

/** Replaces the download links with these files. */
export function offer(files: { blob: Blob; name: string }[]): void {
  const box = $('downloads');
  for (const a of box.querySelectorAll('a')) URL.revokeObjectURL(a.href);
  box.replaceChildren(
    ...files.map(({ blob, name }) => {
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = name;
      a.textContent = `下载：${name}`;
      return a;
    }),
  );
}

/** The template form's values. */
function templateRequest(): Extract<CommandRequest, { command: 'template' }>['template'] {
  const kind = $<HTMLSelectElement>('kind').value === 'final' ? 'final' : 'budget';
  const year = Number($<HTMLInputElement>('year').value);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new UserError('年度须为 2000–2100 之间的四位年份。');
  const department = $<HTMLInputElement>('department').value.trim() || '（单位名称）';
  const tables = $<HTMLInputElement>('tables').value.split(/[,，、\s]+/).filter(Boolean);
  return { kind, year, department, tables: tables.length ? tables : undefined };
}

export const COMMANDS = ['template', 'fill', 'recalc', 'check', 'clear', 'narrate'] as const;
export type CommandName = (typeof COMMANDS)[number];
export const isCommand = (s: string | null): s is CommandName => (COMMANDS as readonly string[]).includes(s ?? '');

/** The year typed for a workbook whose headers print none; undefined when left empty. */
function workYear(): number | undefined {
  const input = document.getElementById('work-year') as HTMLInputElement | null;
  if (!input?.value.trim()) return undefined;
  const year = Number(input.value);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new UserError('年度须为 2000–2100 之间的四位年份。');
  return year;
}

/** The request a button stands for (check marks the cells it finds). */
export function request(cmd: CommandName): CommandRequest {
  const year = workYear();
  const given = year === undefined ? {} : { year };
  switch (cmd) {
    case 'template':
      return { command: 'template', template: templateRequest() };
    case 'check':
      return { command: 'check', mark: true, ...given };
    case 'fill':
    case 'narrate':
      return { command: cmd, ...given };
    default:
      return { command: cmd };
  }
}

/**
 * Wires the command buttons and the severity filter. 插入模板 is armed by a first click (the form
 * shows) and runs on the second; every other button runs at once; a failure is worded by
 * `explain` with `errors` by code. Returns `press`, which does what
 * a click on that button does (for ?cmd= from the ribbon).
 */
export function wireCommands(run: (cmd: CommandName) => Promise<void>, errors: Record<string, string> = {}): (cmd: CommandName) => Promise<void> {
  const buttons = [...document.querySelectorAll<HTMLButtonElement>('#commands button')];
  const press = async (cmd: CommandName): Promise<void> => {
    const button = buttons.find((b) => b.dataset.cmd === cmd);
    $('template-form').hidden = cmd !== 'template';
    if (cmd === 'template' && button && !button.dataset.armed) {
      button.dataset.armed = '1';
      say('填好下面的信息后再点一次“插入模板”。');
      return;
    }
    buttons.forEach((b) => (b.disabled = true));
    say('处理中……');
    try {
      await run(cmd);
    } catch (e) {
      say(explain(e, errors), true);
    } finally {
      buttons.forEach((b) => (b.disabled = false));
      if (button) delete button.dataset.armed;
    }
  };
  for (const b of buttons) b.addEventListener('click', () => void press(b.dataset.cmd as CommandName));
  document.querySelectorAll('#filter input').forEach((i) => i.addEventListener('change', renderFindings));
  return press;
}

/** The ?cmd= a ribbon button opened the page with, if it names a command. */
export function commandFromUrl(): CommandName | null {
  const cmd = new URLSearchParams(location.search).get('cmd');
  return isCommand(cmd) ? cmd : null;
}
