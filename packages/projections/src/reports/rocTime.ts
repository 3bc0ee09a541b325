import { ROC_OFFSET } from '@licheng/domain';

/**
 * A Taipei minute (`2020-09-26T11:06+08:00`) as the seed screens print it, in the ROC calendar
 * (`109/09/26 11:06`, R-REP-6); a date alone (`2020-09-26`) as `109/09/26`. Anything else is shown as given.
 */
export const rocTime = (instant: string): string => {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}:\d{2}))?/.exec(instant);
  if (!match) return instant;
  const date = `${Number(match[1]) - ROC_OFFSET}/${match[2]}/${match[3]}`;
  return match[4] === undefined ? date : `${date} ${match[4]}`;
};
