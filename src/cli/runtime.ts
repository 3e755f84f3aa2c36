/** Shared by CLI commands: load config (exit 2 naming a bad variable) and open the database. */
import pino from 'pino';
import { ConfigError, loadConfig, type Config } from '../server/platform/config.ts';
import { openRuntime, type Runtime } from '../server/platform/bootstrap.ts';
import type { Ctx } from '../server/platform/context.ts';
import { loggerOptions } from '../server/platform/logger.ts';

export function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
}

/** Run a command against the database as the system (no signed-in user), then close it. */
export async function withSystemCtx<T>(fn: (ctx: Ctx, runtime: Runtime) => Promise<T>, opts: { migrate?: boolean } = {}): Promise<T> {
  const config = configOrExit();
  const runtime = await openRuntime(config, opts);
  const log = pino({ ...loggerOptions(config.logLevel === 'info' ? 'warn' : config.logLevel) }, pino.destination(2));
  try {
    return await fn({ ...runtime, log, actor: null, requestId: null, ip: 'cli' }, runtime);
  } finally {
    await runtime.database.close();
  }
}

export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('password (then Enter, Ctrl-D): ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Print a failure the operator can act on, and exit non-zero. */
export function fail(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}
