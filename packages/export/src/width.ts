/**
 * East Asian wide and fullwidth characters (CJK ideographs, kana, hangul, bopomofo, fullwidth forms
 * and punctuation) take two columns in a spreadsheet's default font; everything else takes one.
 */
const WIDE =
  /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]/u;

/** The width of one line of text, counted in the narrow characters an Excel column width is measured in. */
export const displayWidth = (text: string): number => {
  let width = 0;
  for (const char of text) width += WIDE.test(char) ? 2 : 1;
  return width;
};

/** Excel refuses a column wider than 255 characters. */
const MAX_COLUMN_WIDTH = 255;
const PADDING = 2;

/** A column width that fits its widest line, header included, with a little room for the cell margins. */
export const fittedWidth = (texts: ReadonlyArray<string>): number =>
  Math.min(
    MAX_COLUMN_WIDTH,
    PADDING + Math.max(0, ...texts.flatMap((text) => text.split(/\r\n|\r|\n/).map(displayWidth))),
  );
