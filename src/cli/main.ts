// The gongkai command line. Each command is a thin wrapper over a module in ./commands.
import { Command, CommanderError, Help } from 'commander';
import { UserError } from '../core/errors';
import { runCatalogImport } from './commands/catalog';
import * as fs from 'node:fs';
import { runBatch } from './commands/batch';
import { endWorkers } from './commands/batch-pool';
import { runCheck } from './commands/check';
import { runCompare } from './commands/compare';
import { runClear } from './commands/clear';
import { runCodes } from './commands/codes';
import { runFill } from './commands/fill';
import { runNarrate } from './commands/narrate';
import { runRecalc } from './commands/recalc';
import { runTemplate } from './commands/template';
import { outputOption, timeoutOption, workersOption, yearOption } from './options';
import { BATCH_FILE_TIMEOUT_S } from '../core/limits';
import { terminalJson, terminalText } from './escape';
import { describeFsError } from '../adapters/node/input-file';
import { removePendingTemps } from '../adapters/node/output';

const HELP_LABELS: [RegExp, string][] = [
  [/^Usage:/m, '用法：'],
  [/^Options:/m, '选项：'],
  [/^Commands:/m, '命令：'],
  [/^Arguments:/m, '参数：'],
  [/\[options\]/g, '[选项]'],
  [/\[command\]/g, '[命令]'],
];

function chineseHelp(cmd: Command, helper: Help): string {
  let text = Help.prototype.formatHelp.call(helper, cmd, helper);
  for (const [pattern, label] of HELP_LABELS) text = text.replace(pattern, label);
  return text;
}

function commanderMessage(e: CommanderError): string {
  const detail = e.message.replace(/^error: /, '');
  const quoted = /'([^']+)'/.exec(detail)?.[1] ?? '';
  switch (e.code) {
    case 'commander.unknownOption':
      return `未知的选项 ${quoted}。用 gongkai --help 查看用法。`;
    case 'commander.unknownCommand':
      return `未知的命令 ${quoted}。用 gongkai --help 查看可用命令。`;
    case 'commander.missingMandatoryOptionValue':
      return `缺少必需的选项 ${quoted}。`;
    case 'commander.optionMissingArgument':
      return `选项 ${quoted} 需要一个值。`;
    case 'commander.missingArgument':
      return `缺少参数 ${quoted}。`;
    case 'commander.excessArguments':
      return `多余的参数。用 gongkai --help 查看用法。`;
    default:
      return detail;
  }
}

export function buildProgram(out: (text: string) => void, err: (text: string) => void = (t) => console.error(t)): Command {
  const program = new Command('gongkai')
    .description('预决算公开助手：部门预算、决算公开表的模板、科目填充、检查与情况说明')
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [命令]', '显示某个命令的帮助')
    .configureHelp({ formatHelp: chineseHelp })
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, writeOut: (s) => out(s.trimEnd()) });
  // reports carry cell text and file names: no escape sequence or bidi override reaches the terminal
  const say = (text: string, json?: boolean) => out(json ? terminalJson(text) : terminalText(text));

  program
    .command('template')
    .description('生成公开表模板：每张表一个工作表，合计均为公式')
    .helpOption('-h, --help', '显示帮助')
    .requiredOption('--kind <kind>', '预算 budget 或决算 final')
    .option('--year <year>', '年度，如 2025（用 --data 时可省略）', yearOption)
    .option('--unit <name>', '单位名称（用 --data 时可省略）')
    .option('--tables <list>', '只生成这些表，如 01,05（默认全部标准表；补充表 x-fiscal、x-opex 需点名）')
    .option('--options <list>', '表式选项，如 splitCodes（科目编码分三栏）、splitBasic（基本支出分人员/公用经费）、no-priorYear（三公表不列上年）')
    .option('--data <ledger.json>', '用明细数据填入金额（见 templates/sample）')
    .requiredOption('-o, --output <file>', '输出的 .xlsx 文件', outputOption(['.xlsx'], '-o'))
    .option('--force', '覆盖已存在的输出文件')
    .action(async (opts) => say(await runTemplate(opts)));

  program
    .command('codes')
    .description('查科目编码：名称、级次、上级科目；不认识的编码给出相近编码')
    .helpOption('-h, --help', '显示帮助')
    .argument('[编码...]', '如 2010301、"201 03 01"、类201款03项01、[30201]办公费')
    .option('--year <year>', '科目表年度（默认今年）', yearOption)
    .option('--name <name>', '按科目名称查')
    .option('--verify', '核实：逐个说明科目表对该编码知道什么、有多可靠（依据的文号或公开文件，或未核实）')
    .option('--catalog <file>', '用导入的科目表（gongkai catalog import 生成）代替内置科目表')
    .option('--json', '输出 JSON')
    .action((codes: string[], opts) => {
      const { text, exitCode } = runCodes(codes, opts);
      say(text, opts.json);
      program.setOptionValue('exitCode', exitCode);
    });
  program
    .command('fill')
    .description('填充科目：按科目表写名称、补类/款行、上级行和合计行写成求和公式')
    .helpOption('-h, --help', '显示帮助')
    .argument('<输入.xlsx>', '要填充的工作簿（不会被改动）')
    .requiredOption('-o, --output <file>', '输出的 .xlsx 文件', outputOption(['.xlsx'], '-o'))
    .option('--sheet <name>', '只处理这个工作表')
    .option('--year <year>', '科目表年度（默认从表头识别）', yearOption)
    .option('--catalog <file>', '用导入的科目表代替内置科目表')
    .option('--json', '以 JSON 输出改动报告')
    .option('--force', '覆盖已存在的输出文件')
    .action(async (input: string, opts) => say(await runFill(input, opts), opts.json));

  program
    .command('recalc')
    .description('重算合计：由明细行重新计算上级行、合计行和行合计，报告每处不对的合计')
    .helpOption('-h, --help', '显示帮助')
    .argument('<输入.xlsx>', '要重算的工作簿（不会被改动）')
    .requiredOption('-o, --output <file>', '输出的 .xlsx 文件', outputOption(['.xlsx'], '-o'))
    .option('--formulas', '把手填的合计换成求和公式')
    .option('--sheet <name>', '只处理这个工作表')
    .option('--json', '以 JSON 输出报告')
    .option('--force', '覆盖已存在的输出文件')
    .action(async (input: string, opts) => say(await runRecalc(input, opts), opts.json));

  program
    .command('check')
    .description('检查公开表：表内、表间、科目、情况说明，逐条指出有问题的单元格；可一次检查一批文件或文件夹')
    .helpOption('-h, --help', '显示帮助')
    .argument('<文件或文件夹...>', '要检查的工作簿（不会被改动）；多个文件或文件夹时按批检查')
    .option('--json', '输出 JSON 报告（单个文件）')
    .option('--annotate <out.xlsx|out.pdf>', '另存一份标记了问题的副本：工作簿标记单元格（含“检查结果”表），PDF 在每处问题上加批注（单个文件）', outputOption(['.xlsx', '.pdf'], '--annotate'))
    .option('--narrative <file>', '同时检查这份情况说明（.docx 或 .txt）；默认检查工作簿中名称含“说明”的工作表')
    .option('--prior <file>', '上年的工作簿或上年公开的 PDF，用于核对情况说明中“比上年”的增减')
    .option('--budget <file>', '决算用：本年度的部门预算工作簿，用于核对情况说明中“完成年初预算”的比例')
    .option('--summary <file>', '批量：把汇总表写到 .csv 或 .xlsx', outputOption(['.csv', '.xlsx'], '--summary'))
    .option('--json-dir <dir>', '批量：把每个文件的 JSON 报告写到这个目录')
    .option('--workers <n>', '批量：并行的工作线程数（默认每个 CPU 核一个）', workersOption)
    .option('--timeout <秒>', `批量：每个文件的检查时限，超时的文件报告为无法检查（默认 ${BATCH_FILE_TIMEOUT_S} 秒）`, timeoutOption)
    .option('--year <year>', '年度（默认从表头识别）', yearOption)
    .option('--catalog <file>', '用导入的科目表代替内置科目表')
    .option('--force', '覆盖已存在的输出文件')
    .action(async (inputs: string[], opts) => {
      const single = inputs.length === 1 && !fs.statSync(inputs[0], { throwIfNoEntry: false })?.isDirectory() && !opts.summary && !opts.jsonDir;
      const { text, exitCode } = single
        ? await runCheck(inputs[0], opts)
        : await runBatch(inputs, opts, (line, tty) => (tty ? process.stderr.write(line) : err(line)));
      say(text, opts.json);
      program.setOptionValue('exitCode', exitCode);
    });

  program
    .command('compare')
    .description('比较公开表工作簿和公开的 PDF：逐表、逐个数字指出 PDF 与工作簿不同之处')
    .helpOption('-h, --help', '显示帮助')
    .argument('<公开表.xlsx>', '公开表工作簿（不会被改动）')
    .argument('<公开.pdf>', '公开的 PDF（不会被改动）')
    .option('--json', '输出 JSON 报告')
    .option('--year <year>', '年度（默认从表头识别）', yearOption)
    .option('--catalog <file>', '用导入的科目表代替内置科目表')
    .action(async (workbook: string, pdf: string, opts) => {
      const { text, exitCode } = await runCompare(workbook, pdf, opts);
      say(text, opts.json);
      program.setOptionValue('exitCode', exitCode);
    });

  program
    .command('narrate')
    .description('生成情况说明：由公开表（和上年工作簿）写出标准的情况说明')
    .helpOption('-h, --help', '显示帮助')
    .argument('<文件.xlsx>', '本年的公开表工作簿（不会被改动）')
    .option('-o, --output <file>', '输出：.docx、.md、.txt，或 .xlsx（工作簿副本，加一张“情况说明”表）')
    .option('--prior <file>', '上年的工作簿（用于比上年增减）')
    .option('--budget <file>', '决算用：本年度的部门预算工作簿（用于完成年初预算的比例）')
    .option('--year <year>', '年度（默认从表头识别）', yearOption)
    .option('--json', '以 JSON 输出每句话及其数据')
    .option('--force', '覆盖已存在的输出文件')
    .action(async (file: string, opts) => say(await runNarrate(file, opts), opts.json));

  program
    .command('clear')
    .description('清除检查标记：恢复被标记单元格原来的底色和批注，删除“检查结果”表')
    .helpOption('-h, --help', '显示帮助')
    .argument('<输入.xlsx>', '带标记的工作簿（不会被改动）')
    .requiredOption('-o, --output <file>', '输出的 .xlsx 文件', outputOption(['.xlsx'], '-o'))
    .option('--force', '覆盖已存在的输出文件')
    .action(async (file: string, opts) => say(await runClear(file, opts)));

  const catalog = program.command('catalog').description('科目表：导入本省预算管理一体化系统导出的科目表').helpOption('-h, --help', '显示帮助');
  catalog
    .command('import')
    .description('导入科目表（.xlsx 或 .csv；“科目编码”“科目名称”两列，或“编码##名称”单元格）')
    .helpOption('-h, --help', '显示帮助')
    .argument('<文件>', '导出的科目表文件')
    .requiredOption('--year <year>', '科目表年度', yearOption)
    .requiredOption('-o, --output <file>', '输出的科目表 .json', outputOption(['.json'], '-o'))
    .option('--force', '覆盖已存在的输出文件')
    .action(async (file: string, opts) => say(await runCatalogImport(file, opts)));
  return program;
}

/** Runs the CLI; returns the exit code (0 success, 2 bad input or usage). */
export async function main(argv: string[], out = (t: string) => console.log(t), err = (t: string) => console.error(t)): Promise<number> {
  const program = buildProgram(out, err);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return (program.getOptionValue('exitCode') as number | undefined) ?? 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.help' || e.code === 'commander.version') return 0;
      err(`错误：${commanderMessage(e)}`);
      return 2;
    }
    if (e instanceof UserError) {
      err(`错误：${terminalText(e.message)}`);
      return e.exitCode;
    }
    // an ordinary file-system condition (no permission, a folder for a file, a link loop…)
    const fsMessage = describeFsError(e);
    if (fsMessage) {
      err(`错误：${terminalText(fsMessage)}`);
      return 2;
    }
    err(`内部错误：${(e as Error).stack ?? e}`);
    return 3;
  }
}

/** Exit codes after a signal: 128 + its number. */
const SIGNAL_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

/**
 * For the command-line process only: on Ctrl+C (or kill), remove the temporary file of a write
 * in progress (the output is never left half-written) and exit.
 */
export function handleSignals(): void {
  for (const [signal, code] of Object.entries(SIGNAL_EXIT)) {
    process.once(signal, () => {
      removePendingTemps();
      process.stderr.write('\n已中断。\n');
      // a batch's workers are ended first (at most 2 s); what they were writing is removed after
      const ended = Promise.race([endWorkers(), new Promise((r) => setTimeout(r, 2000))]);
      void ended.finally(() => {
        removePendingTemps();
        process.exit(code);
      });
    });
  }
}

if (require.main === module) {
  handleSignals();
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
