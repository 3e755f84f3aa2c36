/**
 * Turning spreadsheet rows into injects: column suggestions from headers, and per-row parsing
 * that names the column of every problem. Pure, so the server and the web preview agree.
 */
import type { MselField } from './contracts/msel-import.ts';
import { CLASSIFICATIONS, TLP_LABELS, type Marking } from './markings.ts';
import { CHANNELS, injectSchema, type Inject, type ScenarioDocument } from './scenario-format.ts';
import { parseOffset } from './scenario-rules.ts';

type Channel = (typeof CHANNELS)[number];
export type RowError = { column: string; message: string };
export type ParsedRow = { row: number; inject: Inject | null; errors: RowError[] };

const norm = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9+]+/g, ' ')
    .trim();

/** Header texts that usually mean each field, in English and French (compared without accents). */
const SYNONYMS: Readonly<Record<MselField, readonly string[]>> = {
  number: ['number', 'no', 'n', 'num', 'inject number', 'inject no', '#', 'numero', 'no de stimulus'],
  offset: ['offset', 'time', 'scenario time', 'exercise time', 'd+ h+ m+', 'when', 'heure', 'decalage', 'temps', 'moment'],
  title_en: ['title', 'title en', 'title english', 'synopsis', 'event synopsis', 'event', 'subject'],
  title_fr: ['title fr', 'titre', 'titre fr', 'title french', 'synopsis fr'],
  content_en: ['content', 'content en', 'inject', 'inject content', 'message', 'description', 'text', 'body'],
  content_fr: ['content fr', 'contenu', 'contenu fr', 'message fr', 'texte'],
  channel: ['channel', 'delivery', 'delivery method', 'method', 'medium', 'canal', 'mode de transmission'],
  recipients: ['recipients', 'recipient', 'to', 'intended player', 'player', 'players', 'teams', 'team', 'destinataires', 'destinataire'],
  persona: ['persona', 'from', 'sender', 'source', 'expediteur'],
  classification: ['classification', 'marking', 'cote', 'classification de securite'],
  tlp: ['tlp'],
  caveats: ['caveats', 'caveat', 'mises en garde', 'mise en garde'],
  expected_action_en: ['expected action', 'expected player action', 'expected actions', 'expected outcome', 'action'],
  expected_action_fr: ['expected action fr', 'action attendue', 'actions attendues'],
  expected_by: ['expected by', 'by', 'responsible', 'action by', 'par'],
  expected_within: ['within', 'within minutes', 'deadline', 'expected within', 'delai', 'dans les'],
  controller_notes: ['notes', 'controller notes', 'notes for controllers', 'remarks', 'notes du controleur'],
};

/** Suggest a mapping from the headers: exact synonyms first, each header used once. */
export function suggestMapping(headers: readonly string[]): Partial<Record<MselField, string>> {
  const result: Partial<Record<MselField, string>> = {};
  const used = new Set<string>();
  for (const [field, words] of Object.entries(SYNONYMS) as [MselField, readonly string[]][]) {
    const hit = headers.find((h) => !used.has(h) && words.includes(norm(h)));
    if (hit !== undefined) {
      result[field] = hit;
      used.add(hit);
    }
  }
  return result;
}

const CHANNEL_WORDS: Readonly<Record<Channel, readonly string[]>> = {
  email: ['email', 'e mail', 'mail', 'courriel'],
  phone_call: ['phone call', 'phone', 'call', 'telephone', 'appel', 'appel telephonique'],
  social_post: ['social post', 'social', 'social media', 'post', 'tweet', 'publication', 'medias sociaux'],
  news_article: ['news article', 'news', 'article', 'media', 'nouvelles', 'article de presse'],
  intelligence_report: ['intelligence report', 'intelligence', 'intel', 'rapport de renseignement', 'renseignement'],
  system_alert: ['system alert', 'alert', 'alarm', 'alerte', 'alerte systeme'],
  situation_report: ['situation report', 'sitrep', 'rapport de situation'],
};

function channelOf(text: string): Channel | undefined {
  const n = norm(text).replace(/ /g, ' ');
  for (const c of CHANNELS) if (n === norm(c) || CHANNEL_WORDS[c].includes(n)) return c;
  return undefined;
}

const list = (text: string) =>
  text
    .split(/[;,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Options for turning rows into injects. */
export type RowContext = {
  doc: ScenarioDocument;
  mapping: Partial<Record<MselField, string>>;
  startClock?: string | undefined;
};

/** Parse data rows (objects keyed by header) into injects, numbering after the scenario's own. */
export function parseMselRows(rows: readonly Record<string, string>[], ctx: RowContext): ParsedRow[] {
  const { doc, mapping } = ctx;
  const teamsByName = new Map<string, string>();
  for (const t of doc.teams) for (const key of [t.id, t.name.en, t.name.fr]) if (key) teamsByName.set(norm(key), t.id);
  const personaBy = new Map<string, string>();
  for (const p of doc.personas) for (const key of [p.id, p.handle, p.name]) personaBy.set(norm(key), p.id);
  const takenNumbers = new Set(doc.injects.map((i) => i.number));
  const takenIds = new Set(doc.injects.map((i) => i.id));
  let nextNumber = Math.max(0, ...doc.injects.map((i) => i.number)) + 1;

  return rows.map((cells, index) => {
    const row = index + 2; // the header is row 1
    const errors: RowError[] = [];
    const col = (field: MselField) => mapping[field];
    const get = (field: MselField) => {
      const c = col(field);
      return c === undefined ? '' : (cells[c] ?? '').trim();
    };
    const fail = (field: MselField, message: string) => errors.push({ column: col(field) ?? field, message });

    let number = nextNumber;
    if (get('number')) {
      const n = Number(get('number'));
      if (!Number.isInteger(n) || n < 1 || n > 9999) fail('number', `"${get('number')}" is not a whole number from 1 to 9999`);
      else number = n;
    }
    if (takenNumbers.has(number)) fail('number', `inject number ${number} is already used`);
    takenNumbers.add(number);
    nextNumber = Math.max(nextNumber, number + 1);

    let offsetMinutes = 0;
    const offsetText = get('offset');
    if (!offsetText) fail('offset', 'the time is missing');
    else {
      const parsed = parseOffset(offsetText, ctx.startClock);
      if (parsed.ok) offsetMinutes = parsed.minutes;
      else fail('offset', parsed.message);
    }

    const title = { en: get('title_en'), fr: get('title_fr') };
    if (!title.en) fail('title_en', 'the title is missing');
    const content = { en: get('content_en'), fr: get('content_fr') };
    if (!content.en) fail('content_en', 'the content is missing');

    const channel = channelOf(get('channel'));
    if (!channel) fail('channel', `"${get('channel')}" is not a channel (${CHANNELS.join(', ')})`);

    const recipients = { everyone: false, teams: [] as string[], roles: [] as string[] };
    const named = list(get('recipients'));
    if (named.length === 0) fail('recipients', 'nobody receives this inject');
    for (const name of named) {
      if (['everyone', 'all', 'tous', 'tout le monde'].includes(norm(name))) recipients.everyone = true;
      else {
        const team = teamsByName.get(norm(name));
        if (team) recipients.teams.push(team);
        else fail('recipients', `no team "${name}" in this scenario`);
      }
    }

    let personaId: string | undefined;
    if (get('persona')) {
      personaId = personaBy.get(norm(get('persona')));
      if (!personaId) fail('persona', `no persona "${get('persona')}" in this scenario`);
    }

    const marking: Marking = { ...doc.marking, caveats: [...doc.marking.caveats] };
    if (get('classification')) {
      const c = CLASSIFICATIONS.find((x) => norm(x) === norm(get('classification')));
      if (c) marking.classification = c;
      else fail('classification', `"${get('classification')}" is not a classification`);
    }
    if (get('tlp')) {
      const label = get('tlp').toUpperCase().replace(/^TLP:/, '');
      const tlp = TLP_LABELS.find((x) => x === label || (label === 'WHITE' && x === 'CLEAR'));
      if (tlp) marking.tlp = tlp;
      else fail('tlp', `"${get('tlp')}" is not a TLP label`);
    }
    if (get('caveats')) marking.caveats = [...new Set(list(get('caveats')).map((c) => c.toUpperCase()))].sort();

    const expectedActions: Inject['expectedActions'] = [];
    if (get('expected_action_en')) {
      const by = list(get('expected_by')).map((name) => {
        const team = teamsByName.get(norm(name));
        if (!team) fail('expected_by', `no team "${name}" in this scenario`);
        return team ?? '';
      });
      let withinMinutes = 60;
      if (get('expected_within')) {
        const text = get('expected_within');
        const asNumber = Number(text);
        const parsed = Number.isFinite(asNumber) ? { ok: true as const, minutes: asNumber } : parseOffset(text);
        if (parsed.ok && Number.isInteger(parsed.minutes) && parsed.minutes >= 1) withinMinutes = parsed.minutes;
        else fail('expected_within', `"${text}" is not a number of minutes`);
      }
      expectedActions.push({
        id: 'action-1',
        description: { en: get('expected_action_en'), fr: get('expected_action_fr') },
        by: by.length ? by : recipients.teams.length ? recipients.teams : doc.teams.map((t) => t.id).slice(0, 1),
        withinMinutes,
      });
    }

    let id = `msel-${number}`;
    for (let k = 2; takenIds.has(id); k += 1) id = `msel-${number}-${k}`;
    takenIds.add(id);

    if (errors.length) return { row, inject: null, errors };
    const candidate = injectSchema.safeParse({
      id,
      number,
      offsetMinutes,
      title,
      recipients,
      channel,
      ...(personaId ? { personaId } : {}),
      content,
      marking,
      controllerNotes: get('controller_notes'),
      expectedActions,
    });
    if (!candidate.success) {
      const issue = candidate.error.issues[0];
      return { row, inject: null, errors: [{ column: String(issue?.path.join('.') ?? ''), message: issue?.message ?? 'invalid' }] };
    }
    return { row, inject: candidate.data, errors: [] };
  });
}
