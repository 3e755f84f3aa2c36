import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { findUserByEmail } from '../server/modules/accounts/repository.ts';
import { importScenario } from '../server/modules/scenarios/import-scenario.ts';
import { exportScenario, listScenarios } from '../server/modules/scenarios/read-scenarios.ts';
import { actorForUser } from '../server/platform/auth/plugin.ts';
import type { Ctx } from '../server/platform/context.ts';
import { AppError } from '../server/platform/errors.ts';
import { fail, withSystemCtx } from './runtime.ts';

/** Run as the named user: the same roles, clearance and audit trail as in the web app. */
async function asUser<T>(email: string, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  return withSystemCtx(async (system) => {
    const user = await findUserByEmail(system.db, email);
    const actor = user ? await actorForUser(system, user.id, 'cli') : null;
    if (!actor) fail(`--as: no active user ${email}`, 2);
    try {
      return await fn({ ...system, actor });
    } catch (err) {
      if (err instanceof AppError) fail(`${err.field ? `${err.field}: ` : ''}${err.message}`, err.status === 404 ? 3 : 2);
      throw err;
    }
  });
}

export function scenarioCommand(program: Command): void {
  const scenario = program.command('scenario').description('exercise scenarios (acting as a named user, with their access)');
  scenario
    .command('list')
    .description('list the scenarios the user may see')
    .requiredOption('--as <email>', 'the user to act as (planner, controller, evaluator or admin)')
    .option('--json', 'print JSON')
    .action(async (o: { as: string; json?: boolean }) => {
      const list = await asUser(o.as, (ctx) => listScenarios(ctx));
      if (o.json) process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
      else
        for (const s of list)
          process.stdout.write(`${s.id}  v${s.version}  ${s.injectCount} injects  ${s.marking.classification}  ${s.title.en}\n`);
    });
  scenario
    .command('import')
    .description('import a scenario file: Readyroom JSON or YAML, or MISP CEXF JSON')
    .argument('<file>', 'path to the file')
    .requiredOption('--as <email>', 'the planner who will own it')
    .action(async (file: string, o: { as: string }) => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (err) {
        fail(`${file}: ${(err as Error).message}`, 2);
      }
      const created = await asUser(o.as, (ctx) => importScenario(ctx, text));
      process.stdout.write(
        `imported ${created.id} "${created.document.title.en}" (${created.document.injects.length} injects, ${created.problems.length} problems)\n`,
      );
    });
  scenario
    .command('export')
    .description('print a scenario file (only the injects the user may read)')
    .argument('<id>', 'scenario id')
    .requiredOption('--as <email>', 'the user to act as')
    .option('--format <format>', 'json or yaml', 'json')
    .action(async (id: string, o: { as: string; format: string }) => {
      if (o.format !== 'json' && o.format !== 'yaml') fail('--format: json or yaml', 2);
      const file = await asUser(o.as, (ctx) => exportScenario(ctx, id, o.format === 'yaml' ? 'yaml' : 'json'));
      process.stdout.write(file.body);
    });
}
