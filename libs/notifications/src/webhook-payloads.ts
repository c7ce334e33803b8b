import { createHmac } from 'node:crypto';
import type { OutgoingMessage } from './channel-sender.js';

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * Generic JSON webhook: the body is signed with HMAC-SHA256 over `<timestamp>.<body>`; the receiver
 * recomputes it from `X-Duban-Timestamp` and compares with `X-Duban-Signature` (`sha256=<hex>`).
 */
export function genericRequest(message: OutgoingMessage, nowMs: number): WebhookRequest {
  const body = JSON.stringify({ id: message.id, recipient: message.recipientName, subject: message.subject, text: message.text, items: message.items });
  const timestamp = String(Math.floor(nowMs / 1000));
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-duban-timestamp': timestamp, 'x-duban-id': message.id };
  if (message.secret) headers['x-duban-signature'] = `sha256=${signGeneric(message.secret, timestamp, body)}`;
  return { url: message.address, headers, body };
}

export function signGeneric(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/**
 * DingTalk custom robot ("加签"): sign = base64(HMAC-SHA256(secret, `${timestamp}\n${secret}`)),
 * appended to the URL as &timestamp=…&sign=… (URL-encoded); body is a text message.
 */
export function dingTalkRequest(message: OutgoingMessage, nowMs: number): WebhookRequest {
  let url = message.address;
  if (message.secret) {
    const timestamp = String(nowMs);
    const sign = dingTalkSign(message.secret, timestamp);
    url += `${url.includes('?') ? '&' : '?'}timestamp=${timestamp}&sign=${encodeURIComponent(sign)}`;
  }
  return {
    url,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ msgtype: 'text', text: { content: message.text } }),
  };
}

export function dingTalkSign(secret: string, timestamp: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
}

/** WeCom (企业微信) group robot: the key is in the URL; body is a text message (max 2048 bytes, trimmed). */
export function weComRequest(message: OutgoingMessage): WebhookRequest {
  return {
    url: message.address,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ msgtype: 'text', text: { content: truncateUtf8(message.text, 2048) } }),
  };
}

function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  let out = '';
  for (const ch of text) {
    if (Buffer.byteLength(out + ch + '…') > maxBytes) break;
    out += ch;
  }
  return `${out}…`;
}
