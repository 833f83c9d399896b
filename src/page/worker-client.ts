// Runs the page's commands in its worker with a time limit: past it the worker is stopped (and a
// new one started for the next command) and the user told in Chinese; the page never freezes.
import { UserError } from '../core/errors';
import type { Job, Reply } from './protocol';

/** How long one command may take (a department's workbook takes seconds). */
export const TIME_LIMIT_SECONDS = 120;

let worker: Worker | null = null;

function stop(): void {
  worker?.terminate();
  worker = null;
}

/** The worker's reply to `job`, or a UserError when it fails or runs past `seconds`. */
export function runInWorker(job: Job, seconds = TIME_LIMIT_SECONDS): Promise<Extract<Reply, { ok: true }>> {
  const w = (worker ??= new Worker('page-worker.js'));
  const name = job.file?.name ?? '模板';
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      w.onmessage = null;
      w.onerror = null;
    };
    const timer = setTimeout(() => {
      done();
      stop();
      reject(new UserError(`处理 ${name} 超过 ${seconds} 秒仍未完成，已停止。文件可能异常（如超大的合并单元格或大量内容），请在 Excel 或 WPS 中检查后另存再试。`));
    }, seconds * 1000);
    w.onmessage = (e: MessageEvent<Reply>) => {
      done();
      if (e.data.ok) resolve(e.data);
      else reject(new UserError(e.data.message));
    };
    w.onerror = (e) => {
      done();
      stop();
      e.preventDefault();
      reject(new UserError(`处理 ${name} 时出错，已停止（${e.message || '页面的后台任务意外结束，可能是内存不足'}）。`));
    };
    w.postMessage(job);
  });
}
