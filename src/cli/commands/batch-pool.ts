// The worker threads of a batch: one file at a time per worker, each under a time limit. A file
// that runs past the limit has its worker terminated and replaced; a file that kills its worker
// (out of memory…) is reported and the worker replaced; the other files go on either way.
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { BatchArgs, BatchJob, FileSummary } from './batch-one';

/** What a batch worker sends: that it is ready (templates loaded), or a file's summary. */
export type WorkerMessage = { type: 'ready' } | { type: 'summary'; summary: FileSummary };

export interface PoolOptions {
  script: string;
  size: number;
  workerData: BatchArgs;
  resourceLimits: ResourceLimits;
  /** Time limit of one file, counted from when its worker takes it. */
  timeoutMs: number;
  /** The next job's index, or null when none is left. */
  take: () => number | null;
  /** A file's result. */
  done: (index: number, summary: FileSummary) => void;
  /** A file that could not be checked: its summary. */
  failed: (index: number, message: string) => FileSummary;
  /** Checks the rest in this thread (a worker that cannot even start). */
  inThread: () => Promise<void>;
}

/** "60", "0.5": the limit in seconds as the user gave it. */
export function secondsText(ms: number): string {
  return String(Math.round(ms) / 1000);
}

export function timeoutMessage(ms: number): string {
  return `检查超时（超过 ${secondsText(ms)} 秒），已跳过（文件可能过大或结构异常）。可用 --timeout 放宽时限。`;
}

/** The workers running now, so an interrupted batch can end them before the process exits. */
const live = new Set<Worker>();
let stopping = false;

/** Ends a worker whose results are no longer wanted, ignoring whatever it still reports. */
function discard(worker: Worker): Promise<unknown> {
  live.delete(worker);
  worker.removeAllListeners();
  worker.on('error', () => undefined);
  return worker.terminate();
}

/**
 * On Ctrl+C: no new worker is started and every running one is ended (exiting the process while a
 * worker is inside native code is not safe); resolves when they have stopped.
 */
export async function endWorkers(): Promise<void> {
  stopping = true;
  await Promise.all([...live].map(discard));
}

/** One slot of the pool: runs jobs until none is left, replacing its worker when it must. */
function slot(o: PoolOptions, jobs: BatchJob[]): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let worker: Worker;
    let current = -1;
    let timer: NodeJS.Timeout | undefined;
    let over = false;
    const finish = () => {
      over = true;
      void discard(worker);
      resolve();
    };
    const feed = () => {
      const i = o.take();
      if (i === null) return finish();
      current = i;
      worker.postMessage(jobs[i]);
      timer = setTimeout(timedOut, o.timeoutMs);
    };
    // a file that takes too long: its worker is ended (it may be stuck in one loop) and a new one takes the next file
    const timedOut = () => {
      if (over || current < 0) return;
      const i = current;
      current = -1;
      void discard(worker);
      o.done(i, o.failed(i, timeoutMessage(o.timeoutMs)));
      start();
    };
    const lost = (from: Worker, why: string) => {
      if (over || from !== worker) return;
      clearTimeout(timer);
      void discard(worker);
      if (current >= 0) {
        const i = current;
        current = -1;
        o.done(i, o.failed(i, `处理时出错：${why}`));
        start();
      } else {
        // the worker died before taking a file: the rest are checked in this thread
        over = true;
        o.inThread().then(resolve, reject);
      }
    };
    const start = () => {
      if (stopping) return;
      const w = new Worker(o.script, { workerData: o.workerData, resourceLimits: o.resourceLimits });
      live.add(w);
      worker = w;
      w.on('message', (m: WorkerMessage) => {
        if (over || w !== worker) return;
        if (m.type === 'ready') return feed();
        clearTimeout(timer);
        const i = current;
        current = -1;
        o.done(i, m.summary);
        feed();
      });
      w.on('error', (e) => lost(w, e.message));
      w.on('exit', (code) => lost(w, `工作线程意外退出（${code}）`));
    };
    start();
  });
}

/** Runs the jobs on `size` workers; resolves when every job has its result. */
export async function runPool(jobs: BatchJob[], o: PoolOptions): Promise<void> {
  await Promise.all(Array.from({ length: o.size }, () => slot(o, jobs)));
}
