/**
 * Streams the objects of a STIX bundle (`{"type":"bundle","objects":[...]}`) or of a top-level
 * array, one parsed object at a time, without holding the file in memory.
 *
 * Why not a general streaming JSON parser: token-level parsers (stream-json and the like) build
 * every value from events in JavaScript and run several times slower than JSON.parse. A bundle
 * is a list of small objects, so this scanner only finds where each object starts and ends
 * (tracking strings, escapes and nesting on bytes; the structural characters are ASCII, so
 * multi-byte UTF-8 needs no decoding here) and hands each slice to JSON.parse.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJ = 0x7b;
const CLOSE_OBJ = 0x7d;
const OPEN_ARR = 0x5b;
const CLOSE_ARR = 0x5d;
const COLON = 0x3a;

export class StixFormatError extends Error {}

/** A readable for a .json or .json.gz file (gzip detected from its magic bytes, not its name). */
export async function openStixFile(path: string, onRead?: (bytesSoFar: number) => void): Promise<Readable> {
  const head = await new Promise<Buffer>((resolve, reject) => {
    const s = createReadStream(path, { start: 0, end: 1 });
    const parts: Buffer[] = [];
    s.on('data', (c) => parts.push(c as Buffer));
    s.on('end', () => resolve(Buffer.concat(parts)));
    s.on('error', reject);
  });
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  if (onRead) {
    let seen = 0;
    raw.on('data', (c) => onRead((seen += c.length)));
  }
  return head[0] === 0x1f && head[1] === 0x8b ? raw.pipe(createGunzip()) : raw;
}

/** Gunzip a stream when it starts with the gzip magic bytes. */
export async function* maybeGunzip(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const it = source[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return;
  const rest = (async function* () {
    yield first.value;
    for (;;) {
      const n = await it.next();
      if (n.done) return;
      yield n.value;
    }
  })();
  if (first.value[0] === 0x1f && first.value[1] === 0x8b) {
    yield* Readable.from(rest).pipe(createGunzip());
  } else {
    yield* rest;
  }
}

/** Each element of the bundle's `objects` (or of a top-level array), parsed; non-objects are yielded as they are. */
export async function* streamStixObjects(source: AsyncIterable<Buffer | string>): AsyncGenerator<unknown> {
  let depth = 0;
  let inString = false;
  let escaped = false;
  let rootKind: 'object' | 'array' | null = null;
  // Inside the root object: the last key string seen at depth 1, and whether it is `objects`.
  let keyStart = -1;
  let lastKey = '';
  let expectValueOfObjects = false;
  let arrayDepth = -1; // depth of the objects array once inside it
  let elementStart = -1;
  let carry: Buffer = Buffer.alloc(0);
  let seenObjects = false;

  for await (const chunk of source) {
    const incoming = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    const buf = carry.length ? Buffer.concat([carry, incoming]) : incoming;
    let keep = -1; // where the kept tail starts
    // The carried bytes were scanned already: only their offsets are kept.
    for (let i = carry.length; i < buf.length; i++) {
      const c = buf[i] as number;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === BACKSLASH) escaped = true;
        else if (c === QUOTE) {
          inString = false;
          if (depth === 1 && rootKind === 'object' && keyStart >= 0) {
            lastKey = buf.toString('utf8', keyStart, i);
            keyStart = -1;
          }
        }
        continue;
      }
      switch (c) {
        case QUOTE:
          inString = true;
          if (depth === 1 && rootKind === 'object') {
            if (expectValueOfObjects) expectValueOfObjects = false;
            else keyStart = i + 1;
          }
          break;
        case COLON:
          if (depth === 1 && rootKind === 'object') expectValueOfObjects = lastKey === 'objects';
          break;
        case OPEN_OBJ:
        case OPEN_ARR:
          if (depth === 0) {
            rootKind = c === OPEN_OBJ ? 'object' : 'array';
            if (rootKind === 'array') {
              arrayDepth = 1;
              seenObjects = true;
            }
          } else if (depth === 1 && rootKind === 'object' && expectValueOfObjects && c === OPEN_ARR) {
            arrayDepth = 2;
            seenObjects = true;
            expectValueOfObjects = false;
          } else if (depth === arrayDepth && elementStart < 0) {
            elementStart = i;
          }
          depth++;
          break;
        case CLOSE_OBJ:
        case CLOSE_ARR:
          depth--;
          if (depth === arrayDepth && elementStart >= 0) {
            const text = buf.toString('utf8', elementStart, i + 1);
            elementStart = -1;
            try {
              yield JSON.parse(text) as unknown;
            } catch {
              throw new StixFormatError('the file is not valid JSON inside an object');
            }
          } else if (depth === arrayDepth - 1 && arrayDepth > 0) {
            arrayDepth = -1;
          }
          if (depth < 0) throw new StixFormatError('the file is not valid JSON (unbalanced brackets)');
          break;
        default:
          if (depth === 1 && rootKind === 'object' && c > 0x20 && c !== 0x2c) expectValueOfObjects = false;
      }
    }
    if (elementStart >= 0) {
      keep = elementStart;
      elementStart = 0;
    } else if (keyStart >= 0) {
      keep = keyStart;
      keyStart = 0;
    }
    carry = keep >= 0 ? buf.subarray(keep) : Buffer.alloc(0);
  }
  if (rootKind === null) throw new StixFormatError('the file is empty or not JSON');
  if (depth !== 0 || inString) throw new StixFormatError('the file ends too early (truncated JSON)');
  if (!seenObjects) throw new StixFormatError('no "objects" array: not a STIX bundle');
}
