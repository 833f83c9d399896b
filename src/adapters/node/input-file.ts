// Reading a user's input file: only a regular file (a FIFO or device named .xlsx would block the
// read forever), never one larger than its cap (checked before a byte is read), never Excel's
// owner-lock file, and every file-system failure worded in Chinese with the file's name.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../../core/errors';

/** Largest workbook (.xlsx, .csv export) read. */
export const MAX_WORKBOOK_BYTES = 200 * 1024 * 1024;
/** Largest narrative (.docx, .txt), catalog (.json) or ledger file read. */
export const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;

const MB = 1024 * 1024;

/** Excel and WPS keep "~$name.xlsx" beside a workbook that is open: a lock file, not a workbook. */
export function isLockFile(file: string): boolean {
  return path.basename(file).startsWith('~$');
}

export function lockFileMessage(file: string): string {
  return `${file} 是 Excel 或 WPS 打开工作簿时生成的临时锁定文件（以 ~$ 开头），不是工作簿。请给出原工作簿（去掉 ~$ 的那个文件）。`;
}

/** Chinese for a file-system failure (EACCES, EISDIR, ELOOP…) on `file`; null for any other error. */
export function describeFsError(e: unknown, fallbackFile?: string): string | null {
  const err = e as NodeJS.ErrnoException & { dest?: string };
  if (!err || typeof err.code !== 'string') return null;
  const file = err.path ?? err.dest ?? fallbackFile ?? '';
  const name = file ? `${file}：` : '';
  switch (err.code) {
    case 'ENOENT':
      return `找不到 ${file || '文件'}。`;
    case 'EACCES':
    case 'EPERM':
      return `${name}没有权限读取或写入这个文件（或目录）。`;
    case 'EISDIR':
      return `${name}这是一个目录，不是文件。`;
    case 'EEXIST':
      return `${name}已存在同名的文件。`;
    case 'ENOTDIR':
      return `${name}路径中有一部分是文件而不是目录。`;
    case 'ELOOP':
      return `${name}符号链接形成了循环，无法打开。`;
    case 'ENAMETOOLONG':
      return `${name}文件名或路径太长。`;
    case 'EMFILE':
    case 'ENFILE':
      return `${name}同时打开的文件太多，请稍后再试。`;
    case 'ENOSPC':
      return `${name}磁盘空间不足。`;
    case 'EROFS':
      return `${name}所在位置是只读的，无法写入。`;
    case 'EFBIG':
    case 'ERR_FS_FILE_TOO_LARGE':
      return `${name}文件太大，无法读取。`;
    case 'EBUSY':
      return `${name}文件正被其他程序占用，请关闭后再试。`;
    case 'EIO':
      return `${name}读写磁盘时出错。`;
    default:
      return null;
  }
}

export interface InputOptions {
  /** The cap in bytes. */
  maxBytes: number;
  /** What the file is, in the messages ("工作簿", "情况说明"…). */
  what?: string;
  /** Refuse Excel's "~$…" lock files (for workbooks). */
  refuseLockFile?: boolean;
}

/** Checks that `file` is a regular file within the cap, without reading it. */
export function checkInputFile(file: string, { maxBytes, what = '文件', refuseLockFile = false }: InputOptions): fs.Stats {
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(file, { throwIfNoEntry: false });
  } catch (e) {
    throw new UserError(describeFsError(e, file) ?? `无法打开${what} ${file}：${(e as Error).message}`);
  }
  if (!stat) throw new UserError(`找不到${what === '文件' || what === '工作簿' ? '' : what}文件 ${file}`);
  if (stat.isDirectory()) throw new UserError(`${file} 是目录，不是${what}文件`);
  if (!stat.isFile()) throw new UserError(`${file} 不是普通文件（可能是管道或设备），无法作为${what}读取。`);
  if (refuseLockFile && isLockFile(file)) throw new UserError(lockFileMessage(file));
  if (stat.size > maxBytes) {
    throw new UserError(`${file} 有 ${Math.ceil(stat.size / MB)} MB，超过${what}的上限 ${maxBytes / MB} MB，已拒绝读取。`);
  }
  return stat;
}

/** The bytes of a checked input file. */
export function readInputFile(file: string, options: InputOptions): Buffer {
  checkInputFile(file, options);
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw new UserError(describeFsError(e, file) ?? `无法读取 ${file}：${(e as Error).message}`);
  }
}
