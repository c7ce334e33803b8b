import mammoth from 'mammoth';
import { PlanParseError } from './plan-parse.error.js';
import { htmlToLines } from './html.decoder.js';

/** .docx through mammoth's HTML, which keeps headings, lists and tables. */
export async function docxToText(bytes: Buffer): Promise<string> {
  try {
    const { value } = await mammoth.convertToHtml({ buffer: bytes });
    return htmlToLines(value).join('\n');
  } catch (err) {
    throw new PlanParseError('UNDECODABLE', `.docx could not be read (${err instanceof Error ? err.message : String(err)})`);
  }
}
