import type { EmailChannelOptions } from '@duban/notifications';

/**
 * E-mail delivery from the environment: SMTP_URL (smtp://user:pass@host:587 or smtps://…:465) and
 * SMTP_FROM. Unset SMTP_URL means no e-mail channel: e-mail notifications then fail visibly on
 * the board instead of vanishing. A malformed value stops the worker naming the variable.
 */
export function readSmtpConfig(env: NodeJS.ProcessEnv = process.env): EmailChannelOptions | undefined {
  const raw = env.SMTP_URL;
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`SMTP_URL is not a valid URL: "${raw}" (expected smtp://user:pass@host:587)`);
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new Error(`SMTP_URL must use smtp: or smtps:, got "${url.protocol}"`);
  const from = env.SMTP_FROM;
  if (!from) throw new Error('SMTP_FROM must be set when SMTP_URL is (e.g. "督办系统 <duban@example.gov.cn>")');
  const secure = url.protocol === 'smtps:';
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    from,
  };
}
