/** A character written in Japanese script, or Japanese punctuation and full-width forms. */
const JAPANESE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u203b\u3000-\u303f\u30fc\uff01-\uff9f]/u;
/** Kana or kanji: a stretch of punctuation alone (a full-width ｜ between English words) is no passage. */
const LETTER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
/** An English word beside a space ends a Japanese passage; AMED or (GAPFREE) inside one does not. */
const ENGLISH_WORD = /[A-Za-z]{2,}\s|\s[A-Za-z]{2,}/;
/** Elements whose text is not the page's prose: left as they are. */
const SKIPPED = ['style', 'script', 'title', 'svg', 'textarea'];

/**
 * Japanese passages of a page in another language, marked `lang="ja"` (PDF/UA-1 §7.2: text in a
 * language other than the document's carries its /Lang). Chrome writes a /Lang for an element that
 * has a role of its own, so each passage is a `<span role="generic">` (which looks like any span).
 */
function markRuns(text: string): string {
  const chars = [...text];
  const runs: [number, number][] = [];
  for (let i = 0; i < chars.length; i++) {
    if (!JAPANESE.test(chars[i] as string)) continue;
    const last = runs.at(-1);
    if (last && !ENGLISH_WORD.test(chars.slice(last[1], i).join(''))) last[1] = i + 1;
    else runs.push([i, i + 1]);
  }
  let out = '';
  let from = 0;
  for (const [start, end] of runs) {
    const passage = chars.slice(start, end).join('');
    if (!LETTER.test(passage)) continue;
    out += chars.slice(from, start).join('') + `<span lang="ja" role="generic">${passage}</span>`;
    from = end;
  }
  return out + chars.slice(from).join('');
}

/**
 * The page's HTML with every Japanese passage in its text marked as Japanese. For pages whose
 * language is not Japanese: the English edition quotes the documents' titles, notes and initiatives
 * as printed. Only text between tags changes; attributes, styles and the charts' SVG do not.
 */
export function markJapanesePassages(html: string): string {
  const lower = html.toLowerCase();
  let out = '';
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    const textEnd = lt < 0 ? html.length : lt;
    if (textEnd > i) out += markRuns(html.slice(i, textEnd));
    if (lt < 0) break;
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt);
      i = end < 0 ? html.length : end + 3;
      out += html.slice(lt, i);
      continue;
    }
    const gt = html.indexOf('>', lt);
    const tagEnd = gt < 0 ? html.length : gt + 1;
    const tag = html.slice(lt, tagEnd);
    out += tag;
    i = tagEnd;
    const name = /^<([a-zA-Z][\w-]*)/.exec(tag)?.[1]?.toLowerCase();
    if (name && SKIPPED.includes(name) && !tag.endsWith('/>')) {
      const close = lower.indexOf(`</${name}`, i);
      const until = close < 0 ? html.length : close;
      out += html.slice(i, until);
      i = until;
    }
  }
  return out;
}
