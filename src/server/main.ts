/** Process entry for `readyroom serve`: config, migrate, optional demo, listen, graceful shutdown. */
import type { Config } from './platform/config.ts';
import { openRuntime } from './platform/bootstrap.ts';
import { buildApp } from './app.ts';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from './modules/demo/seed-demo.ts';

export async function serve(config: Config): Promise<void> {
  const runtime = await openRuntime(config);
  const app = await buildApp(runtime);
  if (config.demo) {
    const seeded = await seedDemo({ ...runtime, log: app.log, actor: null, requestId: null, ip: null });
    app.log.warn(
      { seeded, accounts: DEMO_USERS.map((u) => u.email) },
      `DEMO MODE: demo accounts use the password "${DEMO_PASSWORD}" — for trying Readyroom only; set READYROOM_DEMO=false for real use`,
    );
  }
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await app.close();
    await runtime.database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  app.log.info({ url: config.publicUrl.href, database: runtime.dialect }, 'Readyroom is ready');
}
