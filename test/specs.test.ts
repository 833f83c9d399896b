import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadSpecs, templatesDir } from '../src/adapters/node/templates';
import { UserError } from '../src/core/errors';
import { selectSpecs } from '../src/core/spec/parse';
import { tmpDir } from './helpers/tmp';

describe('table specs', () => {
  const specs = loadSpecs();

  it('every spec in templates/ parses, and there are nine of each kind plus the extras', () => {
    expect(selectSpecs(specs, 'budget').map((s) => s.number)).toEqual(['01', '02', '03', '04', '05', '06', '07', '08', '09']);
    expect(selectSpecs(specs, 'final').map((s) => s.number)).toEqual(['01', '02', '03', '04', '05', '06', '07', '08', '09']);
    expect(specs.filter((s) => s.extra).map((s) => s.id).sort()).toEqual(['budget.02-codes', 'budget.02-sources', 'budget.x-fiscal', 'budget.x-fiscal-codes', 'budget.x-opex', 'budget.x-sangong-meeting']);
  });

  it('ids are unique and match their file names', () => {
    const files = fs.readdirSync(path.join(templatesDir(), 'tables')).sort();
    expect(files.map((f) => f.replace('.json', '').replace('-', '.'))).toEqual(specs.map((s) => s.id));
  });

  it('a broken spec is rejected with the file name and the path of the bad field', () => {
    const dir = tmpDir('spec');
    const good = JSON.parse(fs.readFileSync(path.join(templatesDir(), 'tables', 'budget-05.json'), 'utf8'));
    good.blocks[0].columns[5].role = 'amout';
    good.blocks[0].columns[5].sum = ['basic', 'nosuch'];
    const file = path.join(dir, 'budget-05.json');
    fs.writeFileSync(file, JSON.stringify(good));
    let error: unknown;
    try {
      loadSpecs(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    const message = (error as Error).message;
    expect(message).toContain(file);
    expect(message).toContain('blocks.0.columns.5.role');
  });

  it('a sum naming a column that does not exist is rejected at its path', () => {
    const dir = tmpDir('spec');
    const good = JSON.parse(fs.readFileSync(path.join(templatesDir(), 'tables', 'final-03.json'), 'utf8'));
    good.blocks[0].columns[2].sum.push('nosuch');
    fs.writeFileSync(path.join(dir, 'final-03.json'), JSON.stringify(good));
    expect(() => loadSpecs(dir)).toThrow(/blocks\.0\.columns\.2\.sum：sum 引用了不存在的栏目 nosuch/);
  });

  it('selects tables by number and names the ones there are when asked for a missing one', () => {
    expect(selectSpecs(specs, 'budget', ['5', '01']).map((s) => s.id)).toEqual(['budget.05', 'budget.01']);
    expect(selectSpecs(specs, 'budget', ['x-opex']).map((s) => s.id)).toEqual(['budget.x-opex']);
    expect(() => selectSpecs(specs, 'final', ['10'])).toThrow(/没有决算表「10」。可用的表号：01、02/);
  });
});
