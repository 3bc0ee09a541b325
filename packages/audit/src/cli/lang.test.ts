import { copyFileSync, writeFileSync } from 'node:fs';
import type { RecordedEvent } from '@licheng/eventstore';
import { BAD_USAGE, cliFixture, licheng } from '../testing/cli';

/** Issue 19: under `--lang zh-TW` every line licheng prints is in Traditional Chinese, errors included. */
const { fixture, writeYear } = cliFixture('licheng-lang-');
const { at } = fixture;

/** Words of our English messages; none may be left in a zh-TW line (codes, paths and ids aside). */
const ENGLISH =
  /\b(needs?|takes|unknown|cannot|does not|not a|no command|unexpected|one of|wrote|imported|events? of|the file|holds|findings by|audit of|nothing|argument|ambiguous|no such|directory|permission)\b/;
const CJK = /[\u3400-\u9fff]/;
const inChinese = (line: string | undefined) => {
  expect(line).toMatch(CJK);
  expect(line).not.toMatch(ENGLISH);
};

beforeAll(writeYear);

describe('licheng --lang zh-TW', () => {
  it.each(BAD_USAGE)('writes a usage error in Chinese: %j', async (argv) => {
    const { code, err, out } = await licheng(...argv, '--lang', 'zh-TW');
    expect([code, err.length, out]).toEqual([2, 1, '']);
    expect(err[0]).toMatch(/^licheng: .*（用法見 licheng --help）$/);
    inChinese(err[0]);
  });

  it('writes file errors in Chinese: unreadable, unwritable, not JSON, a key that is not one', async () => {
    const missing = await licheng('audit', 'verify', '--events', at('missing.ndjson'), '--lang', 'zh-TW');
    expect(missing).toMatchObject({
      code: 3,
      err: [expect.stringMatching(/missing\.ndjson: FILE_UNREADABLE 無法讀取檔案/)],
    });
    const unwritable = await licheng(
      'report',
      'outcome-status',
      '--events',
      fixture.year,
      '--period',
      '1111',
      '--out',
      at('no-dir/x.csv'),
      '--lang',
      'zh-TW',
    );
    expect(unwritable).toMatchObject({ code: 3, err: [expect.stringMatching(/x\.csv: FILE_UNWRITABLE 無法寫入檔案/)] });
    writeFileSync(at('broken.ndjson'), [fixture.lines[0], '{"oops'].join('\n'));
    const broken = await licheng('timeline', '--events', at('broken.ndjson'), '--student', 'x', '--lang', 'zh-TW');
    expect(broken).toMatchObject({
      code: 2,
      err: [expect.stringMatching(/broken\.ndjson:2: LOG_LINE_NOT_JSON 這一行不是 JSON/)],
    });
    writeFileSync(at('key.pem'), 'not a key');
    const key = await licheng(
      'audit',
      'verify',
      '--events',
      fixture.year,
      '--public-key',
      at('key.pem'),
      '--lang',
      'zh-TW',
    );
    expect(key.code).toBe(2);
    for (const line of [missing.err[0], unwritable.err[0], key.err[0]]) inChinese(line);
  });

  it('writes the audit summary and a report written to a file in Chinese', async () => {
    const verified = await licheng('audit', 'verify', '--events', fixture.year, '--lang', 'zh-TW');
    expect(verified.code).toBe(0);
    for (const line of verified.out.split('\n').filter((l) => !l.startsWith('  '))) inChinese(line);
    const written = await licheng(
      'report',
      'outcome-status',
      '--events',
      fixture.year,
      '--period',
      '1111',
      '--out',
      at('r.csv'),
      '--lang',
      'zh-TW',
    );
    expect(written.code).toBe(0);
    inChinese(written.out);
  });

  it('writes transfer messages and refusals in Chinese', async () => {
    const records = fixture.lines.map((line) => JSON.parse(line) as RecordedEvent);
    const [, schoolId, studentId] = /^portfolio-([^-]+)-(.+)$/.exec(
      records.find((r) => r.streamName.startsWith('portfolio-'))!.streamName,
    )!;
    const exported = await licheng(
      'transfer',
      'export',
      '--events',
      fixture.year,
      '--school',
      schoolId!,
      '--student',
      studentId!,
      '--out',
      at('b.json'),
      '--now',
      '2023-07-31T10:00',
      '--lang',
      'zh-TW',
    );
    expect(exported.code).toBe(0);
    inChinese(exported.out.split('\n')[0]);
    const token = /token ([0-9a-f]{64})/.exec(exported.out)![1]!;
    copyFileSync(at('b.json'), at('renamed.json'));
    const renamed = await licheng(
      'transfer',
      'import',
      '--events',
      fixture.year,
      '--bundle',
      at('renamed.json'),
      '--token',
      token,
      '--school',
      'sch2',
      '--out',
      at('o.ndjson'),
      '--lang',
      'zh-TW',
    );
    expect(renamed).toMatchObject({
      code: 1,
      err: [expect.stringMatching(/renamed\.json: TRANSFER_FILE_RENAMED R-XFER-1 /)],
    });
    const absent = await licheng(
      'transfer',
      'import',
      '--events',
      fixture.year,
      '--bundle',
      at('none.json'),
      '--token',
      token,
      '--school',
      'sch2',
      '--out',
      at('o.ndjson'),
      '--lang',
      'zh-TW',
    );
    expect(absent).toMatchObject({ code: 3, err: [expect.stringMatching(/none\.json: FILE_UNREADABLE 無法讀取檔案/)] });
    for (const line of [renamed.err[0], absent.err[0]]) inChinese(line);
  });

  it('keeps English under --lang en, and as before without --lang', async () => {
    expect((await licheng('frobnicate', '--lang', 'en')).err).toEqual([
      'licheng: unknown command "frobnicate" (licheng --help for usage)',
    ]);
    expect((await licheng('frobnicate')).err).toEqual([
      'licheng: unknown command "frobnicate" (licheng --help for usage)',
    ]);
  });
});
