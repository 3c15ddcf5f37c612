/** What the XMP packet states; the same values go into the Info dictionary, so the two agree. */
export interface XmpFields {
  title: string;
  subject: string;
  author: string;
  /** Written as the Info dictionary's Keywords: joined by spaces (pdf-lib's setKeywords). */
  keywords: string[];
  creatorTool: string;
  producer: string;
  language: string;
  /** The build date (from SOURCE_DATE_EPOCH); no dates at all without it, like the Info dictionary. */
  date: Date | undefined;
}

const escapeXml = (text: string): string =>
  text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));

/** ISO 8601 in UTC, whole seconds: the same instant as the Info dictionary's D:YYYYMMDDHHmmSSZ. */
export const xmpDate = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * The document's XMP metadata packet (PDF/UA-1 §7.1: the Metadata stream of the catalog holds
 * dc:title and pdfuaid:part). UTF-8, no padding: the PDF is rewritten as a whole on every build,
 * so nothing edits it in place.
 */
export function xmpPacket(f: XmpFields): string {
  const dates = f.date
    ? [`<xmp:CreateDate>${xmpDate(f.date)}</xmp:CreateDate>`, `<xmp:ModifyDate>${xmpDate(f.date)}</xmp:ModifyDate>`, `<xmp:MetadataDate>${xmpDate(f.date)}</xmp:MetadataDate>`]
    : [];
  const alt = (value: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(value)}</rdf:li></rdf:Alt>`;
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about=""',
    ' xmlns:dc="http://purl.org/dc/elements/1.1/"',
    ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/"',
    ' xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
    ' xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">',
    `<dc:format>application/pdf</dc:format>`,
    `<dc:title>${alt(f.title)}</dc:title>`,
    `<dc:description>${alt(f.subject)}</dc:description>`,
    `<dc:creator><rdf:Seq><rdf:li>${escapeXml(f.author)}</rdf:li></rdf:Seq></dc:creator>`,
    `<dc:language><rdf:Bag><rdf:li>${escapeXml(f.language)}</rdf:li></rdf:Bag></dc:language>`,
    `<dc:subject><rdf:Bag>${f.keywords.map((k) => `<rdf:li>${escapeXml(k)}</rdf:li>`).join('')}</rdf:Bag></dc:subject>`,
    `<pdf:Keywords>${escapeXml(f.keywords.join(' '))}</pdf:Keywords>`,
    `<pdf:Producer>${escapeXml(f.producer)}</pdf:Producer>`,
    `<xmp:CreatorTool>${escapeXml(f.creatorTool)}</xmp:CreatorTool>`,
    ...dates,
    '<pdfuaid:part>1</pdfuaid:part>',
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="r"?>',
  ].join('\n');
}
