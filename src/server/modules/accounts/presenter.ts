/** Rows -> API shapes. Password hashes and TOTP secrets never leave the server. */
import type { Organisation, User, Me, Role } from '../../../shared/contracts/accounts.ts';
import type { Locale } from '../../../shared/contracts/common.ts';
import type { Screening, ScreeningCeilings } from '../../../shared/markings.ts';
import type { OrgKind } from '../../../shared/contracts/accounts.ts';
import type { OrganisationTable } from '../../platform/db/schema.ts';
import type { UserRecord } from './repository.ts';

export function presentOrganisation(row: OrganisationTable): Organisation {
  return { id: row.id, name: row.name, shortName: row.short_name, kind: row.kind as OrgKind, createdAt: row.created_at };
}

export function presentUser(row: UserRecord): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    organisationId: row.org_id,
    organisationName: row.org_name,
    roles: row.roles as Role[],
    screening: row.screening as Screening,
    caveats: row.caveats,
    locale: row.locale as Locale,
    disabled: row.disabled === 1,
    totpEnabled: row.totp_secret !== null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function presentMe(row: UserRecord, ceilings: ScreeningCeilings): Me {
  return { ...presentUser(row), clearance: ceilings[row.screening as Screening] };
}
