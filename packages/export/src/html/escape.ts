/**
 * Text as HTML or SVG character data or a quoted attribute value: names and class names come from input,
 * so `<`, `&` and quotes are always escaped, never trusted. A lone surrogate or a control character is not
 * markup and is left as the browser's replacement character shows it.
 */
export const escapeHtml = (text: string | number): string =>
  String(text).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
