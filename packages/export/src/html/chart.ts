import {
  RECEIPT_CATEGORIES,
  RECEIPT_CATEGORY_LABELS,
  RECEIPT_STATUS_LABELS,
  RECEIPT_STATUSES,
  type CategoryProgress,
  type ConfirmationProgress,
} from '@licheng/projections';
import { applicableOf, confirmedOf } from '@licheng/projections/internal';
import { takenAtText } from '../heading';
import { escapeHtml as x } from './escape';
import { CATEGORY_EN, STATUS_COLOUR, STATUS_EN } from './labels';

const LABEL_WIDTH = 120;
const CELL_WIDTH = 215;
const BAR_WIDTH = 140;
const BAR_HEIGHT = 14;
const HEAD_HEIGHT = 58;
const ROW_HEIGHT = 44;
const LEGEND_HEIGHT = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A deadline as read on the day of the report: passed, or how many days are left (R-REC-5). */
const deadlineText = (deadline: string, takenAt: Date | undefined): string => {
  const at = new Date(deadline);
  const left =
    takenAt === undefined
      ? ''
      : at.getTime() <= takenAt.getTime()
        ? ' 已截止'
        : ` 剩 ${Math.ceil((at.getTime() - takenAt.getTime()) / DAY_MS)} 天`;
  return `期限 ${takenAtText(at)}${left}`;
};

/** One class and category: the students by status as stacked segments, then confirmed/applicable. */
const cell = (
  className: string,
  p: CategoryProgress,
  left: number,
  top: number,
  ownDeadline: string | null,
  takenAt: Date | undefined,
): string => {
  const total = RECEIPT_STATUSES.reduce((n, s) => n + p.counts[s], 0);
  let at = left;
  const segments = RECEIPT_STATUSES.filter((s) => p.counts[s] > 0).map((status) => {
    const width = (BAR_WIDTH * p.counts[status]) / total;
    const rect =
      `<rect class="segment" data-status="${status}" data-count="${p.counts[status]}" x="${at.toFixed(2)}" ` +
      `y="${top}" width="${width.toFixed(2)}" height="${BAR_HEIGHT}" fill="${STATUS_COLOUR[status]}">` +
      `<title>${x(className)} ${RECEIPT_CATEGORY_LABELS[p.category]} ${RECEIPT_STATUS_LABELS[status]} ` +
      `${p.counts[status]}</title></rect>`;
    at += width;
    return rect;
  });
  const ratio =
    `<text class="ratio" x="${left + BAR_WIDTH + 6}" ` +
    `y="${top + BAR_HEIGHT - 2}">${confirmedOf(p)}/${applicableOf(p)}</text>`;
  const deadline =
    ownDeadline === null
      ? ''
      : `<text class="deadline" data-deadline="${x(ownDeadline)}" x="${left}" ` +
        `y="${top + BAR_HEIGHT + 13}">${x(deadlineText(ownDeadline, takenAt))}</text>`;
  const frame =
    `<rect class="frame" x="${left}" y="${top}" width="${BAR_WIDTH}" height="${BAR_HEIGHT}" fill="none" ` +
    `stroke="#9e9e9e"/>`;
  return (
    `<g class="cell" data-category="${p.category}" data-confirmed="${confirmedOf(p)}" ` +
    `data-applicable="${applicableOf(p)}">${segments.join('')}${frame}${ratio}${deadline}</g>`
  );
};

/**
 * The confirmation progress of a term as an SVG: a row per class, a column per category, each a bar of
 * the class's students by status with confirmed/applicable beside it, and the confirmation deadline of
 * the class's round (under the category when every class shares it, else under each bar).
 */
export const progressChart = (progress: ConfirmationProgress, takenAt: Date | undefined): string => {
  const width = LABEL_WIDTH + CELL_WIDTH * RECEIPT_CATEGORIES.length;
  const height = HEAD_HEIGHT + ROW_HEIGHT * progress.classes.length + LEGEND_HEIGHT;
  const shared = RECEIPT_CATEGORIES.map((category) => {
    const deadlines = new Set(
      progress.classes.map((c) => c.categories.find((p) => p.category === category)?.deadline ?? null),
    );
    return deadlines.size === 1 ? [...deadlines][0]! : undefined;
  });
  const heads = RECEIPT_CATEGORIES.map((category, i) => {
    const left = LABEL_WIDTH + CELL_WIDTH * i;
    const deadline = shared[i];
    return (
      `<g class="category" data-category="${category}"><text class="head" x="${left}" ` +
      `y="18">${RECEIPT_CATEGORY_LABELS[category]} <tspan class="en">${CATEGORY_EN[category]}</tspan></text>` +
      (deadline
        ? `<text class="deadline" data-deadline="${x(deadline)}" x="${left}" ` +
          `y="36">${x(deadlineText(deadline, takenAt))}</text>`
        : '') +
      '</g>'
    );
  });
  const rows = progress.classes.map((klass, r) => {
    const top = HEAD_HEIGHT + ROW_HEIGHT * r;
    const cells = RECEIPT_CATEGORIES.map((category, i) => {
      const p = klass.categories.find((c) => c.category === category);
      return p
        ? cell(
            klass.className,
            p,
            LABEL_WIDTH + CELL_WIDTH * i,
            top,
            shared[i] === undefined ? p.deadline : null,
            takenAt,
          )
        : '';
    });
    return (
      `<g class="class-row" data-class="${x(klass.className)}"><text class="class-name" x="0" ` +
      `y="${top + BAR_HEIGHT - 2}">${x(klass.className)}</text>${cells.join('')}</g>`
    );
  });
  const legendTop = height - LEGEND_HEIGHT + 10;
  const legend = RECEIPT_STATUSES.map((status, i) => {
    const left = LABEL_WIDTH + i * 150;
    return (
      `<g class="legend-item" data-status="${status}"><rect x="${left}" y="${legendTop}" width="12" height="12" ` +
      `fill="${STATUS_COLOUR[status]}"/><text x="${left + 17}" ` +
      `y="${legendTop + 11}">${RECEIPT_STATUS_LABELS[status]} ${STATUS_EN[status]}</text></g>`
    );
  });
  return (
    `<svg class="progress" xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="chart-title" viewBox="0 0 ` +
    `${width} ${height}" width="${width}" height="${height}">` +
    `<title id="chart-title">${x(progress.term)} 收訖明細確認進度 confirmation progress（期限 deadline：` +
    `確認期間結束）</title>` +
    heads.join('') +
    rows.join('') +
    `<g class="legend">${legend.join('')}</g></svg>`
  );
};
