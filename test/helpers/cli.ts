// Running the CLI in-process and capturing its output and exit code.
import { main } from '../../src/cli/main';

export async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, (t) => (out += t + '\n'), (t) => (err += t + '\n'));
  return { code, out, err };
}

export { tmpDir } from './tmp';
