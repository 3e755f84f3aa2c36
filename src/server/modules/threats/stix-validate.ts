/**
 * Validates STIX 2.1 objects against the OASIS JSON Schemas shipped in ./stix-schemas, every file
 * registered under its `$id` so `$ref`s resolve offline. Custom objects (`x-...` types, such as
 * ATT&CK's x-mitre-*) get a light check of the common properties only.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';

const SCHEMA_DIR = join(import.meta.dirname, 'stix-schemas');
const ID_RE = /^[a-z0-9][a-z0-9-]*--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

export type StixObject = Record<string, unknown> & { id: string; type: string };
export type Verdict = { ok: true; object: StixObject } | { ok: false; id: string | null; type: string | null; reason: string };

type Validators = { byType: Map<string, ValidateFunction> };
let cached: Validators | null = null;

function loadValidators(): Validators {
  if (cached) return cached;
  // unicodeRegExp off: the OASIS patterns escape '-' (\-), which the u flag rejects.
  const ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true, unicodeRegExp: false });
  // The three formats the schemas use, checked lightly (ajv-formats would be one more dependency for this).
  ajv.addFormat('email', /^[^\s@]+@[^\s@]+$/);
  ajv.addFormat('idn-hostname', /^[^\s/]+$/);
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  const typeToId = new Map<string, string>();
  for (const folder of ['common', 'observables', 'sdos', 'sros']) {
    for (const file of readdirSync(join(SCHEMA_DIR, folder))) {
      if (!file.endsWith('.json')) continue;
      const schema = JSON.parse(readFileSync(join(SCHEMA_DIR, folder, file), 'utf8')) as { $id: string; title?: string };
      ajv.addSchema(schema, schema.$id);
      if (
        folder !== 'common' ||
        ['marking-definition', 'extension-definition', 'language-content', 'bundle'].includes(file.replace(/\.json$/, ''))
      ) {
        typeToId.set(file.replace(/\.json$/, ''), schema.$id);
      }
    }
  }
  const byType = new Map<string, ValidateFunction>();
  for (const [type, id] of typeToId) {
    const fn = ajv.getSchema(id);
    if (fn) byType.set(type, fn);
  }
  cached = { byType };
  return cached;
}

/** The STIX types that have a schema. */
export function knownStixTypes(): string[] {
  return [...loadValidators().byType.keys()].filter((t) => t !== 'bundle');
}

function describe(e: ErrorObject | undefined): string {
  if (!e) return 'does not match the STIX 2.1 schema';
  const where = e.instancePath ? e.instancePath.replace(/^\//, '').replaceAll('/', '.') : '(object)';
  const extra = e.keyword === 'required' ? ` (${String((e.params as { missingProperty?: string }).missingProperty)})` : '';
  return `${where}: ${e.message ?? 'is invalid'}${extra}`;
}

/** Check one object: the OASIS schema for standard types, a light check for custom ones. */
export function validateStixObject(value: unknown): Verdict {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, id: null, type: null, reason: 'not a JSON object' };
  const o = value as Record<string, unknown>;
  const id = typeof o.id === 'string' ? o.id : null;
  const type = typeof o.type === 'string' ? o.type : null;
  if (!type) return { ok: false, id, type, reason: 'type: required' };
  if (!id || !ID_RE.test(id) || !id.startsWith(`${type}--`)) return { ok: false, id, type, reason: `id: must be ${type}--<uuid>` };
  if (o.spec_version !== '2.1') return { ok: false, id, type, reason: 'spec_version: must be "2.1"' };
  for (const f of ['created', 'modified'] as const) {
    const v = o[f];
    if (v === undefined && (f === 'modified' ? type === 'marking-definition' : false)) continue;
    if (typeof v !== 'string' || !TIME_RE.test(v)) return { ok: false, id, type, reason: `${f}: must be an RFC 3339 UTC timestamp` };
  }
  if (typeof o.modified === 'string' && typeof o.created === 'string' && Date.parse(o.modified) < Date.parse(o.created)) {
    return { ok: false, id, type, reason: 'modified: earlier than created' };
  }
  if (type.startsWith('x-')) return { ok: true, object: o as StixObject };
  const validate = loadValidators().byType.get(type);
  if (!validate || type === 'bundle') return { ok: false, id, type, reason: `type: no STIX 2.1 schema for "${type}"` };
  if (!validate(o)) return { ok: false, id, type, reason: describe(validate.errors?.[0]) };
  return { ok: true, object: o as StixObject };
}
