import type { Command } from 'commander';
import { createUserSchema } from '../shared/contracts/accounts.ts';
import { createUser } from '../server/modules/accounts/manage-users.ts';
import * as repo from '../server/modules/accounts/repository.ts';
import { AppError } from '../server/platform/errors.ts';
import { fail, readStdin, withSystemCtx } from './runtime.ts';

const list = (v: string) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export function userCommand(program: Command): void {
  const user = program.command('user').description('manage user accounts');
  user
    .command('create')
    .description('create a user; the password is read from standard input')
    .requiredOption('--email <email>', 'sign-in email')
    .requiredOption('--name <name>', 'display name')
    .requiredOption('--org <organisation>', 'home organisation: its name, short name or id')
    .requiredOption('--roles <roles>', 'comma-separated: admin,planner,controller,evaluator,player,observer,advisor,analyst,briefer')
    .option('--screening <level>', 'none, reliability, secret or top_secret', 'none')
    .option('--caveats <caveats>', 'comma-separated caveat codes, e.g. CEO', '')
    .option('--locale <locale>', 'en or fr', 'en')
    .addHelpText(
      'after',
      '\nExample:\n  printf "%s" "$PASSWORD" | readyroom user create --email a@b.ca --name "A B" --org PCO --roles admin',
    )
    .action(async (o: { email: string; name: string; org: string; roles: string; screening: string; caveats: string; locale: string }) => {
      const password = await readStdin();
      await withSystemCtx(async (ctx) => {
        const orgs = await repo.listOrganisations(ctx.db);
        const org = orgs.find((x) => x.id === o.org || x.name === o.org || x.short_name === o.org);
        if (!org) fail(`--org: no organisation "${o.org}" (known: ${orgs.map((x) => x.short_name).join(', ') || 'none'})`, 2);
        const parsed = createUserSchema.safeParse({
          email: o.email,
          displayName: o.name,
          organisationId: org.id,
          roles: list(o.roles),
          screening: o.screening,
          caveats: list(o.caveats),
          locale: o.locale,
          password,
        });
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          const field = String(issue?.path[0] ?? 'input');
          fail(`${field === 'password' ? 'password (stdin)' : `--${field}`}: ${issue?.message ?? 'invalid'}`, 2);
        }
        try {
          const created = await createUser(ctx, parsed.data, { asSystem: true });
          process.stdout.write(`created user ${created.email} (${created.id})\n`);
        } catch (err) {
          if (err instanceof AppError) fail(err.message, 2);
          throw err;
        }
      });
    });
}
