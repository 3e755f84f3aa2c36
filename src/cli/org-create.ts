import type { Command } from 'commander';
import { createOrganisationSchema } from '../shared/contracts/accounts.ts';
import { createOrganisation } from '../server/modules/accounts/manage-organisations.ts';
import { AppError } from '../server/platform/errors.ts';
import { fail, withSystemCtx } from './runtime.ts';

export function orgCommand(program: Command): void {
  const org = program.command('org').description('manage organisations');
  org
    .command('create')
    .description('create an organisation (the first step of a real installation, before the first admin)')
    .requiredOption('--name <name>', 'full name, unique')
    .requiredOption('--short-name <short>', 'short name, e.g. PCO')
    .requiredOption('--kind <kind>', 'electoral_body, political_party, security_agency, department or other')
    .action(async (o: { name: string; shortName: string; kind: string }) => {
      const parsed = createOrganisationSchema.safeParse({ name: o.name, shortName: o.shortName, kind: o.kind });
      if (!parsed.success) {
        const field = String(parsed.error.issues[0]?.path[0] ?? 'input');
        const flag = field === 'shortName' ? '--short-name' : `--${field}`;
        fail(`${flag}: ${parsed.error.issues[0]?.message ?? 'invalid'}`, 2);
      }
      await withSystemCtx(async (ctx) => {
        try {
          const created = await createOrganisation(ctx, parsed.data, { asSystem: true });
          process.stdout.write(`created organisation ${created.name} (${created.id})\n`);
        } catch (err) {
          if (err instanceof AppError) fail(err.message, 2);
          throw err;
        }
      });
    });
}
