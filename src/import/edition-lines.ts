/** A line of an edition's text, and the small vocabulary every part of its layout shares. */

export interface Line {
  /** 1-based, as editors and messages count. */
  n: number;
  text: string;
}

export interface At<T> {
  value: T;
  line: number;
}

export interface Unplaced {
  line: number;
  text: string;
  reason: string;
}

export const NOTE = /^\s*(※|[（(]\s*[*＊]\s*[)）])/;
export const BULLET = /^\s*[-・•]\s+/;

export const isBlank = (line: Line | undefined): boolean => line === undefined || line.text.trim() === '';
export const isBullet = (text: string): boolean => BULLET.test(text);
export const isIndented = (text: string): boolean => /^\s/.test(text);

/** Collects what the import reads but cannot place, with its line. */
export class Leftovers {
  readonly unplaced: Unplaced[] = [];

  leave(line: Line, reason: string): void {
    this.unplaced.push({ line: line.n, text: line.text.trim(), reason });
  }
}
