import type { Command } from 'commander';
import { DEMO_PASSWORD, seedDemo } from '../server/modules/demo/seed-demo.ts';
import { withSystemCtx } from './runtime.ts';

export function demoCommand(program: Command): void {
  const demo = program.command('demo').description('demonstration data');
  demo
    .command('seed')
    .description(`create the demo organisations and one user per role (password "${DEMO_PASSWORD}", demo only)`)
    .action(async () => {
      const r = await withSystemCtx((ctx) => seedDemo(ctx));
      process.stdout.write(
        `demo: ${r.organisations} organisations and ${r.users} users created; password "${DEMO_PASSWORD}" (demo only)\n`,
      );
    });
}
