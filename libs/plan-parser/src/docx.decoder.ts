import mammoth from 'mammoth';
import { PlanParseError } from './plan-parse.error.js';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

function stripTags(s: string): string {
  return decodeEntities(s.replace(/<br\s*\/?>/gi, ' ').replace(/<[^>]+>/g, ''))
    .replace(/[ \t\r\n\u00a0]+/g, ' ')
    .trim();
}

/**
 * Flattens HTML (mammoth's output, or a saved government web page): paragraphs, headings and block
 * elements become lines, table rows become `cell | cell`.
 */
export function htmlToLines(html: string): string[] {
  const lines: string[] = [];
  const cleaned = html
    .replace(/<(script|style|noscript|head)[\s\S]*?<\/\1>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<br\s*\/?>/gi, '</p>')
    .replace(/<\/(div|section|article|tr|h[1-6]|li|dd|dt)>/gi, (m) => (/tr/i.test(m) ? m : `${m}</p>`));
  const blocks = cleaned.split(/(<table[\s\S]*?<\/table>)/i);
  for (const block of blocks) {
    if (/^<table/i.test(block)) {
      for (const row of block.match(/<tr[\s\S]*?<\/tr>/gi) ?? []) {
        const cells = (row.match(/<t[dh][\s\S]*?<\/t[dh]>/gi) ?? []).map((c) => stripTags(c).replace(/\|/g, '｜'));
        if (cells.some((c) => c !== '')) lines.push(cells.join(' | '));
      }
    } else {
      for (const part of block.split(/<\/(?:p|h[1-6]|li)>/i)) {
        const t = stripTags(part);
        if (t) lines.push(t);
      }
    }
  }
  return lines;
}

export async function docxToText(bytes: Buffer): Promise<string> {
  try {
    const { value } = await mammoth.convertToHtml({ buffer: bytes });
    return htmlToLines(value).join('\n');
  } catch (err) {
    throw new PlanParseError('UNDECODABLE', `.docx could not be read (${err instanceof Error ? err.message : String(err)})`);
  }
}
