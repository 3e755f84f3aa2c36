/**
 * The demo: the organisations of a national election and one user per role, all sharing a
 * demo password. For trying the product only; READYROOM_DEMO=false seeds nothing.
 */
import type { OrgKind, Role } from '../../../shared/contracts/accounts.ts';
import type { Screening } from '../../../shared/markings.ts';
import type { Ctx } from '../../platform/context.ts';
import { createOrganisation } from '../accounts/manage-organisations.ts';
import { createUser } from '../accounts/manage-users.ts';
import * as repo from '../accounts/repository.ts';

export const DEMO_PASSWORD = 'readyroom-demo-only';

export const DEMO_ORGANISATIONS: readonly { name: string; shortName: string; kind: OrgKind }[] = [
  { name: 'Elections Canada', shortName: 'EC', kind: 'electoral_body' },
  { name: 'Canadian Centre for Cyber Security', shortName: 'Cyber Centre', kind: 'security_agency' },
  { name: 'Canadian Security Intelligence Service', shortName: 'CSIS', kind: 'security_agency' },
  { name: 'Royal Canadian Mounted Police', shortName: 'RCMP', kind: 'security_agency' },
  { name: 'Rapid Response Mechanism Canada (Global Affairs)', shortName: 'RRM Canada', kind: 'department' },
  { name: 'Privy Council Office', shortName: 'PCO', kind: 'department' },
  { name: 'Northern Horizon Party (fictional)', shortName: 'NHP', kind: 'political_party' },
  { name: 'Lakeshore Democratic Alliance (fictional)', shortName: 'LDA', kind: 'political_party' },
];

export const DEMO_USERS: readonly {
  email: string;
  displayName: string;
  org: string;
  roles: Role[];
  screening: Screening;
  caveats: string[];
  locale: 'en' | 'fr';
}[] = [
  {
    email: 'admin@demo.readyroom.test',
    displayName: 'Alex Admin',
    org: 'PCO',
    roles: ['admin'],
    screening: 'secret',
    caveats: [],
    locale: 'en',
  },
  {
    email: 'planner@demo.readyroom.test',
    displayName: 'Priya Planner',
    org: 'PCO',
    roles: ['planner'],
    screening: 'secret',
    caveats: [],
    locale: 'en',
  },
  {
    email: 'controller@demo.readyroom.test',
    displayName: 'Camille Contrôleuse',
    org: 'PCO',
    roles: ['controller'],
    screening: 'secret',
    caveats: [],
    locale: 'fr',
  },
  {
    email: 'evaluator@demo.readyroom.test',
    displayName: 'Evan Evaluator',
    org: 'PCO',
    roles: ['evaluator'],
    screening: 'reliability',
    caveats: [],
    locale: 'en',
  },
  {
    email: 'player@demo.readyroom.test',
    displayName: 'Paul Joueur',
    org: 'EC',
    roles: ['player'],
    screening: 'reliability',
    caveats: [],
    locale: 'fr',
  },
  {
    email: 'observer@demo.readyroom.test',
    displayName: 'Olivia Observer',
    org: 'NHP',
    roles: ['observer'],
    screening: 'none',
    caveats: [],
    locale: 'en',
  },
  {
    email: 'advisor@demo.readyroom.test',
    displayName: 'Ada Advisor',
    org: 'Cyber Centre',
    roles: ['advisor'],
    screening: 'secret',
    caveats: [],
    locale: 'en',
  },
  {
    email: 'analyst@demo.readyroom.test',
    displayName: 'Anouk Analyste',
    org: 'CSIS',
    roles: ['analyst'],
    screening: 'top_secret',
    caveats: ['CEO'],
    locale: 'fr',
  },
  {
    email: 'briefer@demo.readyroom.test',
    displayName: 'Blake Briefer',
    org: 'CSIS',
    roles: ['briefer'],
    screening: 'top_secret',
    caveats: ['CEO'],
    locale: 'en',
  },
];

export type SeedResult = { organisations: number; users: number };

/** Create whatever part of the demo is missing; running it twice changes nothing. */
export async function seedDemo(ctx: Ctx): Promise<SeedResult> {
  const system = { ...ctx, actor: null };
  const result: SeedResult = { organisations: 0, users: 0 };
  const ids = new Map<string, string>();
  for (const org of DEMO_ORGANISATIONS) {
    const existing = await repo.findOrganisationByName(ctx.db, org.name);
    if (existing) {
      ids.set(org.shortName, existing.id);
      continue;
    }
    const created = await createOrganisation(system, org, { asSystem: true });
    ids.set(org.shortName, created.id);
    result.organisations += 1;
  }
  for (const u of DEMO_USERS) {
    if (await repo.findUserByEmail(ctx.db, u.email)) continue;
    const organisationId = ids.get(u.org);
    if (!organisationId) throw new Error(`demo organisation ${u.org} missing`);
    await createUser(
      system,
      {
        email: u.email,
        displayName: u.displayName,
        organisationId,
        roles: u.roles,
        screening: u.screening,
        caveats: u.caveats,
        locale: u.locale,
        password: DEMO_PASSWORD,
      },
      { asSystem: true },
    );
    result.users += 1;
  }
  return result;
}
