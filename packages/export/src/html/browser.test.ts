import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { classConfirmationTable, confirmationProgressTable, type ConfirmationProgress } from '@licheng/projections';
import { toHtml } from './page';

// The HTML report in a real browser (issue 20): Debian's Chromium, headless, loads the file; the DOM it
// serialises after layout is checked, and a screenshot kept for a person to look at. Chromium runs as a
// child process, so the test needs no npm package. Where no Chromium is installed the test is skipped
// with a message, except under LICHENG_REQUIRE_BROWSER=1 (.ci/run), where it fails.
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((path) =>
  existsSync(path),
);
const REQUIRED = process.env['LICHENG_REQUIRE_BROWSER'] === '1';
const OUTPUT = join(__dirname, '..', '..', 'test-output');
const run = promisify(execFile);

const HOSTILE = '<img src=x onerror=alert(1)>王&小明';
const counts = (confirmed: number, deemed: number, reported: number, pending: number, notApplicable: number) => ({
  confirmed,
  deemed,
  reported,
  pending,
  notApplicable,
});
const progress: ConfirmationProgress = {
  schoolId: 'tp_jianzhong',
  schoolName: '臺北市立建國高級中學',
  term: '1112',
  classes: [
    {
      classId: 'c301',
      className: '普通三01班',
      students: 3,
      categories: [
        { category: 'courseRecords', counts: counts(1, 0, 1, 1, 0), deadline: '2023-05-05T17:00+08:00' },
        { category: 'courseOutcomes', counts: counts(2, 0, 0, 0, 1), deadline: '2023-05-05T17:00+08:00' },
        { category: 'performances', counts: counts(0, 3, 0, 0, 0), deadline: '2023-05-05T17:00+08:00' },
        { category: 'cadreRecords', counts: counts(0, 0, 0, 0, 3), deadline: null },
      ],
    },
    {
      classId: 'c201',
      className: HOSTILE,
      students: 2,
      categories: [
        { category: 'courseRecords', counts: counts(0, 0, 0, 2, 0), deadline: '2023-07-01T17:00+08:00' },
        { category: 'courseOutcomes', counts: counts(2, 0, 0, 0, 0), deadline: '2023-07-01T17:00+08:00' },
        { category: 'performances', counts: counts(1, 0, 0, 1, 0), deadline: '2023-07-01T17:00+08:00' },
        { category: 'cadreRecords', counts: counts(0, 0, 0, 0, 2), deadline: null },
      ],
    },
  ],
};
const students = classConfirmationTable({
  classId: 'c301',
  className: '普通三01班',
  term: '1112',
  totals: [],
  rows: [
    {
      className: '普通三01班',
      seatNumber: 1,
      studentNumber: '109001',
      name: '邱承恩',
      statuses: {
        courseRecords: 'confirmed',
        courseOutcomes: 'confirmed',
        performances: 'deemed',
        cadreRecords: 'notApplicable',
      },
    },
    {
      className: '普通三01班',
      seatNumber: 2,
      studentNumber: '109002',
      name: HOSTILE,
      statuses: {
        courseRecords: 'reported',
        courseOutcomes: 'confirmed',
        performances: 'deemed',
        cadreRecords: 'notApplicable',
      },
    },
    {
      className: '普通三01班',
      seatNumber: 3,
      studentNumber: '109003',
      name: '林怡君',
      statuses: {
        courseRecords: 'pending',
        courseOutcomes: 'notApplicable',
        performances: 'deemed',
        cadreRecords: 'notApplicable',
      },
    },
  ],
});

const chromium = (...args: string[]) =>
  run(
    CHROMIUM!,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--hide-scrollbars',
      '--no-first-run',
      '--window-size=1100,900',
      ...args,
    ],
    {
      maxBuffer: 16 * 1024 * 1024,
      timeout: 60_000,
    },
  );

/** Parsed again in Node from the browser's serialised DOM: the elements by class, as the browser laid them out. */
const count = (dom: string, pattern: RegExp) => [...dom.matchAll(pattern)].length;

const describeInBrowser = CHROMIUM || REQUIRED ? describe : describe.skip;
if (!CHROMIUM && !REQUIRED) {
  console.warn(
    'SKIPPED the HTML report in a real browser: no Chromium at /usr/bin/chromium (apt-get install -y chromium ' +
      'fonts-noto-cjk; .ci/run does so and sets LICHENG_REQUIRE_BROWSER=1)',
  );
}

describeInBrowser('the HTML report in headless Chromium', () => {
  let dom: string;
  const page = join(OUTPUT, 'school-summary.html');
  const screenshot = join(OUTPUT, 'school-summary.png');

  beforeAll(async () => {
    if (!CHROMIUM)
      throw new Error(
        'LICHENG_REQUIRE_BROWSER=1 but no Chromium is installed: apt-get install -y chromium fonts-noto-cjk',
      );
    await mkdir(OUTPUT, { recursive: true });
    await writeFile(
      page,
      toHtml([confirmationProgressTable(progress), students], { progress, takenAt: new Date('2023-05-02T01:00:00Z') }),
      'utf8',
    );
    dom = (await chromium('--dump-dom', `file://${page}`)).stdout;
    await chromium(`--screenshot=${screenshot}`, `file://${page}`);
  }, 120_000);

  it('draws a bar per class and category, a segment per status present, and the ratios', () => {
    expect(count(dom, /<g class="class-row"/g)).toBe(2);
    expect(count(dom, /<g class="cell"/g)).toBe(8);
    expect(count(dom, /<rect class="segment"/g)).toBe(12);
    expect(dom).toContain('<g class="cell" data-category="courseRecords" data-confirmed="1" data-applicable="3">');
    expect(count(dom, /<rect class="segment" data-status="pending"/g)).toBe(3);
    expect(count(dom, /<g class="legend-item"/g)).toBe(5);
  });

  it("shows each round's deadline under its own bars, with the days left at the time taken", () => {
    expect(dom).toContain('data-deadline="2023-05-05T17:00+08:00"');
    expect(dom).toMatch(/期限 112\/05\/05 17:00 剩 4 天/);
    expect(dom).toMatch(/期限 112\/07\/01 17:00 剩 61 天/);
  });

  it('lists the table rows with the statuses to act on marked, and the totals as the foot', () => {
    const body =
      /<table class="report"><caption>普通三01班 1112 收訖明細確認統計[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(
        dom,
      )?.[1] ?? '';
    expect(count(body, /<tr>/g)).toBe(3);
    expect(count(body, /<td class="attention">/g)).toBe(2);
    expect(body).toContain('<td class="attention">已回報</td>');
    expect(dom).toMatch(/<tfoot><tr><td>全校<\/td><td class="number">5<\/td><td>1\/5<\/td>/);
  });

  it('keeps a name from the input as text: no element is made of it, nothing runs', () => {
    expect(dom).not.toContain('<img');
    expect(count(dom, /&lt;img src=x onerror=alert\(1\)&gt;王&amp;小明/g)).toBeGreaterThanOrEqual(3);
  });

  it('leaves a screenshot of the page under test-output for a person to look at', async () => {
    expect((await stat(screenshot)).size).toBeGreaterThan(10_000);
  });
});
