/**
 * Table types for Kysely. Portable column types only, so one set of queries runs on SQLite
 * and PostgreSQL: ids are UUID text, times are ISO 8601 UTC text (sortable), booleans 0/1.
 */

export type OrganisationTable = {
  id: string;
  name: string;
  short_name: string;
  kind: string;
  created_at: string;
  updated_at: string;
};

export type UserTable = {
  id: string;
  email: string;
  display_name: string;
  org_id: string;
  password_hash: string;
  screening: string;
  locale: string;
  disabled: number;
  /** TOTP secret sealed with the server secret (AES-256-GCM), or null. */
  totp_secret: string | null;
  totp_pending: string | null;
  /** Last accepted TOTP time step: a code is accepted once only. */
  totp_last_step: number | null;
  created_at: string;
  updated_at: string;
};

export type UserRoleTable = { user_id: string; role: string };
export type UserCaveatTable = { user_id: string; caveat: string };

export type SessionTable = {
  /** SHA-256 of the cookie token: a stolen database does not yield live sessions. */
  id: string;
  user_id: string;
  stage: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
};

export type SignInThrottleTable = {
  key: string;
  failures: number;
  locked_until: string | null;
  updated_at: string;
};

export type AuditLogTable = {
  seq: number;
  at: string;
  actor_user_id: string | null;
  actor_org_id: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  outcome: string;
  source_ip: string | null;
  request_id: string | null;
  details: string;
  prev_hash: string;
  hash: string;
};

/** Caveats of any marked record, keyed by (object_type, object_id). */
export type MarkingCaveatTable = { object_type: string; object_id: string; caveat: string };
/** Recipient organisations of any marked record (AMBER, AMBER+STRICT). */
export type MarkingRecipientOrgTable = { object_type: string; object_id: string; org_id: string };
/** Named recipients of any marked record (RED). */
export type MarkingRecipientUserTable = { object_type: string; object_id: string; user_id: string };

/** Columns every marked table carries. */
export type MarkedColumns = {
  classification: string;
  classification_rank: number;
  tlp: string;
  owner_org_id: string;
  author_user_id: string;
};

export type PlanTable = MarkedColumns & {
  id: string;
  kind: string;
  title_en: string;
  title_fr: string;
  current_version: number;
  created_at: string;
  updated_at: string;
};

export type PlanVersionTable = {
  plan_id: string;
  version: number;
  title_en: string;
  title_fr: string;
  body_en: string;
  body_fr: string;
  rules: string;
  change_note: string;
  author_user_id: string;
  created_at: string;
};

export type ScenarioTable = MarkedColumns & {
  id: string;
  library_key: string | null;
  kind: string;
  title_en: string;
  title_fr: string;
  /** The scenario document without its marking and injects (JSON). */
  doc: string;
  version: number;
  created_at: string;
  updated_at: string;
};

export type ScenarioInjectTable = MarkedColumns & {
  id: string;
  scenario_id: string;
  slug: string;
  position: number;
  number: number;
  offset_minutes: number;
  /** The inject without its marking (JSON). */
  doc: string;
};

export type ExerciseTable = MarkedColumns & {
  id: string;
  scenario_id: string;
  scenario_version: number;
  kind: string;
  title_en: string;
  title_fr: string;
  /** The frozen scenario document without marking and injects (JSON). */
  doc: string;
  mode: string;
  state: string;
  starts_at: string;
  time_zone: string;
  planned_minutes: number;
  version: number;
  created_at: string;
  updated_at: string;
};

export type ExerciseInjectTable = Omit<ScenarioInjectTable, 'scenario_id'> & { exercise_id: string };

export type ExerciseParticipantTable = {
  exercise_id: string;
  user_id: string;
  team_id: string;
  role_id: string | null;
  invited_at: string | null;
};

/** In-app notifications hold ids only; the text is read through the access policy when listed. */
export type NotificationTable = {
  id: string;
  user_id: string;
  kind: string;
  object_type: string;
  object_id: string;
  created_at: string;
  read_at: string | null;
};

/** One STIX object at its newest `modified`; older versions are in stix_object_versions. */
export type StixObjectTable = MarkedColumns & {
  id: string;
  type: string;
  /** attack, disarm or other: DISARM reuses ATT&CK's kill-chain name, so matrices filter on this. */
  framework: string;
  external_id: string | null;
  name: string;
  search_text: string;
  modified: string;
  revoked: number;
  deprecated: number;
  source_ref: string | null;
  target_ref: string | null;
  relationship_type: string | null;
  version_count: number;
  doc: string;
  created_at: string;
  updated_at: string;
};

export type StixObjectVersionTable = { stix_id: string; modified: string; doc: string; added_at: string };

export type ThreatSystemTable = MarkedColumns & {
  id: string;
  name: string;
  description: string;
  operator: string;
  criticality: string;
  created_at: string;
  updated_at: string;
};

export type ThreatSystemDependencyTable = { system_id: string; depends_on_id: string };

export type ThreatRiskTable = MarkedColumns & {
  id: string;
  title: string;
  threat_ref: string;
  technique_ref: string | null;
  system_id: string;
  vulnerability_ref: string | null;
  vulnerability_note: string;
  likelihood: number;
  impact: number;
  treatment: string;
  created_at: string;
  updated_at: string;
};

export type ThreatReportTable = MarkedColumns & {
  id: string;
  kind: string;
  title: string;
  body: string;
  published_at: string;
  created_at: string;
  updated_at: string;
};

export type ThreatReportRefTable = { report_id: string; stix_id: string };

export type ThreatImportJobTable = {
  id: string;
  user_id: string;
  org_id: string;
  source: string;
  state: string;
  processed: number;
  total: number | null;
  summary: string;
  created_at: string;
  updated_at: string;
};

/** Per-user API tokens (TAXII over HTTP Basic); only a SHA-256 of the token is stored. */
export type ApiTokenTable = {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
};

/** One happening in an exercise; `seq` is gapless per exercise. */
export type ExerciseEventTable = {
  exercise_id: string;
  seq: number;
  at: string;
  exercise_ms: number;
  kind: string;
  actor_user_id: string | null;
  team_id: string | null;
  audience: string;
  classification: string;
  classification_rank: number;
  tlp: string;
  caveats: string;
  payload: string;
};

export type ExerciseRuntimeTable = {
  exercise_id: string;
  state: string;
  last_seq: number;
  running: number;
  next_wake: number | null;
  updated_at: string;
};

export type DB = {
  organisations: OrganisationTable;
  users: UserTable;
  user_roles: UserRoleTable;
  user_caveats: UserCaveatTable;
  sessions: SessionTable;
  sign_in_throttle: SignInThrottleTable;
  audit_log: AuditLogTable;
  marking_caveats: MarkingCaveatTable;
  marking_recipient_orgs: MarkingRecipientOrgTable;
  marking_recipient_users: MarkingRecipientUserTable;
  plans: PlanTable;
  plan_versions: PlanVersionTable;
  scenarios: ScenarioTable;
  scenario_injects: ScenarioInjectTable;
  exercises: ExerciseTable;
  exercise_injects: ExerciseInjectTable;
  exercise_participants: ExerciseParticipantTable;
  notifications: NotificationTable;
  exercise_events: ExerciseEventTable;
  exercise_runtime: ExerciseRuntimeTable;
  stix_objects: StixObjectTable;
  stix_object_versions: StixObjectVersionTable;
  threat_systems: ThreatSystemTable;
  threat_system_dependencies: ThreatSystemDependencyTable;
  threat_risks: ThreatRiskTable;
  threat_reports: ThreatReportTable;
  threat_report_refs: ThreatReportRefTable;
  threat_import_jobs: ThreatImportJobTable;
  api_tokens: ApiTokenTable;
  /** Kysely's own bookkeeping, named for completeness. */
  kysely_migration: { name: string; timestamp: string };
};
