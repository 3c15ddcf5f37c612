/** One operator of a page's content stream, with the bytes it spans (its operands included). */
export interface ContentOperation {
  operator: string;
  /** The operands as written (names keep their slash, strings their delimiters). */
  operands: string[];
  start: number;
  end: number;
}

const WHITE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([...'()<>[]{}/%'].map((c) => c.charCodeAt(0)));


/**
 * Splits a content stream (ISO 32000-1 §7.8.2) into its operations. Only as much of the syntax as
 * finding the operators needs: literal strings (nested parentheses, escapes), hex strings, names,
 * arrays and dictionaries as operands, comments, and inline images (BI … ID data EI).
 */
export function contentOperations(bytes: Uint8Array): ContentOperation[] {
  const operations: ContentOperation[] = [];
  // One byte, one character: operands and operators are slices of it (converting each token on its own was half the work).
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const latin1 = (start: number, end: number): string => text.slice(start, end);
  let operands: string[] = [];
  let operandsStart = -1;
  let nesting = 0; // inside [ ] or << >>: tokens are parts of one operand
  let i = 0;
  const n = bytes.length;
  const operand = (start: number, end: number) => {
    if (operandsStart < 0) operandsStart = start;
    if (nesting === 0) operands.push(latin1(start, end));
  };
  while (i < n) {
    const c = bytes[i] as number;
    if (WHITE.has(c)) {
      i++;
    } else if (c === 0x25 /* % */) {
      while (i < n && bytes[i] !== 0x0a && bytes[i] !== 0x0d) i++;
    } else if (c === 0x28 /* ( */) {
      const start = i;
      let depth = 0;
      for (; i < n; i++) {
        const b = bytes[i];
        if (b === 0x5c /* \ */) i++;
        else if (b === 0x28) depth++;
        else if (b === 0x29 && --depth === 0) break;
      }
      i++;
      operand(start, i);
    } else if (c === 0x3c /* < */ && bytes[i + 1] === 0x3c) {
      if (operandsStart < 0) operandsStart = i;
      nesting++;
      i += 2;
    } else if (c === 0x3e /* > */ && bytes[i + 1] === 0x3e) {
      nesting = Math.max(0, nesting - 1);
      i += 2;
      if (nesting === 0) operands.push('<<…>>');
    } else if (c === 0x3c) {
      const start = i;
      while (i < n && bytes[i] !== 0x3e) i++;
      i++;
      operand(start, i);
    } else if (c === 0x5b /* [ */) {
      if (operandsStart < 0) operandsStart = i;
      nesting++;
      i++;
    } else if (c === 0x5d /* ] */) {
      nesting = Math.max(0, nesting - 1);
      i++;
      if (nesting === 0) operands.push('[…]');
    } else {
      const start = i;
      i++;
      while (i < n && !WHITE.has(bytes[i] as number) && !DELIMITERS.has(bytes[i] as number)) i++;
      const token = latin1(start, i);
      const isOperand = c === 0x2f /* / */ || /^[+\-.\d]/.test(token) || token === 'true' || token === 'false' || token === 'null';
      if (isOperand || nesting > 0) {
        operand(start, i);
        continue;
      }
      if (token === 'ID') {
        // Inline image data: binary, up to whitespace + EI + whitespace.
        i++;
        while (i < n && !(WHITE.has(bytes[i - 1] as number) && bytes[i] === 0x45 && bytes[i + 1] === 0x49 && (i + 2 >= n || WHITE.has(bytes[i + 2] as number)))) i++;
        i = Math.min(n, i + 2);
        operations.push({ operator: 'EI', operands: [], start: operandsStart < 0 ? start : operandsStart, end: i });
      } else {
        operations.push({ operator: token, operands, start: operandsStart < 0 ? start : operandsStart, end: i });
      }
      operands = [];
      operandsStart = -1;
    }
  }
  return operations;
}
