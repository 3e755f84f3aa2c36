/**
 * `readyroom import stix FILE` and `readyroom import disarm-countermeasures [DIR]`: import as a
 * named analyst (their organisation owns what is imported), a progress bar on stderr when it is
 * a terminal, and a JSON summary on stdout (counts by type, skipped objects with id and reason).
 */
import { statSync } from 'node:fs';
import type { Command } from 'commander';
import { CLASSIFICATIONS, TLP_LABELS, type Classification, type Marking, type TlpLabel } from '../shared/markings.ts';
import { findUserByEmail } from '../server/modules/accounts/repository.ts';
import { SHIPPED_DISARM_DIR, importDisarmCountermeasures } from '../server/modules/threats/import-countermeasures.ts';
import { importStixBundle } from '../server/modules/threats/import-stix.ts';
import { openStixFile } from '../server/modules/threats/stix-stream.ts';
import { actorForUser } from '../server/platform/auth/plugin.ts';
import type { Ctx } from '../server/platform/context.ts';
import { AppError } from '../server/platform/errors.ts';
import { fail, withSystemCtx } from './runtime.ts';

type MarkingOptions = { as: string; classification: string; tlp: string; caveats?: string };

function markingFrom(o: MarkingOptions): Marking {
  if (!(CLASSIFICATIONS as readonly string[]).includes(o.classification)) fail(`--classification: one of ${CLASSIFICATIONS.join(', ')}`, 2);
  if (!(TLP_LABELS as readonly string[]).includes(o.tlp)) fail(`--tlp: one of ${TLP_LABELS.join(', ')}`, 2);
  const caveats = (o.caveats ?? '')
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  return { classification: o.classification as Classification, tlp: o.tlp as TlpLabel, caveats };
}

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

/** A one-line bar redrawn in place; only when stderr is a terminal. */
function progressBar(total: number): { update: (bytes: number, objects: number) => void; done: () => void } {
  if (!process.stderr.isTTY) return { update: () => undefined, done: () => undefined };
  let bytes = 0;
  let objects = 0;
  let last = 0;
  const draw = () => {
    const ratio = total > 0 ? Math.min(1, bytes / total) : 0;
    const width = 30;
    const full = Math.round(ratio * width);
    process.stderr.write(`\r[${'#'.repeat(full)}${'.'.repeat(width - full)}] ${(ratio * 100).toFixed(0).padStart(3)}%  ${objects} objects`);
  };
  return {
    update: (b, o) => {
      bytes = Math.max(bytes, b);
      objects = Math.max(objects, o);
      const now = Date.now();
      if (now - last > 100) {
        last = now;
        draw();
      }
    },
    done: () => {
      draw();
      process.stderr.write('\n');
    },
  };
}

const withMarkingOptions = (c: Command) =>
  c
    .requiredOption('--as <email>', 'the analyst (or admin) whose organisation will own the objects')
    .option('--classification <level>', 'classification of objects (imports mark every object with it)', 'UNCLASSIFIED')
    .option('--tlp <label>', 'TLP of objects that carry no TLP marking of their own', 'CLEAR')
    .option('--caveats <list>', 'comma-separated caveats');

export function importCommand(program: Command): void {
  const imp = program.command('import').description('import threat data (STIX 2.1 bundles, DISARM countermeasures)');
  withMarkingOptions(
    imp
      .command('stix')
      .description('import a STIX 2.1 bundle (.json or .json.gz), streaming; prints a JSON summary')
      .argument('<file>', 'path to the bundle'),
  ).action(async (file: string, o: MarkingOptions) => {
    let size: number;
    try {
      size = statSync(file).size;
    } catch (err) {
      fail(`${file}: ${(err as Error).message}`, 2);
    }
    const defaultMarking = markingFrom(o);
    const bar = progressBar(size);
    let bytes = 0;
    const summary = await asUser(o.as, async (ctx) =>
      importStixBundle(
        ctx,
        await openStixFile(file, (b) => {
          bytes = b;
        }),
        { defaultMarking, onProgress: (p) => bar.update(bytes, p.processed) },
      ),
    );
    bar.done();
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  });
  withMarkingOptions(
    imp
      .command('disarm-countermeasures')
      .description('import the DISARM Blue countermeasures and their technique links (import the DISARM STIX bundle first)')
      .argument('[dir]', 'folder with countermeasures.csv and countermeasure_techniques.csv (default: the copy shipped with Readyroom)'),
  ).action(async (dir: string | undefined, o: MarkingOptions) => {
    const defaultMarking = markingFrom(o);
    const summary = await asUser(o.as, (ctx) => importDisarmCountermeasures(ctx, dir ?? SHIPPED_DISARM_DIR, { defaultMarking }));
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  });
}
