import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as E from 'fp-ts/Either';
import { EVENT_DOCS } from '@licheng/domain';
import { renderEventCatalogue } from './eventCatalogue/render';

const DOC = join(__dirname, '..', '..', '..', 'docs', 'events.md');
const REGENERATE = 'UPDATE_DOCS=1 npx jest packages/docs';

const firstDifference = (a: string, b: string): string => {
  const left = a.split('\n');
  const right = b.split('\n');
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    if (left[i] !== right[i])
      return `line ${i + 1}:\n  docs/events.md: ${left[i] ?? '(missing)'}\n  rendered: ${right[i] ?? '(missing)'}`;
  }
  return '';
};

const rendered = (): string => {
  const catalogue = renderEventCatalogue();
  if (E.isLeft(catalogue)) throw new Error(`the event catalogue cannot be rendered:\n${catalogue.left.join('\n')}`);
  return catalogue.right;
};

describe('the event catalogue (docs/events.md)', () => {
  it('renders without a problem: every event has its entry and every name one codec', () => {
    expect(renderEventCatalogue()).toEqual(E.right(expect.any(String)));
  });

  it('is the catalogue rendered from the codecs and the events.docs.ts entries', () => {
    const markdown = rendered();
    if (process.env['UPDATE_DOCS'] === '1') {
      writeFileSync(DOC, markdown, 'utf8');
      return;
    }
    const onDisk = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '';
    if (onDisk !== markdown) {
      throw new Error(
        `docs/events.md is out of date with the event codecs; run \`${REGENERATE}\` and commit it.\n` +
          `First difference at ${firstDifference(onDisk, markdown)}`,
      );
    }
  });

  it('renders a field table for every event and defines every named type it uses', () => {
    const markdown = rendered();
    for (const type of Object.keys(EVENT_DOCS)) expect(markdown).toContain(`### ${type}\n`);
    const named = ['Id', 'Term', 'TaipeiInstant', 'FileMeta', 'PerformanceDetails', 'ReceiptCategory', 'WorkItem'];
    for (const name of [...named, 'Actor', 'SchoolRole', 'PlatformRole']) expect(markdown).toContain(`### ${name}\n`);
  });
});
