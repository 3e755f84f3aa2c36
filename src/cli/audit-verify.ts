import type { Command } from 'commander';
import { verifyAudit } from '../server/platform/audit/audit.ts';
import { withSystemCtx } from './runtime.ts';

export function auditCommand(program: Command): void {
  const audit = program.command('audit').description('the tamper-evident audit log');
  audit
    .command('verify')
    .description('check the whole hash chain; exits 1 naming the first broken entry')
    .option('--json', 'print the result as JSON')
    .action(async (o: { json?: boolean }) => {
      const result = await withSystemCtx((ctx) => verifyAudit(ctx.db));
      if (o.json) process.stdout.write(`${JSON.stringify(result)}\n`);
      else if (result.ok) process.stdout.write(`OK: ${result.count} entries, chain intact\n`);
      else process.stdout.write(`BROKEN at entry ${result.brokenSeq}: ${result.reason} (${result.count} entries verified before it)\n`);
      process.exitCode = result.ok ? 0 : 1;
    });
}
