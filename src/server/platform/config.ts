/**
 * Configuration from environment variables, validated once at start. A bad variable stops the
 * process with a message naming it; nothing else in the server reads process.env.
 */
import { z } from 'zod';
import { DEFAULT_SCREENING_CEILINGS, parseScreeningCeilings, type ScreeningCeilings } from '../../shared/markings.ts';

const bool = (def: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
    .optional()
    .transform((v) => (v === undefined ? def : ['true', '1', 'yes'].includes(v)));

const envSchema = z.object({
  PORT: z.coerce.number({ message: 'must be a port number' }).int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  PUBLIC_URL: z.url({ message: 'must be an absolute URL such as https://readyroom.example' }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  READYROOM_DEMO: bool(true),
  READYROOM_SECRET: z.string().min(32, 'must be at least 32 characters (use: openssl rand -hex 32)').optional(),
  READYROOM_SCREENING_CEILINGS: z.string().optional(),
  READYROOM_TRUST_PROXY: bool(false),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24)
    .default(12),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  SMTP_FROM: z.string().optional(),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  publicUrl: URL;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  demo: boolean;
  secret: string | undefined;
  screeningCeilings: ScreeningCeilings;
  trustProxy: boolean;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  /** Secure cookies with the __Host- prefix: on https, and on localhost where browsers allow it. */
  secureCookies: boolean;
  smtp: { url: string; from: string } | undefined;
};

export class ConfigError extends Error {}

/** Read and validate the configuration; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    throw new ConfigError(`configuration: ${name} ${issue?.message ?? 'is invalid'} (got "${env[name] ?? ''}")`);
  }
  const e = parsed.data;
  let screeningCeilings = DEFAULT_SCREENING_CEILINGS;
  if (e.READYROOM_SCREENING_CEILINGS) {
    try {
      screeningCeilings = parseScreeningCeilings(e.READYROOM_SCREENING_CEILINGS);
    } catch (err) {
      throw new ConfigError(`configuration: READYROOM_SCREENING_CEILINGS ${(err as Error).message}`);
    }
  }
  const publicUrl = new URL(e.PUBLIC_URL ?? `http://localhost:${e.PORT}`);
  const localHosts = ['localhost', '127.0.0.1', '[::1]'];
  if (e.SMTP_URL && !e.SMTP_FROM) throw new ConfigError('configuration: SMTP_FROM is required with SMTP_URL');
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    publicUrl,
    logLevel: e.LOG_LEVEL,
    demo: e.READYROOM_DEMO,
    secret: e.READYROOM_SECRET,
    screeningCeilings,
    trustProxy: e.READYROOM_TRUST_PROXY,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
    secureCookies: publicUrl.protocol === 'https:' || localHosts.includes(publicUrl.hostname),
    smtp: e.SMTP_URL ? { url: e.SMTP_URL, from: e.SMTP_FROM ?? '' } : undefined,
  };
}
