import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordedEvent } from '@licheng/eventstore';
import { BAD_USAGE, cliFixture, licheng } from '../testing/cli';
import { linesOf, sevenOutcomes } from '../testing/histories';

/** The `licheng` command line, run in-process: exit codes 0, 1, 2 and one-line errors naming file and line. */
const { fixture, writeYear } = cliFixture('licheng-cli-');
const { dir, at } = fixture;

let year: string;
let lines: string[];
beforeAll(async () => {
  await writeYear();
  ({ year, lines } = fixture);
});

describe('licheng audit verify', () => {
  it('exits 0 on a clean log and prints the summary', async () => {
    const { code, out, err } = await licheng('audit', 'verify', '--events', year);
    expect(code).toBe(0);
    expect(err).toEqual([]);
    expect(out).toMatch(/^audit of .*events\.ndjson: \d+ events in \d+ streams, \d+ commands$/m);
    expect(out).toMatch(/findings by kind: changed 0, removed 0, inserted 0, reordered 0/);
    expect(out).toMatch(/\nclean$/);
  });

  it('exits 1 with findings, each naming stream, revision, file and line', async () => {
    const edited = [...lines];
    const i = edited.findIndex((l) => l.includes('"type":"CourseOutcomeUploaded"'));
    const record = JSON.parse(edited[i]!) as RecordedEvent & { data: object };
    edited[i] = JSON.stringify({ ...record, data: { ...record.data, description: '改過的內容' } });
    writeFileSync(at('edited.ndjson'), edited.join('\n') + '\n');
    const { code, out } = await licheng('audit', 'verify', '--events', at('edited.ndjson'));
    expect(code).toBe(1);
    expect(out).toContain(`changed         ${record.streamName} #${record.revision} (${at('edited.ndjson')}:${i + 1})`);
    expect(out).toMatch(/\n\d+ findings$/);
  });

  it('exits 0 on a log written before commands were recorded, or 1 with --strict', async () => {
    const fixture = join(__dirname, '..', '..', 'fixtures', 'events-v1.ndjson');
    expect((await licheng('audit', 'verify', '--events', fixture)).code).toBe(0);
    expect((await licheng('audit', 'verify', '--events', fixture, '--strict')).code).toBe(1);
  });
});

describe('licheng audit verify on an empty log', () => {
  it.each([
    ['empty', ''],
    ['blank', '\n  \n\n'],
  ])('warns with exit 4 on a %s log: nothing verified is not clean', async (_kind, text) => {
    writeFileSync(at('nothing.ndjson'), text);
    const { code, out, err } = await licheng('audit', 'verify', '--events', at('nothing.ndjson'));
    expect({ code, out }).toEqual({ code: 4, out: '' });
    expect(err).toEqual([
      expect.stringMatching(/^licheng: EMPTY_LOG .*nothing\.ndjson holds no events: nothing was verified$/),
    ]);
  });
});

describe('licheng COMMAND --help', () => {
  it.each([
    [
      ['audit', 'verify'],
      ['--events', '--store', '--data', '--strict', '--json', '--lang'],
    ],
    [
      ['report'],
      ['--events', '--school', '--class', '--period', '--student', '--at', '--position', '--format', '--out'],
    ],
    [
      ['report', 'class-confirmation'],
      ['--events', '--class', '--period', '--out'],
    ],
    [['timeline'], ['--events', '--student', '--school', '--lang', '--at', '--position']],
    [
      ['transfer', 'export'],
      ['--events', '--school', '--student', '--out', '--now'],
    ],
    [
      ['transfer', 'import'],
      ['--events', '--bundle', '--token', '--school', '--out', '--now', '--actor'],
    ],
  ])('describes every option of %j', async (words, options) => {
    const { code, out } = await licheng(...words, '--help');
    expect(code).toBe(0);
    expect(out).toMatch(new RegExp(`^licheng ${words[0]}`));
    for (const option of options) expect(out).toMatch(new RegExp(`^  ${option} `, 'm'));
  });
});

describe('licheng --version', () => {
  it.each([['--version'], ['-V']])('prints the version of @licheng/audit and exits 0: %s', async (flag) => {
    const { version } = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(await licheng(flag)).toEqual({ code: 0, out: version, err: [] });
  });
});

describe('errors', () => {
  it.each(BAD_USAGE)('exits 2 on bad usage, with one line: %j', async (argv) => {
    const { code, err, out } = await licheng(...argv);
    expect(code).toBe(2);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^licheng: \S.*$/);
    expect(out).toBe('');
  });

  it('names the file and line of a line that is not JSON, or not a stored event', async () => {
    writeFileSync(at('broken.ndjson'), [lines[0], lines[1], '{"eventId": "x", oops', lines[3]].join('\n'));
    expect(await licheng('audit', 'verify', '--events', at('broken.ndjson'))).toMatchObject({
      code: 2,
      err: [expect.stringMatching(/^.*broken\.ndjson:3: LOG_LINE_NOT_JSON the line is not JSON: /)],
    });
    writeFileSync(
      at('shape.ndjson'),
      [lines[0], JSON.stringify({ ...JSON.parse(lines[1]!), revision: -1 })].join('\n'),
    );
    expect(await licheng('timeline', '--events', at('shape.ndjson'), '--student', 'x')).toMatchObject({
      code: 2,
      err: [
        expect.stringMatching(
          /shape\.ndjson:2: LOG_LINE_INVALID the line is not a stored event \(revision: expected NonNegativeInt, got -1\)$/,
        ),
      ],
    });
  });

  it('names the file and line of a stored event its codec refuses', async () => {
    const record = JSON.parse(lines[4]!) as RecordedEvent;
    writeFileSync(
      at('invalid.ndjson'),
      [...lines.slice(0, 4), JSON.stringify({ ...record, data: { nonsense: true } }), ...lines.slice(5)].join('\n'),
    );
    const { code, err } = await licheng(
      'report',
      'outcome-status',
      '--events',
      at('invalid.ndjson'),
      '--period',
      '1111',
    );
    expect(code).toBe(2);
    expect(err).toEqual([
      expect.stringMatching(
        new RegExp(
          `invalid\\.ndjson:5: STORED_EVENT_INVALID The stored event at ${record.streamName} revision ` +
            `${record.revision} \\(${record.type}\\) is unreadable`,
        ),
      ),
    ]);
  });

  it('exits 3 with one line when a named file cannot be read, or an output cannot be written', async () => {
    const written = await licheng(
      'report',
      'outcome-status',
      '--events',
      year,
      '--period',
      '1111',
      '--out',
      join(dir, 'no-such-dir', 'x.csv'),
    );
    expect(written).toMatchObject({
      code: 3,
      err: [expect.stringMatching(/x\.csv: FILE_UNWRITABLE cannot write the file: ENOENT/)],
    });
    const { code, err } = await licheng('audit', 'verify', '--events', at('missing.ndjson'));
    expect(code).toBe(3);
    expect(err).toEqual([expect.stringMatching(/missing\.ndjson: FILE_UNREADABLE cannot read the file: ENOENT/)]);
  });
});

describe('licheng report and timeline', () => {
  it('prints a report as of an instant, as a table or CSV, and writes .xlsx', async () => {
    const table = await licheng(
      'report',
      'class-confirmation',
      '--events',
      year,
      '--class',
      'c301',
      '--period',
      '1112',
      '--at',
      '2023-04-18T10:29',
    );
    expect(table.code).toBe(0);
    expect(table.out).toMatch(
      /^as of 2023-04-18T10:29\+08:00: \d+ of \d+ events\n普通三01班 1112 收訖明細確認統計\n班級/,
    );
    const csv = await licheng('report', 'outcome-status', '--events', year, '--period', '1111', '--format', 'csv');
    expect(csv.out.startsWith('\uFEFF學年期,年級,班級,班級人數')).toBe(true);
    // R-REP-7 and R-NOTE-1 through the same command: every FID submitted, and who is due a reminder in an hour.
    const submissions = await licheng('report', 'submissions', '--events', year, '--format', 'csv');
    expect(submissions.out.split('\r\n')[0]).toBe(
      '\uFEFF資料類型,學年,學期,FID,處理狀態,提交人員,提交時間,取得結果時間,封存',
    );
    const reminders = await licheng('report', 'reminders', '--events', year, '--at', '2023-04-17T13:00');
    expect([reminders.code, reminders.out.split('\n')[1]]).toEqual([0, '2023-04-17T13:00+08:00 應通知名單']);
    const xlsx = await licheng(
      'report',
      'performance-selection',
      '--events',
      year,
      '--class',
      'c301',
      '--period',
      '111',
      '--format',
      'xlsx',
      '--out',
      at('sel.xlsx'),
    );
    expect(xlsx.code).toBe(0);
    expect(readFileSync(at('sel.xlsx')).subarray(0, 2).toString()).toBe('PK');
    // The file name says the format when --format is left out.
    expect(
      (await licheng('report', 'outcome-status', '--events', year, '--period', '1111', '--out', at('inferred.xlsx')))
        .code,
    ).toBe(0);
    expect(readFileSync(at('inferred.xlsx')).subarray(0, 2).toString()).toBe('PK');
  });

  it(
    'writes the class report and the school summary as one HTML page each, with the chart, dated by --at ' +
      '(issue 20)',
    async () => {
      const page = await licheng(
        'report',
        'class-confirmation',
        '--events',
        year,
        '--class',
        'c301',
        '--period',
        '1112',
        '--at',
        '2023-04-18T10:29',
        '--out',
        at('c301.html'),
      );
      expect(page.code).toBe(0);
      const html = readFileSync(at('c301.html'), 'utf8');
      expect(html).toMatch(/^<!DOCTYPE html>/);
      expect(html).toContain(
        '統計時間 <span class="en">as of</span> <time datetime="2023-04-18T02:29:00.000Z">112/04/18 10:29</time>',
      );
      expect(html.match(/<g class="class-row"/g)).toHaveLength(1);
      const summary = await licheng(
        'report',
        'confirmation-summary',
        '--events',
        year,
        '--period',
        '1112',
        '--format',
        'html',
      );
      expect(summary.code).toBe(0);
      expect(summary.out.match(/<g class="class-row"/g)?.length).toBeGreaterThan(1);
      expect(summary.out).toContain('<tfoot><tr><td>全校</td>');
    },
  );

  it('exits 2 for a class the school never registered, rather than print an empty report', async () => {
    const { code, err } = await licheng(
      'report',
      'class-confirmation',
      '--events',
      year,
      '--class',
      'c999',
      '--period',
      '1112',
    );
    expect({ code, err }).toEqual({
      code: 2,
      err: [expect.stringMatching(/^licheng: --class c999: the school \S+ has no such class in the log/)],
    });
  });

  it('exits 1 for a school the log does not hold', async () => {
    const { code, err } = await licheng(
      'report',
      'outcome-usage',
      '--events',
      year,
      '--school',
      'nowhere',
      '--period',
      '1111',
    );
    expect([code, err.length]).toEqual([1, 1]);
    expect(err[0]).toMatch(/SCHOOL_NOT_REGISTERED R-AUTH-3/);
  });

  it('prints a student’s timeline in English or Chinese', async () => {
    const en = await licheng('timeline', '--events', year, '--student', '1090001', '--lang', 'en');
    expect(en.code).toBe(0);
    expect(en.out).toMatch(
      /^timeline of student 1090001 \(\d+ events\)\n2022-08-01 09:00 {2}system system {2}enrolled/,
    );
    expect((await licheng('timeline', '--events', year, '--student', '1090001')).out).toMatch(
      /^學生 1090001 的學習歷程時間軸/,
    );
  });
});

describe('licheng transfer', () => {
  it('exports a bundle with its token and imports it at the receiving school; refuses it renamed', async () => {
    const { store, service } = await sevenOutcomes();
    for (const [id, type, data, role] of [
      ['t-1', 'RegisterSchool', { name: '南湖高中' }, 'admin'],
      [
        't-2',
        'EnrollStudent',
        { studentId: 's1', studentNumber: '1120001', name: '王小明', entrySchoolYear: 109 },
        'system',
      ],
    ] as const) {
      const actor = role === 'system' ? { id: role, role } : { id: role, role, schoolId: 'sch2' };
      await service.execute({
        commandId: id,
        now: '2023-08-01T08:00+08:00',
        actor,
        type,
        data: { schoolId: 'sch2', ...data },
      });
    }
    writeFileSync(at('two.ndjson'), linesOf(await store.readAll()).join('\n') + '\n');
    const exported = await licheng(
      'transfer',
      'export',
      '--events',
      at('two.ndjson'),
      '--school',
      'sch1',
      '--student',
      's1',
      '--out',
      at('s1.json'),
      '--now',
      '2023-07-31T10:00',
    );
    expect(exported.code).toBe(0);
    const token = /token ([0-9a-f]{64})/.exec(exported.out)![1]!;
    const imported = await licheng(
      'transfer',
      'import',
      '--events',
      at('two.ndjson'),
      '--bundle',
      at('s1.json'),
      '--token',
      token,
      '--school',
      'sch2',
      '--out',
      at('after.ndjson'),
    );
    expect(imported.code).toBe(0);
    expect(imported.out).toMatch(
      /^imported \d+ events into portfolio-sch2-s1: course outcomes 7, performances 0, learning plans 0, receipts 0, application picks 0/,
    );
    expect((await licheng('audit', 'verify', '--events', at('after.ndjson'))).code).toBe(0);
    writeFileSync(at('renamed.json'), readFileSync(at('s1.json')));
    const renamed = await licheng(
      'transfer',
      'import',
      '--events',
      at('two.ndjson'),
      '--bundle',
      at('renamed.json'),
      '--token',
      token,
      '--school',
      'sch2',
      '--out',
      at('x.ndjson'),
    );
    expect(renamed.code).toBe(1);
    expect(renamed.err).toEqual([
      expect.stringMatching(
        /renamed\.json: TRANSFER_FILE_RENAMED R-XFER-1 the file is named renamed\.json, not s1\.json as exported$/,
      ),
    ]);
  });
});
