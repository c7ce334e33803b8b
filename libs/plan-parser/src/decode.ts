import iconv from 'iconv-lite';
import { PlanParseError } from './plan-parse.error.js';
import { docxToText } from './docx.decoder.js';
import { htmlToLines } from './html.decoder.js';
import { csvToText, xlsxToText } from './spreadsheet.decoder.js';

export const MAX_INPUT_BYTES = 10 * 1024 * 1024;

export type InputFormat = 'text' | 'html' | 'docx' | 'xlsx' | 'csv';

function extensionOf(fileName: string): string {
  const m = /\.([a-z0-9]+)$/i.exec(fileName);
  return m ? m[1].toLowerCase() : '';
}

function isZip(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

export function detectFormat(bytes: Buffer, fileName: string): InputFormat {
  const ext = extensionOf(fileName);
  if (isZip(bytes)) {
    if (ext === 'xlsx' || ext === 'xlsm') return 'xlsx';
    if (ext === 'docx') return 'docx';
    // A zip with another name: look inside for the part that tells Word from Excel.
    const head = bytes.subarray(0, Math.min(bytes.length, 65536)).toString('latin1');
    if (head.includes('word/')) return 'docx';
    if (head.includes('xl/')) return 'xlsx';
    throw new PlanParseError('UNSUPPORTED_FORMAT', `zip archive ${fileName} is neither .docx nor .xlsx`);
  }
  if (ext === 'csv') return 'csv';
  if (ext === 'html' || ext === 'htm' || ext === 'shtml' || /^\s*(<!doctype html|<html)/i.test(bytes.subarray(0, 512).toString('latin1'))) return 'html';
  if (ext === 'doc' || ext === 'xls' || ext === 'pdf') {
    throw new PlanParseError('UNSUPPORTED_FORMAT', `.${ext} (save it as .docx/.xlsx or plain text)`);
  }
  return 'text';
}

/** NUL bytes or many control characters mean this is not text in any encoding we accept. */
function looksBinary(bytes: Buffer): boolean {
  const sample = bytes.subarray(0, Math.min(bytes.length, 8192));
  let control = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return control / sample.length > 0.02;
}

function decodeUtf8Strict(bytes: Buffer): string | null {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  // A truncated copy may end inside a multi-byte character: tolerate up to 3 dangling bytes.
  for (let cut = 0; cut <= 3 && cut < bytes.length; cut++) {
    try {
      return decoder.decode(bytes.subarray(0, bytes.length - cut));
    } catch {
      /* try a shorter tail */
    }
  }
  return null;
}

/** Decodes plain text: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (a superset of GBK). */
export function decodeText(bytes: Buffer): string {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return decodeUtf8Strict(bytes.subarray(3)) ?? bytes.subarray(3).toString('utf8');
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return iconv.decode(bytes.subarray(2), 'utf16le');
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return iconv.decode(bytes.subarray(2), 'utf16be');
  if (looksBinary(bytes)) throw new PlanParseError('BINARY');
  const utf8 = decodeUtf8Strict(bytes);
  if (utf8 !== null) return utf8;
  const gb = iconv.decode(bytes, 'gb18030');
  const replaced = (gb.match(/\uFFFD/g) ?? []).length;
  const han = (gb.match(/\p{Script=Han}/gu) ?? []).length;
  if (replaced > 2 && replaced > han / 50) throw new PlanParseError('UNDECODABLE');
  if (han === 0) throw new PlanParseError('UNDECODABLE', 'no Chinese text found');
  return gb;
}

/** Turns any accepted input into text lines; tables become `cell | cell` lines. */
export async function decodeInput(bytes: Buffer, fileName: string): Promise<{ text: string; format: InputFormat }> {
  if (bytes.length === 0) throw new PlanParseError('EMPTY');
  if (bytes.length > MAX_INPUT_BYTES) {
    throw new PlanParseError('TOO_LARGE', `${(bytes.length / 1024 / 1024).toFixed(1)} MB`);
  }
  const format = detectFormat(bytes, fileName);
  let text: string;
  if (format === 'docx') text = await docxToText(bytes);
  else if (format === 'xlsx') text = await xlsxToText(bytes);
  else if (format === 'csv') text = csvToText(decodeText(bytes));
  else if (format === 'html') text = htmlToLines(decodeText(bytes)).join('\n');
  else text = decodeText(bytes);
  if (text.trim() === '') throw new PlanParseError('EMPTY', 'no text after decoding');
  return { text, format };
}
