import { PREVIEW_ROUTES } from './preview-page.ts';

/**
 * The preview page's script (served as a file: the page's policy allows no inline script). It
 * reloads the page when the server has seen the data or templates change since the page was
 * made, and draws each page of the printed PDF on a canvas with pdf.js, with the page's text
 * beside it for screen readers. It asks every second rather than holding a connection open
 * (server-sent events): a request that never ends stops a headless browser's virtual clock, so
 * `chromium --headless --screenshot --virtual-time-budget` could never take its picture.
 */
export const PREVIEW_SCRIPT = `
const seen = document.body.dataset.changes;
const poll = () =>
  fetch(${JSON.stringify(PREVIEW_ROUTES.changes)}, { cache: 'no-store' })
    .then((response) => response.json())
    .then(({ changes }) => (String(changes) === seen ? setTimeout(poll, 1000) : location.reload()))
    // The preview was stopped, or is starting again: keep asking.
    .catch(() => setTimeout(poll, 1000));
setTimeout(poll, 1000);

const pdfUrl = document.body.dataset.pdf;
if (pdfUrl) {
  const pdfjs = await import(${JSON.stringify(PREVIEW_ROUTES.pdfjs)});
  pdfjs.GlobalWorkerOptions.workerSrc = ${JSON.stringify(PREVIEW_ROUTES.pdfjsWorker)};
  const pdf = await pdfjs.getDocument({ url: pdfUrl, isEvalSupported: false }).promise;
  const pages = document.getElementById('pages');
  const ratio = window.devicePixelRatio || 1;
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    // 1 PDF point = 4/3 CSS pixels: the page at its printed size on a 96 dpi screen.
    const viewport = page.getViewport({ scale: 4 / 3 });
    const figure = document.createElement('figure');
    figure.className = 'page';
    figure.id = 'page-' + n;
    const canvas = document.createElement('canvas');
    canvas.width = Math.floor(viewport.width * ratio);
    canvas.height = Math.floor(viewport.height * ratio);
    canvas.style.width = Math.floor(viewport.width) + 'px';
    canvas.style.height = Math.floor(viewport.height) + 'px';
    canvas.setAttribute('aria-hidden', 'true');
    const caption = document.createElement('figcaption');
    caption.textContent = 'page ' + n + ' of ' + pdf.numPages;
    const text = document.createElement('div');
    text.className = 'page-text';
    figure.append(canvas, text, caption);
    pages.append(figure);
    await page.render({ canvasContext: canvas.getContext('2d'), viewport, transform: ratio === 1 ? null : [ratio, 0, 0, ratio, 0, 0] }).promise;
    const content = await page.getTextContent();
    text.textContent = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\\n' : '') : '')).join('');
  }
  document.body.dataset.drawn = String(pdf.numPages);
}
`;
