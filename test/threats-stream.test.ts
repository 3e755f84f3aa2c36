/** The bundle scanner: objects come out whole however the bytes are split; bad files are named. */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { StixFormatError, maybeGunzip, streamStixObjects } from '../src/server/modules/threats/stix-stream.ts';
import { sortableTime } from '../src/server/modules/threats/import-stix.ts';

async function* chunked(buf: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

async function collect(buf: Buffer, size: number): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const o of streamStixObjects(chunked(buf, size))) out.push(o);
  return out;
}

const tricky = [
  { type: 'note', id: 'a', content: 'quotes \\" and } and ] and {"objects": []} inside a string', objects: ['x'] },
  { type: 'note', id: 'b', content: 'élection — 選挙 — 🗳️', nested: { objects: [{ deep: true }] } },
  { type: 'note', id: 'c', content: 'back\\\\slash at the end\\\\' },
];

describe('streamStixObjects', () => {
  it.each([1, 2, 3, 7, 64, 1 << 20])('finds every object of a bundle split into %i-byte chunks', async (size) => {
    const text = JSON.stringify({
      type: 'bundle',
      id: 'bundle--x',
      spec_version: '2.1',
      note: 'the objects key comes last',
      objects: tricky,
    });
    expect(await collect(Buffer.from(text), size)).toEqual(tricky);
  });

  it('reads a top-level array, pretty-printed JSON, and gzip', async () => {
    expect(await collect(Buffer.from(JSON.stringify(tricky, null, 2)), 5)).toEqual(tricky);
    const gz = gzipSync(JSON.stringify({ type: 'bundle', objects: tricky }));
    const out: unknown[] = [];
    for await (const o of streamStixObjects(maybeGunzip(chunked(gz, 100)))) out.push(o);
    expect(out).toEqual(tricky);
  });

  it.each([
    ['{"type":"bundle","objects":[{"a":1},{"b":', /ends too early/],
    ['', /empty/],
    ['{"type":"bundle","id":"bundle--x"}', /no "objects" array/],
    ['{"type":"bundle","objects":[{"a":1,}]}', /not valid JSON/],
  ])('refuses %j', async (text, message) => {
    await expect(collect(Buffer.from(text), 4)).rejects.toThrow(StixFormatError);
    await expect(collect(Buffer.from(text), 4)).rejects.toThrow(message);
  });
});

describe('sortableTime', () => {
  it('orders timestamps of different precision by time', () => {
    expect(sortableTime('2024-01-01T00:00:00Z') < sortableTime('2024-01-01T00:00:00.5Z')).toBe(true);
    expect(sortableTime('2024-01-01T00:00:00.100Z')).toBe(sortableTime('2024-01-01T00:00:00.1Z'));
  });
});
