import { describe, expect, it } from 'vitest';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFString, type PDFRef } from 'pdf-lib';
import { pdfAuthor, TOOL_AUTHOR } from '../../src/build/pdf-author.ts';
import { drawChart, withoutAria } from '../../src/chart/draw-chart.ts';
import { contentOperations } from '../../src/print/content-operations.ts';
import { markUntaggedAsArtifacts, untaggedPainting } from '../../src/print/mark-artifacts.ts';
import { addListBodies, ungroupNestedFigures } from '../../src/print/repair-structure.ts';
import { BuildConfig } from '../../src/schema/config.ts';
import { DepartmentSettings } from '../../src/schema/department.ts';
import { xmpDate, xmpPacket, type XmpFields } from '../../src/print/xmp-metadata.ts';
import { markJapanesePassages } from '../../src/render/mark-japanese.ts';
import { allTags, readTags, readXmp, xmpValue, type Tag } from './tagged-pdf.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const str = (data: Uint8Array) => new TextDecoder('latin1').decode(data);

describe('marking page furniture as artifacts', () => {
  const header = 'BT /F4 10 Tf 1 0 0 -1 60 42 Tm <0236> Tj ET';
  const tagged = '/P <</MCID 0 >>BDC BT /F4 10 Tf <0011> Tj ET EMC';

  it('wraps text painted outside the tags, and leaves tagged text alone', () => {
    const { bytes: out, marked } = markUntaggedAsArtifacts(bytes(`q ${header}\n${tagged} Q`));
    expect(marked).toBe(1);
    expect(str(out)).toBe(`q /Artifact <</Type /Pagination>> BDC\n${header}\nEMC\n${tagged} Q`);
  });

  it('wraps a painted path (a rule, a background) but not a clipping path that paints nothing', () => {
    const fill = '10 10 100 20 re f';
    const clip = '0 0 500 800 re W n';
    const { bytes: out } = markUntaggedAsArtifacts(bytes(`${clip} ${fill} ${tagged}`));
    expect(str(out)).toBe(`${clip} /Artifact <</Type /Layout>> BDC\n${fill}\nEMC ${tagged}`);
  });

  it('is not fooled by operators spelled inside strings, arrays or dictionaries', () => {
    const tricky = 'BT [(EMC) 10 (BDC\\) ET)] TJ (\\(BT) Tj ET';
    expect(untaggedPainting(bytes(tricky))).toEqual([{ start: 0, end: tricky.length, kind: 'text' }]);
    expect(contentOperations(bytes('/Span <</ActualText (a>>b) /MCID 3>> BDC EMC')).map((o) => o.operator)).toEqual(['BDC', 'EMC']);
  });

  it('wraps an XObject drawn outside the tags, and leaves a stream with nothing untagged byte for byte', () => {
    expect(str(markUntaggedAsArtifacts(bytes('q /Im1 Do Q')).bytes)).toBe('q /Artifact <</Type /Layout>> BDC\n/Im1 Do\nEMC Q');
    const clean = bytes(tagged);
    expect(markUntaggedAsArtifacts(clean).bytes).toBe(clean);
  });

  it('leaves a stretch that a marked-content operator cuts into (it cannot be wrapped whole)', () => {
    expect(untaggedPainting(bytes('BT <01> Tj /P <</MCID 0>> BDC <02> Tj EMC ET'))).toEqual([]);
  });
});

describe('list items', () => {
  it('moves an LI’s content beside its label into one LBody, its marked content with it', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage();
    const ctx = doc.context;
    const root = ctx.nextRef();
    const list = ctx.nextRef();
    const item = ctx.nextRef();
    const label = ctx.nextRef();
    const text = ctx.nextRef();
    ctx.assign(label, ctx.obj({ Type: 'StructElem', S: 'Lbl', P: item, Pg: page.ref, K: 0 }));
    ctx.assign(text, ctx.obj({ Type: 'StructElem', S: 'NonStruct', P: item, Pg: page.ref, K: 1 }));
    ctx.assign(item, ctx.obj({ Type: 'StructElem', S: 'LI', P: list, Pg: page.ref, K: [label, text, 2] }));
    ctx.assign(list, ctx.obj({ Type: 'StructElem', S: 'L', P: root, K: [item] }));
    ctx.assign(root, ctx.obj({ Type: 'StructTreeRoot', K: [list], ParentTree: { Nums: [0, [label, text, item]] } }));
    doc.catalog.set(PDFName.of('StructTreeRoot'), root);

    expect(addListBodies(doc)).toBe(1);
    const li = allTags(readTags(doc)).find(({ tag }) => tag.type === 'LI')?.tag;
    expect(li?.children.map((c) => c.type)).toEqual(['Lbl', 'LBody']);
    expect(li?.content).toEqual([]);
    const body = li?.children[1];
    expect(body?.children.map((c) => c.type)).toEqual(['NonStruct']);
    expect(body?.content).toEqual([{ page: 0, mcid: 2 }]);
    // The parent tree now names the LBody as the owner of MCID 2, which was the LI's own content.
    const bodyRef = ctx.lookup(item, PDFDict).lookup(PDFName.of('K'), PDFArray).get(1);
    const owners = ctx.lookup(root, PDFDict).lookup(PDFName.of('ParentTree'), PDFDict).lookup(PDFName.of('Nums'), PDFArray).lookup(1, PDFArray);
    expect(owners.asArray()).toEqual([label, text, bodyRef]);
    // Done once: a second pass finds every item complete.
    expect(addListBodies(doc)).toBe(0);
  });
});

describe('figures', () => {
  it('makes a Figure without an alternative around a chart’s Figure a group, and a Figure inside an alternative a part of it', async () => {
    const doc = await PDFDocument.create();
    const ctx = doc.context;
    const element = (type: string, kids: PDFRef[] | number, alt?: string) => {
      const ref = ctx.nextRef();
      ctx.assign(ref, ctx.obj({ Type: 'StructElem', S: type, K: kids, ...(alt ? { Alt: PDFString.of(alt) } : {}) }));
      return ref;
    };
    // <figure><div role="img" aria-label="chart"/><figcaption/></figure>, and an image with its alt inside a described figure
    const grouped = element('Figure', [element('Figure', 0, 'chart'), element('Caption', 1)]);
    const described = element('Figure', [element('Figure', 2, 'inner')], 'outer');
    const root = ctx.nextRef();
    ctx.assign(root, ctx.obj({ Type: 'StructTreeRoot', K: [grouped, described] }));
    doc.catalog.set(PDFName.of('StructTreeRoot'), root);

    expect(ungroupNestedFigures(doc)).toBe(2);
    const shape = (tag: Tag): string => `${tag.type}${tag.alt ? `(${tag.alt})` : ''}${tag.children.length ? `[${tag.children.map(shape).join(' ')}]` : ''}`;
    expect(readTags(doc).children.map(shape)).toEqual(['Div[Figure(chart) Caption]', 'Figure(outer)[Div(inner)]']);
  });
});

describe('XMP metadata', () => {
  const fields: XmpFields = {
    title: 'R&D <budget> "FY2026"',
    subject: '令和8年度',
    author: 'Research Policy Office',
    keywords: ['AMED', 'FY2026'],
    creatorTool: 'briefings (year-comparison)',
    producer: 'medical-rd-budget-briefings (Chromium, pdf-lib)',
    language: 'ja',
    date: new Date('2026-01-01T09:30:00Z'),
  };

  it('states PDF/UA-1, the title, author, language and keywords as the Info dictionary has them', () => {
    const xmp = xmpPacket(fields);
    expect(xmpValue(xmp, 'pdfuaid:part')).toBe('1');
    expect(xmpValue(xmp, 'dc:title')).toBe(fields.title);
    expect(xmp).toContain('R&amp;D &lt;budget&gt; &quot;FY2026&quot;');
    expect(xmpValue(xmp, 'dc:creator')).toBe('Research Policy Office');
    expect(xmpValue(xmp, 'dc:language')).toBe('ja');
    expect(xmpValue(xmp, 'pdf:Keywords')).toBe('AMED FY2026');
  });

  it('gives the build date in UTC to the second, and no date without one', () => {
    expect(xmpDate(new Date('2026-01-01T09:30:00.000Z'))).toBe('2026-01-01T09:30:00Z');
    expect(xmpValue(xmpPacket(fields), 'xmp:CreateDate')).toBe('2026-01-01T09:30:00Z');
    expect(xmpPacket({ ...fields, date: undefined })).not.toMatch(/Date>/);
  });

  it('is readable back from a PDF’s catalog (the test reader and the writer agree)', async () => {
    const doc = await PDFDocument.create();
    doc.catalog.set(PDFName.of('Metadata'), doc.context.register(doc.context.stream(bytes(xmpPacket(fields)), { Type: 'Metadata', Subtype: 'XML' })));
    expect(xmpValue(readXmp(doc) ?? '', 'dc:description')).toBe('令和8年度');
  });
});

describe('Japanese passages in an English page', () => {
  it('marks a Japanese title inside an English sentence, with the Latin letters and digits it contains', () => {
    expect(markJapanesePassages('<p>Source "Key points (令和8年度 医療分野のAMED予算)" (Headquarters)</p>')).toBe(
      '<p>Source "Key points (<span lang="ja" role="generic">令和8年度 医療分野のAMED予算</span>)" (Headquarters)</p>',
    );
  });

  it('ends a passage at an English word, and leaves punctuation alone between English words', () => {
    expect(markJapanesePassages('<p>in units (¥100M, 億円), rounded ｜ as printed</p>')).toBe('<p>in units (¥100M, <span lang="ja" role="generic">億円</span>), rounded ｜ as printed</p>');
  });

  it('changes neither attributes, nor the head’s title, nor the charts’ SVG', () => {
    const page = '<head><title>予算</title><style>p::before { content: "注"; }</style></head><div role="img" aria-label="棒グラフ"><svg><text>億円</text></svg></div>';
    expect(markJapanesePassages(page)).toBe(page);
  });
});

describe('the chart’s SVG', () => {
  it('loses Vega’s roles and ARIA attributes, and keeps its classes and text', () => {
    const svg = '<svg class="marks" role="graphics-document" aria-roledescription="visualization"><g class="mark-rect role-mark" role="graphics-object" aria-label="億円: 6"><text>role="x"</text></g></svg>';
    expect(withoutAria(svg)).toBe('<svg class="marks"><g class="mark-rect role-mark"><text>role="x"</text></g></svg>');
  });

  it('carries no roles or ARIA even when a spec asks Vega for them on its marks and axes', async () => {
    const spec = {
      data: { name: 'values' },
      mark: { type: 'bar', aria: true, description: 'bars' },
      encoding: { x: { field: 'amount', type: 'quantitative', axis: { aria: true, description: 'amount axis' } }, y: { field: 'ministry', type: 'nominal' } },
    };
    const { svg } = await drawChart({ spec, theme: {}, rows: [{ ministry: '文科省', amount: 583 }], maxRows: 100 });
    expect(svg).toContain('<svg');
    expect(svg).not.toMatch(/\srole="|\saria-[a-z]+="/);
  });
});

describe('the PDF’s author', () => {
  const ministry = DepartmentSettings.parse({ name: '文部科学省', shortName: '文科省', ministry: '文' });
  const english = DepartmentSettings.parse({ name: 'English edition', shortName: 'EN', language: 'en' });

  it('is the department for a ministry edition, the configured author otherwise, and the tool when none is configured', () => {
    expect(pdfAuthor(ministry, 'Research Policy Office')).toBe('文部科学省');
    expect(pdfAuthor(english, 'Research Policy Office')).toBe('Research Policy Office');
    expect(pdfAuthor(undefined, undefined)).toBe(TOOL_AUTHOR);
  });

  it('is set in the config as a name, and a blank one is refused with what to write', () => {
    expect(BuildConfig.parse({ author: ' Research Policy Office ' }).author).toBe('Research Policy Office');
    expect(BuildConfig.parse({}).author).toBeUndefined();
    const refused = BuildConfig.safeParse({ author: '  ' });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toMatch(/write who publishes the briefings/);
  });
});
