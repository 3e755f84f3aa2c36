/** The form to create a user, or to edit one (roles, screening, caveats, disabled, second factor). */
import { Alert, Button, Checkbox, Group, MultiSelect, PasswordInput, Select, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN, ROLES, type Role, type User } from '../../../shared/contracts/accounts.ts';
import type { Locale } from '../../../shared/contracts/common.ts';
import { SCREENINGS, type Screening } from '../../../shared/markings.ts';
import { ErrorAlert, fieldError } from '../../ui/ErrorAlert.tsx';
import { useLabels } from '../../ui/labels.ts';
import { useCreateUser, useResetSecondFactor, useUpdateUser } from './mutations.ts';
import { useOrganisations } from './queries.ts';

const CAVEAT_RE = /^[A-Z][A-Z0-9_-]{1,31}$/;

function oneOf<T extends string>(list: readonly T[], v: string | null): v is T {
  return v !== null && (list as readonly string[]).includes(v);
}

/** Caveats are upper-case codes; typing "ceo" gives CEO. */
function normaliseCaveats(values: string[]): string[] {
  return [...new Set(values.map((v) => v.trim().toUpperCase()).filter(Boolean))];
}

/** Create (existing = null) or edit a user. */
export function UserForm({ existing, onDone }: { existing: User | null; onDone: () => void }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const orgs = useOrganisations();
  const create = useCreateUser();
  const update = useUpdateUser();
  const reset = useResetSecondFactor();

  const [email, setEmail] = useState(existing?.email ?? '');
  const [displayName, setDisplayName] = useState(existing?.displayName ?? '');
  const [organisationId, setOrganisationId] = useState<string | null>(existing?.organisationId ?? null);
  const [roles, setRoles] = useState<Role[]>(existing?.roles ?? []);
  const [screening, setScreening] = useState<Screening>(existing?.screening ?? 'none');
  const [caveats, setCaveats] = useState<string[]>(existing?.caveats ?? []);
  const [locale, setLocale] = useState<Locale>(existing?.locale ?? 'en');
  const [disabled, setDisabled] = useState(existing?.disabled ?? false);
  const [password, setPassword] = useState('');
  const [confirmReset, setConfirmReset] = useState(false);
  const [localError, setLocalError] = useState<{ field: string; message: string } | null>(null);

  const error = create.error ?? update.error;
  const badCaveat = caveats.find((c) => !CAVEAT_RE.test(c));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setLocalError(null);
    if (!organisationId) return setLocalError({ field: 'organisationId', message: t('users.needOrganisation') });
    if (roles.length === 0) return setLocalError({ field: 'roles', message: t('users.needRole') });
    if (badCaveat) return setLocalError({ field: 'caveats', message: t('users.badCaveat', { caveat: badCaveat }) });
    if (existing) {
      update.mutate(
        { id: existing.id, changes: { displayName: displayName.trim(), organisationId, roles, screening, caveats, locale, disabled } },
        { onSuccess: onDone },
      );
    } else {
      if (password.length < PASSWORD_MIN)
        return setLocalError({ field: 'password', message: t('account.passwordTooShort', { min: PASSWORD_MIN }) });
      create.mutate(
        { email: email.trim(), displayName: displayName.trim(), organisationId, roles, screening, caveats, locale, password },
        { onSuccess: onDone },
      );
    }
  };

  const errorFor = (field: string) => (localError?.field === field ? localError.message : fieldError(error, field));

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <ErrorAlert error={error} />
        {existing ? (
          <Text size="sm">
            {t('users.email')}: <strong>{existing.email}</strong>
          </Text>
        ) : (
          <TextInput
            label={t('users.email')}
            type="email"
            required
            autoComplete="off"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={errorFor('email')}
            data-autofocus
          />
        )}
        <TextInput
          label={t('users.displayName')}
          required
          value={displayName}
          onChange={(e) => setDisplayName(e.currentTarget.value)}
          error={errorFor('displayName')}
        />
        <Select
          label={t('users.organisation')}
          required
          searchable
          nothingFoundMessage={t('common.nothingFound')}
          data={(orgs.data ?? []).map((o) => ({ value: o.id, label: `${o.name} (${o.shortName})` }))}
          value={organisationId}
          onChange={setOrganisationId}
          error={errorFor('organisationId')}
        />
        <MultiSelect
          label={t('users.roles')}
          required
          data={ROLES.map((r) => ({ value: r, label: labels.role(r) }))}
          value={roles}
          onChange={(vs) => setRoles(vs.filter((v): v is Role => oneOf(ROLES, v)))}
          error={errorFor('roles')}
        />
        <Select
          label={t('users.screening')}
          required
          allowDeselect={false}
          data={SCREENINGS.map((s) => ({ value: s, label: labels.screening(s) }))}
          value={screening}
          onChange={(v) => {
            if (oneOf(SCREENINGS, v)) setScreening(v);
          }}
          error={errorFor('screening')}
        />
        <TagsInput
          label={t('users.caveats')}
          description={t('users.caveatsHint')}
          value={caveats}
          onChange={(vs) => setCaveats(normaliseCaveats(vs))}
          error={errorFor('caveats')}
          clearable
        />
        <Select
          label={t('users.locale')}
          required
          allowDeselect={false}
          data={[
            { value: 'en', label: 'English' },
            { value: 'fr', label: 'Français' },
          ]}
          value={locale}
          onChange={(v) => {
            if (v === 'en' || v === 'fr') setLocale(v);
          }}
        />
        {existing ? (
          <Checkbox
            label={t('users.disabled')}
            description={t('users.disabledHint')}
            checked={disabled}
            onChange={(e) => setDisabled(e.currentTarget.checked)}
            error={errorFor('disabled')}
          />
        ) : (
          <PasswordInput
            label={t('users.password')}
            description={t('users.passwordHint', { min: PASSWORD_MIN })}
            required
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={errorFor('password')}
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending}>
            {existing ? t('common.save') : t('users.create')}
          </Button>
        </Group>
        {existing ? (
          <Stack gap="xs" mt="md">
            <Text fw={600}>{t('users.secondFactor')}</Text>
            <Text size="sm">{existing.totpEnabled ? t('users.totpOn') : t('users.totpOff')}</Text>
            <ErrorAlert error={reset.error} />
            {reset.isSuccess ? (
              <Alert color="green" variant="light" role="status">
                {t('users.resetDone')}
              </Alert>
            ) : null}
            {existing.totpEnabled && !reset.isSuccess ? (
              confirmReset ? (
                <Group>
                  <Text size="sm">{t('users.resetConfirm')}</Text>
                  <Button color="red" loading={reset.isPending} onClick={() => reset.mutate(existing.id)}>
                    {t('users.resetConfirmButton')}
                  </Button>
                  <Button variant="default" onClick={() => setConfirmReset(false)}>
                    {t('common.cancel')}
                  </Button>
                </Group>
              ) : (
                <Group>
                  <Button color="orange" variant="outline" onClick={() => setConfirmReset(true)}>
                    {t('users.resetSecondFactor')}
                  </Button>
                </Group>
              )
            ) : null}
          </Stack>
        ) : null}
      </Stack>
    </form>
  );
}
