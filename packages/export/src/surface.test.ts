import * as publicEntry from './index';

/** Every runtime name of the public entry: a name added or dropped is a change of the published surface. */
const PUBLIC_NAMES = [
  'classOf',
  'escapeHtml',
  'fullTitle',
  'tableHtml',
  'takenAtText',
  'titleLine',
  'toCsv',
  'toHtml',
  'toWorkbook',
  'writeReportFiles',
  'writeWorkbook',
];

// #21 item 7: an explicit export list, pinned here, so the surface changes only on purpose.
describe('the public surface of @licheng/export', () => {
  it('exports the report files: CSV, HTML and workbook renderings of the report tables, and nothing else', () => {
    expect(Object.keys(publicEntry).sort()).toEqual(PUBLIC_NAMES);
  });
});
