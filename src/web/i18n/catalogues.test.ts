/**
 * The two interface catalogues stay complete and in step: same keys (allowing each language its
 * own plural forms), no empty value, the same {{variables}}, and every t('…') literal used in
 * the web app exists. Families of keys built at run time (roles, screenings…) are checked too.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ORG_KINDS, ROLES } from '../../shared/contracts/accounts.ts';
import { AUDIT_OUTCOMES } from '../../shared/contracts/audit.ts';
import { ERROR_CODES } from '../../shared/contracts/common.ts';
import { CLASSIFICATIONS, SCREENINGS } from '../../shared/markings.ts';
import { PRODUCT_MODULES } from '../modules/home/product-modules.ts';
import en from './en.json';
import fr from './fr.json';

type Tree = { [key: string]: string | Tree };
const LANGS = { en: en as Tree, fr: fr as Tree } as const;
type Lang = keyof typeof LANGS;
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const flat = { en: flatten(LANGS.en), fr: flatten(LANGS.fr) };

/** Keys with plural suffixes folded into their base key. */
function baseKeys(lang: Lang): Set<string> {
  return new Set([...flat[lang].keys()].map((k) => k.replace(PLURAL_SUFFIX, '')));
}

function variables(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1] ?? '').sort();
}

/** The value of a key in a language, or, for a plural key, its "other" form. */
function valueOf(lang: Lang, key: string): string | undefined {
  return flat[lang].get(key) ?? flat[lang].get(`${key}_other`);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('interface catalogues', () => {
  it('have the same keys in English and French', () => {
    const [e, f] = [baseKeys('en'), baseKeys('fr')];
    expect(
      [...e].filter((k) => !f.has(k)),
      'missing in fr.json',
    ).toEqual([]);
    expect(
      [...f].filter((k) => !e.has(k)),
      'missing in en.json',
    ).toEqual([]);
  });

  it('have every plural form each language needs', () => {
    for (const lang of Object.keys(LANGS) as Lang[]) {
      const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
      const plural = new Set([...flat[lang].keys()].filter((k) => PLURAL_SUFFIX.test(k)).map((k) => k.replace(PLURAL_SUFFIX, '')));
      for (const base of [...baseKeys('en'), ...baseKeys('fr')].filter((k) => flat.en.has(`${k}_other`) || flat.fr.has(`${k}_other`))) {
        expect(plural.has(base), `${lang}: ${base} has no plural forms`).toBe(true);
        const missing = categories.filter((c) => !flat[lang].has(`${base}_${c}`));
        expect(missing, `${lang}: ${base} lacks plural forms`).toEqual([]);
      }
    }
  });

  it('have no empty value', () => {
    for (const lang of Object.keys(LANGS) as Lang[]) {
      const empty = [...flat[lang]].filter(([, v]) => v.trim() === '').map(([k]) => k);
      expect(empty, `${lang}: empty values`).toEqual([]);
    }
  });

  it('use the same {{variables}} in both languages', () => {
    const keys = new Set([...flat.en.keys(), ...flat.fr.keys()]);
    const mismatches: string[] = [];
    for (const key of keys) {
      const base = key.replace(PLURAL_SUFFIX, '');
      const e = flat.en.get(key) ?? valueOf('en', base);
      const f = flat.fr.get(key) ?? valueOf('fr', base);
      if (e === undefined || f === undefined) continue;
      const [ve, vf] = [variables(e), variables(f)];
      if (JSON.stringify([...new Set(ve)]) !== JSON.stringify([...new Set(vf)]))
        mismatches.push(`${key}: en ${ve.join(',')} / fr ${vf.join(',')}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('translate French rather than copy English', () => {
    // Identical text is fine for names and codes (Readyroom, SECRET, Organisations, Actions…).
    const allowed = new Set([
      'app.name',
      'nav.administration',
      'nav.organisations',
      'orgs.title',
      'common.actions',
      'audit.action',
      'classification.SECRET',
      'users.organisation',
      'role.analyst',
      'orgs.caption_one',
      'orgs.caption_other',
      'plans.caption_one',
      'plans.caption_other',
      'plans.versionN',
      'dryRun.minutes',
    ]);
    const copies = [...flat.en].filter(([k, v]) => v.split(' ').length > 1 && flat.fr.get(k) === v && !allowed.has(k)).map(([k]) => k);
    expect(copies).toEqual([]);
  });

  it('name every role, screening, organisation kind, classification, outcome, error and module', () => {
    const needed = [
      ...ROLES.map((r) => `role.${r}`),
      ...ROLES.map((r) => `home.roleIntro.${r}`),
      ...SCREENINGS.map((s) => `screening.${s}`),
      ...ORG_KINDS.map((k) => `orgKind.${k}`),
      ...CLASSIFICATIONS.map((c) => `classification.${c.replace(/ /g, '_')}`),
      ...AUDIT_OUTCOMES.map((o) => `outcome.${o}`),
      ...ERROR_CODES.map((c) => `errors.${c}`),
      'errors.network',
      ...PRODUCT_MODULES.flatMap((m) => [`modules.${m}.name`, `modules.${m}.summary`]),
    ];
    for (const lang of Object.keys(LANGS) as Lang[]) {
      expect(
        needed.filter((k) => valueOf(lang, k) === undefined),
        `${lang}: missing`,
      ).toEqual([]);
    }
  });

  it('contain every t(…) key written in the web app', () => {
    const root = join(import.meta.dirname, '..');
    const files = sourceFiles(root);
    expect(files.length).toBeGreaterThan(10);
    const missing: string[] = [];
    let count = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*(['"])([^'"`$]+?)\1/g)) {
        const key = m[2] ?? '';
        count += 1;
        for (const lang of Object.keys(LANGS) as Lang[]) {
          if (valueOf(lang, key) === undefined) missing.push(`${relative(root, file)}: ${key} (${lang})`);
        }
      }
    }
    expect(count).toBeGreaterThan(50);
    expect(missing).toEqual([]);
  });
});
