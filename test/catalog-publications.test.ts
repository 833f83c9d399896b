// The built-in catalogs against the real publications they cite (test/fixtures/pdf, see its README):
// every code each prints resolves with the printed name in its year's catalog, and the one document
// that renumbers the 302 款 by itself is told so, with the documents that show the list complete.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readPdfPages } from '../src/adapters/pdf/read-pdf';
import { catalogsForCheck, loadCrossRules, loadSpecs } from '../src/adapters/node/templates';
import { checkWorkbook } from '../src/core/check/check';
import type { Report } from '../src/core/check/finding';
import { layoutPages } from '../src/core/pdf-layout/layout';

const DIR = path.join(__dirname, 'fixtures', 'pdf');
const YEARS: Record<string, number> = {
  'pt-wljd-2024-budget.pdf': 2024,
  'pt-ghzy-2024-final.pdf': 2024,
  'pt-shflyuan-2024-unit-budget.pdf': 2024,
  'pt-wljd-2025-budget.pdf': 2025,
  'pt-czj-2025-budget.pdf': 2025,
};

const reports = new Map<string, Report>();
beforeAll(async () => {
  for (const [name, year] of Object.entries(YEARS)) {
    const file = path.join(DIR, name);
    const layout = layoutPages(await readPdfPages(file, fs.readFileSync(file)));
    reports.set(name, checkWorkbook({ file, grid: layout.grid, specs: loadSpecs(), crossRules: loadCrossRules(), catalogs: catalogsForCheck(), year }));
  }
}, 120_000);

// What the catalog decides: a code it lacks, or a name other than its own (names wrapped over lines read
// whole, so a printed name is compared in full).
const codeFindings = (r: Report) => r.findings.filter((f) => f.severity !== 'notice' && (f.rule === 'code.unknown' || f.rule === 'code.name'));

describe.each(Object.keys(YEARS).filter((n) => !n.includes('shflyuan')))('%s', (name) => {
  it('every code printed is in its year’s catalog with the printed name', () => {
    const report = reports.get(name)!;
    expect(report.tables.length).toBeGreaterThan(0);
    expect(codeFindings(report)).toEqual([]);
  });
});

describe('上海市普陀区社会福利院2024年单位预算', () => {
  it('its 功能分类 codes resolve; its self-numbered 302 款 are flagged, 30210 as not existing, citing the documents', () => {
    const findings = codeFindings(reports.get('pt-shflyuan-2024-unit-budget.pdf')!);
    // only 部门经济分类 codes are at fault
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) expect(String(f.actual ?? f.message)).toMatch(/30[23]\d\d|费|补贴|支出|经费/);
    expect(findings.some((f) => /^2\d{2}/.test(String(f.actual ?? '')))).toBe(false);
    const unknown = findings.find((f) => f.rule === 'code.unknown');
    expect(unknown).toMatchObject({ severity: 'error', actual: '30210' });
    expect(unknown!.message).toContain('类 302 的下级科目清单已核实齐全，依据：上海市普陀区规划和自然资源局2024年度部门决算');
    // 30202 printed as 咨询费 (the catalog's 印刷费, evidenced): a name warning
    expect(findings).toContainEqual(expect.objectContaining({ rule: 'code.name', severity: 'warning', message: expect.stringContaining('30202') }));
  });
});
