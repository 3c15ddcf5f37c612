import { describe, expect, it } from 'vitest';
import { checkDuplicateBookmarks, doubledTitle } from '../../src/inspect/checks/duplicate-bookmarks.ts';
import { checkMissingGlyphs } from '../../src/inspect/checks/missing-glyphs.ts';
import type { Bookmark } from '../../src/inspect/printed-document.ts';
import { printed, SETTINGS } from './fixtures.ts';

const mark = (title: string, page: number, children: Bookmark[] = []): Bookmark => ({ title, page, children });

describe('duplicate bookmarks', () => {
  it('finds a title written twice over, as Chrome writes it for a heading at the top of a page', () => {
    expect(doubledTitle('出典と注記出典と注記')).toBe('出典と注記');
    expect(doubledTitle('令和7年度補正予算令和7年度補正予算')).toBe('令和7年度補正予算');
    expect(doubledTitle('出典と注記')).toBeUndefined();
    // One repeated character is a word, not a doubled title.
    expect(doubledTitle('々々')).toBeUndefined();
  });

  it('flags doubled titles at any depth and entries repeated at the same level, with their pages', () => {
    const bookmarks = [mark('概要', 1), mark('各プロジェクト', 4, [mark('5. データ利活用5. データ利活用', 5)]), mark('用語集', 6), mark('用語集', 6)];
    expect(checkDuplicateBookmarks(printed([], { bookmarks }), SETTINGS).map((f) => [f.page, f.element])).toEqual([
      [5, 'bookmark 「5. データ利活用」'],
      [6, 'bookmark 「用語集」'],
    ]);
  });

  it('is quiet for the same title under different parents', () => {
    const bookmarks = [mark('AMED', 1, [mark('概要', 1)]), mark('インハウス', 2, [mark('概要', 2)])];
    expect(checkDuplicateBookmarks(printed([], { bookmarks }), SETTINGS)).toEqual([]);
  });
});

describe('missing glyphs', () => {
  it('names the page and the text around the empty box, in the body and in the running header', () => {
    const doc = { ...printed([]), missingGlyphs: [{ page: 1, text: '古代文字 □ の例', tagged: true }, { page: 2, text: '□ 予算', tagged: false }] };
    expect(checkMissingGlyphs(doc, SETTINGS).map((f) => [f.page, f.element])).toEqual([
      [1, 'text 「古代文字 □ の例」'],
      [2, 'running header or footer 「□ 予算」'],
    ]);
  });
});
