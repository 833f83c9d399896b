// Telling what a file really is before handing it to the .xlsx reader, so that an .xls, .et,
// .csv or encrypted workbook gets a clear message instead of a zip error.
import { UserError } from '../../core/errors';

const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

export function sniffFormat(file: string, bytes: Buffer): void {
  if (bytes.length === 0) throw new UserError(`${file} 是空文件。`);
  if (bytes.subarray(0, 8).equals(OLE)) {
    const text = bytes.subarray(0, Math.min(bytes.length, 1 << 20)).toString('latin1');
    if (text.includes('E\u0000n\u0000c\u0000r\u0000y\u0000p\u0000t\u0000e\u0000d\u0000P\u0000a\u0000c\u0000k\u0000a\u0000g\u0000e')) {
      throw new UserError(`${file} 设有打开密码（加密的工作簿）。请在 Excel 或 WPS 中取消密码后另存为 .xlsx 再试。`);
    }
    throw new UserError(`${file} 是旧版 Excel（.xls）或 WPS（.et）格式，不是 .xlsx。请在 Excel 或 WPS 中“另存为”Excel 工作簿（*.xlsx）后再试。`);
  }
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new UserError(`${file} 不是 .xlsx 文件（.xlsx 是 zip 压缩包）。若是 CSV 或文本，请用 Excel 或 WPS 打开后另存为 .xlsx。`);
  }
}
