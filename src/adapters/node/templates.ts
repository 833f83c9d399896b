// Loads the table specs and catalogs shipped in templates/ (or a directory given by the user).
import type { Resources } from '../../core/commands/resources';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Catalog, parseCatalogFile, resolveCatalog } from '../../core/catalog/catalog';
import type { CatalogFile, Classification } from '../../core/catalog/schema';
import { catalogsByYear, catalogSet, knownYears, type UserCatalogFile } from '../../core/catalog/catalog-set';
import { describeIssues } from '../../core/spec/schema';
import { UserError } from '../../core/errors';
import { parseSpec } from '../../core/spec/parse';
import type { TableSpec } from '../../core/spec/schema';
import { ZodError } from 'zod';
import { CrossRules } from '../../core/check/cross';
import { LexiconFile } from '../../core/narrative/lexicon';
import { readInputFile } from './input-file';
import { MAX_CATALOG_ENTRIES, MAX_JSON_BYTES, MAX_LISTED_ISSUES } from '../../core/limits';
import { capIssues, checkJsonBounds } from '../../core/json-bounds';

let foundTemplates: string | undefined;

/** The project's templates/ folder, found from this file whether run from src or dist (once). */
export function templatesDir(): string {
  if (foundTemplates) return foundTemplates;
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'templates', 'tables');
    if (fs.existsSync(candidate)) return (foundTemplates = path.join(dir, 'templates'));
  }
  throw new Error('找不到 templates 目录');
}

function readJson(file: string): unknown {
  return parseJson(file, fs.readFileSync(file, 'utf8'));
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UserError(`${file} 不是有效的 JSON：${(e as Error).message}`);
  }
}

/** What was read from a folder, once per process: a batch checks hundreds of files with the same templates. */
const loaded = new Map<string, unknown>();
function once<T>(key: string, load: () => T): T {
  if (!loaded.has(key)) loaded.set(key, load());
  return loaded.get(key) as T;
}

export function loadSpecs(dir = path.join(templatesDir(), 'tables')): TableSpec[] {
  return once(`specs:${dir}`, () => readSpecs(dir));
}

function readSpecs(dir: string): TableSpec[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => parseSpec(readJson(path.join(dir, f)), path.join(dir, f)));
}

export function loadCatalogFiles(dir = path.join(templatesDir(), 'catalogs')): CatalogFile[] {
  return once(`catalogs:${dir}`, () => readCatalogFiles(dir));
}

function readCatalogFiles(dir: string): CatalogFile[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => readCatalogFile(path.join(dir, f)));
}

function catalogYears(files: CatalogFile[], classification: Classification): number[] {
  return files.filter((f) => f.classification === classification).map((f) => f.year).sort();
}

/** The built-in catalog of a year, or a clear error naming the years there are. */
export function loadCatalog(classification: Classification, year: number, files = loadCatalogFiles()): Catalog {
  const catalog = resolveBuiltIn(files, classification, year);
  if (!catalog) {
    throw new UserError(`没有${year}年的政府收支分类科目表。已有年份：${catalogYears(files, classification).join('、')}`);
  }
  return catalog;
}

/** Resolving a year of the built-in files (changes applied over the base year) once per process. */
function resolveBuiltIn(files: CatalogFile[], classification: Classification, year: number): Catalog | null {
  return files === loadCatalogFiles() ? once(`catalog:${classification}:${year}`, () => resolveCatalog(files, classification, year)) : resolveCatalog(files, classification, year);
}

/** The function and economic catalogs of a year; a user's imported catalog replaces its classification. */
export function loadCatalogSet(year: number, userCatalog?: string): Partial<Record<Classification, Catalog>> {
  const files = loadCatalogFiles();
  const user = readUserCatalog(userCatalog);
  if (user && user.catalog.year !== year) throw new UserError(`科目表 ${userCatalog} 是 ${user.catalog.year} 年的，与 ${year} 年不符。`);
  // a year without a built-in catalog needs the user's own
  if (!user) loadCatalog('function', year, files);
  return catalogSet(files, year, user, (c, y) => resolveBuiltIn(files, c, y));
}

function readUserCatalog(file?: string): UserCatalogFile | null {
  return file ? { file, catalog: readCatalogFile(file) } : null;
}

export function readCatalogFile(file: string): CatalogFile {
  const text = readInputFile(file, { maxBytes: MAX_JSON_BYTES, what: '科目表' }).toString('utf8');
  const json = parseJson(file, text);
  checkJsonBounds(json, file, '科目表', [['entries', MAX_CATALOG_ENTRIES]]);
  try {
    return parseCatalogFile(json);
  } catch (e) {
    if (e instanceof ZodError) throw new UserError(`科目表 ${file} 有误：\n` + capIssues(describeIssues(e), MAX_LISTED_ISSUES).map((l) => `  ${l}`).join('\n'));
    throw e;
  }
}

export function loadCrossRules(dir = path.join(templatesDir(), 'rules')): CrossRules[] {
  return once(`rules:${dir}`, () => readCrossRules(dir));
}

function readCrossRules(dir: string): CrossRules[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const file = path.join(dir, f);
      const result = CrossRules.safeParse(readJson(file));
      if (!result.success) throw new UserError(`核对规则 ${file} 有误：\n` + describeIssues(result.error).map((l) => `  ${l}`).join('\n'));
      return result.data;
    });
}

/** Catalogs by year for the checker: the year's set (2024's when unknown or missing; the user's catalog for its year). */
export function catalogsForCheck(userCatalog?: string): (year: number | null) => Partial<Record<Classification, Catalog>> {
  return catalogsFor(readUserCatalog(userCatalog));
}

function catalogsFor(user: UserCatalogFile | null): (year: number | null) => Partial<Record<Classification, Catalog>> {
  const files = loadCatalogFiles();
  return catalogsByYear(files, user, (c, y) => resolveBuiltIn(files, c, y));
}

/** Everything the commands need, from templates/ (and the user's catalog file, if given). */
export function nodeResources(userCatalog?: string): Resources {
  const user = readUserCatalog(userCatalog);
  return { specs: loadSpecs(), crossRules: loadCrossRules(), catalogs: catalogsFor(user), catalogYears: knownYears(loadCatalogFiles(), user), lexicon: loadLexicon() };
}


/** The narrative's metric lexicon (templates/narrative/metrics.json), validated. */
export function loadLexicon(file = path.join(templatesDir(), 'narrative', 'metrics.json')): LexiconFile {
  return once(`lexicon:${file}`, () => {
    try {
      return LexiconFile.parse(readJson(file));
    } catch (e) {
      if (e instanceof ZodError) throw new UserError(`${file} 有误：${describeIssues(e).join('；')}`);
      throw e;
    }
  });
}
