// Test helpers: build plans from the shipped templates and read written workbooks back.
import ExcelJS from 'exceljs';
import { loadCatalog, loadSpecs } from '../../src/adapters/node/templates';
import type { TableData } from '../../src/core/plan/build';
import { buildWorkbook } from '../../src/core/plan/workbook';
import type { WorkbookPlan } from '../../src/core/plan/types';
import type { TableSpec } from '../../src/core/spec/schema';

export const specs = loadSpecs();
export const classes2025 = loadCatalog('function', 2025).classes();

export function planFor(spec: TableSpec, data?: TableData, options?: Record<string, boolean>): WorkbookPlan {
  return buildWorkbook({ specs: [spec], department: '示例单位', year: 2025, classes: classes2025, data: data ? { [spec.id]: data } : undefined, options });
}

/** Cell values of a sheet as a 2-D array of numbers, strings and '=formula' texts (HyperFormula input). */
export function sheetToArray(ws: ExcelJS.Worksheet): (string | number | null)[][] {
  const out: (string | number | null)[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    const line: (string | number | null)[] = [];
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      const v = cell.value;
      if (v && typeof v === 'object' && 'formula' in v) line[c - 1] = `=${v.formula}`;
      else if (typeof v === 'number' || typeof v === 'string') line[c - 1] = v;
      else line[c - 1] = null;
    });
    out[r - 1] = Array.from(line, (x) => x ?? null);
  });
  return Array.from(out, (x) => x ?? []);
}

export async function readWorkbook(buffer: Buffer | ArrayBuffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as ArrayBuffer);
  return wb;
}

/** A deterministic pseudo-random generator (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
