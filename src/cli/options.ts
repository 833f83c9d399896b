// Checks of option values, run by the argument parser before a command does any work: a bad
// value is refused with a Chinese message (exit 2) instead of being half-understood.
import * as path from 'node:path';
import { UserError } from '../core/errors';
import { MAX_BATCH_FILE_TIMEOUT_S } from '../core/limits';

export const YEAR_MIN = 2000;
export const YEAR_MAX = 2100;
export const WORKERS_MAX = 256;

/** A four-digit year in the range the catalogs and tables can mean. */
export function parseYear(text: string | undefined, option = '--year'): number {
  const value = (text ?? '').trim();
  const year = Number(value);
  if (!/^\d{4}$/.test(value) || year < YEAR_MIN || year > YEAR_MAX) {
    throw new UserError(`${option} 应为 ${YEAR_MIN}–${YEAR_MAX} 之间的四位年份，例如 2025（收到「${text ?? ''}」）。`);
  }
  return year;
}

/** A commander option parser that checks a year and keeps the text. */
export function yearOption(text: string): string {
  parseYear(text);
  return text.trim();
}

export function parseWorkers(text: string): number {
  const value = text.trim();
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > WORKERS_MAX) {
    throw new UserError(`--workers 应为 1–${WORKERS_MAX} 之间的整数（收到「${text}」）。`);
  }
  return n;
}

export function workersOption(text: string): string {
  parseWorkers(text);
  return text.trim();
}

/** The time limit of one file of a batch, in seconds: a positive number (decimals allowed), at most a day. */
export function parseTimeout(text: string): number {
  const value = text.trim();
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || !(n > 0) || n > MAX_BATCH_FILE_TIMEOUT_S) {
    throw new UserError(`--timeout 应为大于 0、不超过 ${MAX_BATCH_FILE_TIMEOUT_S} 的秒数，例如 60 或 0.5（收到「${text}」）。`);
  }
  return n;
}

export function timeoutOption(text: string): string {
  parseTimeout(text);
  return text.trim();
}

/** Refuses a file name whose extension is not one of `extensions` (".xlsx"…). */
export function requireExtension(file: string, extensions: string[], option: string): void {
  const ext = path.extname(file).toLowerCase();
  if (!extensions.includes(ext)) {
    throw new UserError(`${option} 的文件应以 ${extensions.join('、')} 结尾（收到「${file}」）。`);
  }
}

/** A commander option parser that checks the extension of an output file. */
export function outputOption(extensions: string[], option: string): (file: string) => string {
  return (file) => {
    requireExtension(file, extensions, option);
    return file;
  };
}
