/** `readyroom`: the operator's command line. One file per command. */
import { Command } from 'commander';
import { auditCommand } from './audit-verify.ts';
import { demoCommand } from './demo-seed.ts';
import { importCommand } from './import-stix.ts';
import { migrateCommand } from './migrate.ts';
import { orgCommand } from './org-create.ts';
import { scenarioCommand } from './scenario.ts';
import { exerciseCommand } from './exercise-dry-run.ts';
import { serveCommand } from './serve.ts';
import { userCommand } from './user-create.ts';

const program = new Command('readyroom')
  .description('Readyroom: election readiness exercises, evaluation and threat picture')
  .version('0.1.0')
  .showHelpAfterError();
serveCommand(program);
migrateCommand(program);
orgCommand(program);
userCommand(program);
scenarioCommand(program);
importCommand(program);
exerciseCommand(program);
auditCommand(program);
demoCommand(program);

await program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`readyroom: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
