import type { Command } from 'commander';
import { serve } from '../server/main.ts';
import { configOrExit } from './runtime.ts';

export function serveCommand(program: Command): void {
  program
    .command('serve')
    .description('run the web server (migrates the database first; seeds the demo unless READYROOM_DEMO=false)')
    .action(async () => serve(configOrExit()));
}
