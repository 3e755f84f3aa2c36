/** Organisations, users, roles and sign-in: request and response shapes. */
import { z } from 'zod';
import { caveatsSchema, screeningSchema, classificationSchema } from '../markings.ts';
import { idSchema, lineSchema, localeSchema } from './common.ts';

export const ORG_KINDS = ['electoral_body', 'political_party', 'security_agency', 'department', 'other'] as const;
export const orgKindSchema = z.enum(ORG_KINDS);
export type OrgKind = z.infer<typeof orgKindSchema>;

export const ROLES = ['admin', 'planner', 'controller', 'evaluator', 'player', 'observer', 'advisor', 'analyst', 'briefer'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;
export const rolesSchema = z
  .array(roleSchema)
  .min(1, 'a user needs at least one role')
  .max(ROLES.length)
  .transform((list) => [...new Set(list)].sort());

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;
export const passwordSchema = z.string().min(PASSWORD_MIN, `must be at least ${PASSWORD_MIN} characters`).max(PASSWORD_MAX);

export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: 'must be an email address' }))
  .transform((s) => s.toLowerCase());

export const organisationSchema = z.object({
  id: idSchema,
  name: z.string(),
  shortName: z.string(),
  kind: orgKindSchema,
  createdAt: z.string(),
});
export type Organisation = z.infer<typeof organisationSchema>;

export const createOrganisationSchema = z
  .object({
    name: lineSchema(200),
    shortName: lineSchema(32),
    kind: orgKindSchema,
  })
  .strict();
export type CreateOrganisation = z.infer<typeof createOrganisationSchema>;
export const updateOrganisationSchema = createOrganisationSchema.partial().strict();
export type UpdateOrganisation = z.infer<typeof updateOrganisationSchema>;

export const userSchema = z.object({
  id: idSchema,
  email: z.string(),
  displayName: z.string(),
  organisationId: idSchema,
  organisationName: z.string(),
  roles: z.array(roleSchema),
  screening: screeningSchema,
  caveats: z.array(z.string()),
  locale: localeSchema,
  disabled: z.boolean(),
  totpEnabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type User = z.infer<typeof userSchema>;

export const createUserSchema = z
  .object({
    email: emailSchema,
    displayName: lineSchema(120),
    organisationId: idSchema,
    roles: rolesSchema,
    screening: screeningSchema.default('none'),
    caveats: caveatsSchema.default([]),
    locale: localeSchema.default('en'),
    password: passwordSchema,
  })
  .strict();
export type CreateUser = z.infer<typeof createUserSchema>;

export const updateUserSchema = z
  .object({
    displayName: lineSchema(120),
    organisationId: idSchema,
    roles: rolesSchema,
    screening: screeningSchema,
    caveats: caveatsSchema,
    locale: localeSchema,
    disabled: z.boolean(),
  })
  .partial()
  .strict();
export type UpdateUser = z.infer<typeof updateUserSchema>;

export const listUsersQuerySchema = z
  .object({
    q: z.string().trim().max(100).optional(),
    organisationId: idSchema.optional(),
    role: roleSchema.optional(),
  })
  .strict();

/** The people directory: enough to pick participants, nothing more (no screening, no caveats). */
export const personSchema = z.object({
  id: idSchema,
  displayName: z.string(),
  organisationId: idSchema,
  organisationName: z.string(),
  roles: z.array(roleSchema),
});
export type Person = z.infer<typeof personSchema>;
export const listPeopleQuerySchema = z.object({ q: z.string().trim().max(100).optional(), organisationId: idSchema.optional() }).strict();

/** What the signed-in user may know about themselves. */
export const meSchema = userSchema.extend({
  clearance: classificationSchema,
});
export type Me = z.infer<typeof meSchema>;

export const sessionStateSchema = z.object({
  stage: z.enum(['anonymous', 'mfa', 'full']),
  csrfToken: z.string().nullable(),
  user: meSchema.nullable(),
});
export type SessionState = z.infer<typeof sessionStateSchema>;

export const signInSchema = z
  .object({
    email: emailSchema,
    password: z.string().min(1, 'must not be empty').max(PASSWORD_MAX),
  })
  .strict();
export type SignIn = z.infer<typeof signInSchema>;

export const totpCodeSchema = z.object({ code: z.string().regex(/^\d{6}$/, 'must be 6 digits') }).strict();

export const totpSetupSchema = z.object({
  secret: z.string(),
  otpauthUrl: z.string(),
  qrDataUrl: z.string(),
});

export const updateMeSchema = z.object({ locale: localeSchema }).strict();

export const changePasswordSchema = z
  .object({ currentPassword: z.string().min(1).max(PASSWORD_MAX), newPassword: passwordSchema })
  .strict();
