/**
 * Outgoing e-mail over SMTP (SMTP_URL, SMTP_FROM), when configured. Nothing classified goes by
 * e-mail: callers send only unclassified text (see exercises/invite-participants.ts).
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from './config.ts';

export type Mail = {
  to: string;
  subject: string;
  text: string;
  attachments?: { filename: string; content: string; contentType: string }[];
};

const transports = new Map<string, Transporter>();

/** True when SMTP is configured. */
export function mailEnabled(config: Config): boolean {
  return config.smtp !== undefined;
}

/** Send one message; throws on SMTP failure (callers decide whether that is fatal). */
export async function sendMail(config: Config, mail: Mail): Promise<void> {
  if (!config.smtp) throw new Error('SMTP is not configured');
  let transport = transports.get(config.smtp.url);
  if (!transport) {
    transport = nodemailer.createTransport(config.smtp.url);
    transports.set(config.smtp.url, transport);
  }
  await transport.sendMail({ from: config.smtp.from, ...mail });
}
