/** Threat rows -> API shapes. */
import type { ImportJob, Report, Risk, StixSummary, ThreatSystem } from '../../../shared/contracts/threats.ts';
import type { StoredMarking } from '../../platform/access/policy.ts';
import type {
  ApiTokenTable,
  ThreatImportJobTable,
  ThreatReportTable,
  ThreatRiskTable,
  ThreatSystemTable,
} from '../../platform/db/schema.ts';
import type { StixRow } from './repository.ts';

const markingOf = (m: StoredMarking) => ({ classification: m.classification, tlp: m.tlp, caveats: [...m.caveats] });
const recipientsOf = (m: StoredMarking) => ({ orgIds: [...m.orgIds], userIds: [...m.userIds] });

export function presentStixSummary(row: StixRow, m: StoredMarking): StixSummary {
  return {
    id: row.id,
    type: row.type,
    framework: row.framework as StixSummary['framework'],
    externalId: row.external_id,
    name: row.name,
    modified: row.modified,
    revoked: row.revoked === 1,
    deprecated: row.deprecated === 1,
    marking: markingOf(m),
    ownerOrgId: row.owner_org_id,
    versionCount: row.version_count,
  };
}

export function presentSystem(row: ThreatSystemTable, m: StoredMarking, dependsOn: string[]): ThreatSystem {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    operator: row.operator,
    criticality: row.criticality as ThreatSystem['criticality'],
    dependsOn,
    marking: markingOf(m),
    recipients: recipientsOf(m),
    ownerOrgId: row.owner_org_id,
    authorUserId: row.author_user_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function presentRisk(row: ThreatRiskTable, m: StoredMarking): Risk {
  return {
    id: row.id,
    title: row.title,
    threatRef: row.threat_ref,
    techniqueRef: row.technique_ref,
    systemId: row.system_id,
    vulnerabilityRef: row.vulnerability_ref,
    vulnerabilityNote: row.vulnerability_note,
    likelihood: row.likelihood,
    impact: row.impact,
    score: row.likelihood * row.impact,
    treatment: row.treatment,
    marking: markingOf(m),
    recipients: recipientsOf(m),
    ownerOrgId: row.owner_org_id,
    authorUserId: row.author_user_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function presentReport(row: ThreatReportTable, m: StoredMarking, refs: string[]): Report {
  return {
    id: row.id,
    kind: row.kind as Report['kind'],
    title: row.title,
    body: row.body,
    publishedAt: row.published_at,
    refs,
    marking: markingOf(m),
    recipients: recipientsOf(m),
    ownerOrgId: row.owner_org_id,
    authorUserId: row.author_user_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function presentJob(row: ThreatImportJobTable): ImportJob {
  const parsed = JSON.parse(row.summary) as { summary?: ImportJob['summary']; error?: string };
  let summary: ImportJob['summary'] = null;
  if (parsed.summary) {
    const { successes: _s, ...rest } = parsed.summary as ImportJob['summary'] & { successes?: unknown };
    summary = rest as ImportJob['summary'];
  }
  return {
    id: row.id,
    state: row.state as ImportJob['state'],
    processed: row.processed,
    total: row.total,
    source: row.source,
    summary,
    error: parsed.error ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function presentApiToken(row: ApiTokenTable) {
  return { id: row.id, name: row.name, createdAt: row.created_at, lastUsedAt: row.last_used_at, revokedAt: row.revoked_at };
}
