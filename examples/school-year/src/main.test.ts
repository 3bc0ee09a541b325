import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseOptions } from './cli';
import { main } from './main';

describe('the main job with --out', () => {
  let dir: string;
  let printed: string[];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'licheng-main-'));
    printed = [];
    jest.spyOn(console, 'log').mockImplementation((line: unknown) => void printed.push(String(line)));
    jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the whole log in order, every report as CSV and .xlsx, one workbook of them all, the pages and the public key', async () => {
    const out = join(dir, 'out');
    await expect(main(parseOptions(['--students', '30', '--out', out]))).resolves.toBe(0);

    const lines = readFileSync(join(out, 'events.ndjson'), 'utf8').trimEnd().split('\n');
    const positions = lines.map((line) => (JSON.parse(line) as { position: number }).position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    const stored = printed.find((line) => / events stored in /.test(line));
    expect(stored).toContain(`${lines.length} events stored`);

    const files = readdirSync(out);
    const csv = files.filter((name) => name.endsWith('.csv'));
    const xlsx = files.filter((name) => name.endsWith('.xlsx') && name !== 'all-reports.xlsx');
    const html = files.filter((name) => name.endsWith('.html'));
    expect(xlsx.map((name) => name.replace(/\.xlsx$/, ''))).toEqual(csv.map((name) => name.replace(/\.csv$/, '')));
    expect(files).toEqual(expect.arrayContaining(['all-reports.xlsx', 'seal.pub', 'class-confirmation-c301-1112.csv']));
    expect(readFileSync(join(out, 'seal.pub'), 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(printed[printed.length - 1]).toBe(
      `\nwrote ${csv.length} reports as CSV and .xlsx, all-reports.xlsx, ${html.length} HTML pages, ` +
        `events.ndjson (${lines.length} events), seal.pub to ${out}`,
    );
  });
});
