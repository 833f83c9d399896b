// LibreOffice as a second spreadsheet application. It keeps cached formula results on load
// unless told otherwise, so every conversion runs with a private profile that forces
// recalculation of .xlsx files (OOXMLRecalcMode = always).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tmpDir } from '../helpers/tmp';

const XCU = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

let profile: string | null = null;

function profileDir(): string {
  if (!profile) {
    profile = tmpDir('lo');
    fs.mkdirSync(path.join(profile, 'user'), { recursive: true });
    fs.writeFileSync(path.join(profile, 'user', 'registrymodifications.xcu'), XCU);
  }
  return profile;
}

export function sofficePath(): string {
  for (const candidate of ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/local/bin/soffice']) {
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error('LibreOffice (soffice) is not installed: run .ci/run or apt-get install libreoffice-calc-nogui');
}

/** Converts files with LibreOffice (recalculating on load) and returns the output paths. */
export function convert(files: string[], format: 'xlsx' | 'pdf' | 'txt', outDir = tmpDir('lo-out')): string[] {
  execFileSync(sofficePath(), [`-env:UserInstallation=file://${profileDir()}`, '--headless', '--norestore', '--convert-to', format, '--outdir', outDir, ...files], {
    stdio: 'pipe',
    timeout: 170_000,
  });
  return files.map((f) => {
    const out = path.join(outDir, `${path.basename(f, path.extname(f))}.${format}`);
    // a file LibreOffice cannot open makes soffice exit 0 and write nothing
    if (!fs.existsSync(out)) throw new Error(`LibreOffice wrote no ${format} for ${f}`);
    return out;
  });
}
