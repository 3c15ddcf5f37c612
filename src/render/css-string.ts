/** Letters, digits and spaces of ASCII, and printable characters beyond it, mean nothing to CSS or HTML. */
function isPlain(c: number): boolean {
  if (c < 0x80) return /[A-Za-z0-9 ]/.test(String.fromCharCode(c));
  return c >= 0xa0 && c !== 0x2028 && c !== 0x2029 && !(c >= 0xd800 && c <= 0xdfff);
}

/**
 * Any text as a quoted CSS string (for `content:` in @page margin boxes). Every other character
 * is written as a hex escape (`\c `): quotes and backslashes cannot end the string, a form feed
 * or other newline cannot end the declaration (CSS treats \f as a newline), and `<` cannot close
 * the <style> element. The escape's trailing space ends it and is not part of the text.
 */
export function cssString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    out += isPlain(c) ? ch : `\\${c.toString(16)} `;
  }
  return `${out}"`;
}
