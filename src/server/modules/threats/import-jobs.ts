/**
 * Imports uploaded over HTTP run as jobs: the upload is spooled to a temporary file (bounded in
 * size), the request is answered 202 with the job id at once, and the import runs in the
 * background, writing its progress (objects processed) to the job row after every batch.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ImportJob, ImportOptions } from '../../../shared/contracts/threats.ts';
import { checkMarkingForWrite } from '../../platform/access/policy.ts';
import { requireActor, requireRole, type Ctx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { THREAT_EDITOR_ROLES, importStixBundle, type ImportResult, type ImportRun } from './import-stix.ts';
import { presentJob } from './presenter.ts';
import * as repo from './repository.ts';
import { openStixFile } from './stix-stream.ts';

/** Largest upload accepted (the ATT&CK Enterprise bundle is 50 MB uncompressed). */
export const MAX_UPLOAD_BYTES = 256 * 1024 * 1024;

const running = new Set<Promise<void>>();

/** Resolves when every background import has finished (tests, graceful shutdown). */
export async function settleImportJobs(): Promise<void> {
  while (running.size) await Promise.allSettled([...running]);
}

async function spool(body: Readable, limit: number): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'readyroom-stix-'));
  const file = join(dir, 'upload');
  let seen = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      seen += chunk.length;
      if (seen > limit) cb(new AppError('payload_too_large', `the upload is larger than ${limit} bytes`, { field: 'body' }));
      else cb(null, chunk);
    },
  });
  try {
    await pipeline(body, counter, createWriteStream(file));
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  if (seen === 0) {
    await rm(dir, { recursive: true, force: true });
    throw new AppError('validation_failed', 'body: the upload is empty', { field: 'body' });
  }
  return { dir, file };
}

/** Store the upload and start importing it; answers with the job (state running). */
export async function startStixImport(ctx: Ctx, body: Readable, opts: ImportOptions, source = 'upload'): Promise<ImportJob> {
  const actor = requireRole(ctx, ...THREAT_EDITOR_ROLES);
  await checkMarkingForWrite(ctx, actor, opts.defaultMarking, { orgIds: [], userIds: [] }, 'defaultMarking');
  const { dir, file } = await spool(body, MAX_UPLOAD_BYTES);
  const id = randomUUID();
  const at = new Date().toISOString();
  await repo.insertJob(ctx.db, {
    id,
    user_id: actor.userId,
    org_id: actor.orgId,
    source,
    state: 'running',
    processed: 0,
    total: null,
    summary: '{}',
    created_at: at,
    updated_at: at,
  });
  const run: ImportRun = {
    ...opts,
    onProgress: async (p) => repo.updateJob(ctx.db, id, { processed: p.processed, updated_at: new Date().toISOString() }),
  };
  const work = (async () => {
    try {
      const summary: ImportResult = await importStixBundle(ctx, await openStixFile(file), run);
      await repo.updateJob(ctx.db, id, {
        state: 'complete',
        processed: summary.total,
        total: summary.total,
        summary: JSON.stringify({ summary }),
        updated_at: new Date().toISOString(),
      });
    } catch (err) {
      const message = err instanceof AppError ? err.message : 'the import failed; see the server log';
      if (!(err instanceof AppError)) ctx.log.error({ err, job: id }, 'STIX import failed');
      await repo
        .updateJob(ctx.db, id, { state: 'failed', summary: JSON.stringify({ error: message }), updated_at: new Date().toISOString() })
        .catch((e: unknown) => ctx.log.error({ err: e, job: id }, 'could not record the failed import'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  })();
  running.add(work);
  void work.finally(() => running.delete(work));
  return getImportJob(ctx, id);
}

/** A job, visible to the user who started it. */
export async function getImportJob(ctx: Ctx, id: string): Promise<ImportJob> {
  const actor = requireActor(ctx);
  const row = await repo.findJob(ctx.db, id, actor.userId);
  if (!row) throw notFound('import job');
  return presentJob(row);
}
