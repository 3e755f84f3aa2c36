/** Account settings: language, password, second factor (set up with a QR code, or disable). */
import { Alert, Button, Code, Group, Image, Paper, PasswordInput, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN } from '../../../shared/contracts/accounts.ts';
import { ErrorAlert, fieldError } from '../../ui/ErrorAlert.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Tag } from '../../ui/Tag.tsx';
import { useLabels } from '../../ui/labels.ts';
import { useChangePassword, useDisableSecondFactor, useEnableSecondFactor, useSetUpSecondFactor, useSwitchLanguage } from './mutations.ts';
import { useMe } from './queries.ts';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper component="section" withBorder p="lg" radius="md" aria-labelledby={id}>
      <Title order={2} size="h3" id={id} mb="md">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function LanguageSection() {
  const { t } = useTranslation();
  const me = useMe();
  const switchLanguage = useSwitchLanguage();
  return (
    <Section id="account-language" title={t('account.language')}>
      <Radio.Group
        label={t('account.languageLabel')}
        value={me.locale}
        onChange={(v) => {
          if (v === 'en' || v === 'fr') switchLanguage.mutate(v);
        }}
      >
        <Group mt="xs">
          <Radio value="en" label="English" lang="en" />
          <Radio value="fr" label="Français" lang="fr" />
        </Group>
      </Radio.Group>
      <ErrorAlert error={switchLanguage.error} />
    </Section>
  );
}

function PasswordSection() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [localError, setLocalError] = useState<{ field: string; message: string } | null>(null);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setLocalError(null);
    if (next.length < PASSWORD_MIN)
      return setLocalError({ field: 'newPassword', message: t('account.passwordTooShort', { min: PASSWORD_MIN }) });
    if (next !== confirm) return setLocalError({ field: 'confirm', message: t('account.passwordMismatch') });
    change.mutate(
      { currentPassword: current, newPassword: next },
      {
        onSuccess: () => {
          setCurrent('');
          setNext('');
          setConfirm('');
        },
      },
    );
  };
  const errorFor = (field: string) => (localError?.field === field ? localError.message : fieldError(change.error, field));

  return (
    <Section id="account-password" title={t('account.password')}>
      <form onSubmit={onSubmit} noValidate>
        <Stack maw={420}>
          <ErrorAlert error={change.error} />
          {change.isSuccess ? (
            <Alert color="green" variant="light" role="status">
              {t('account.passwordChanged')}
            </Alert>
          ) : null}
          <PasswordInput
            label={t('account.currentPassword')}
            autoComplete="current-password"
            required
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            error={errorFor('currentPassword')}
          />
          <PasswordInput
            label={t('account.newPassword')}
            description={t('users.passwordHint', { min: PASSWORD_MIN })}
            autoComplete="new-password"
            required
            value={next}
            onChange={(e) => setNext(e.currentTarget.value)}
            error={errorFor('newPassword')}
          />
          <PasswordInput
            label={t('account.confirmPassword')}
            autoComplete="new-password"
            required
            value={confirm}
            onChange={(e) => setConfirm(e.currentTarget.value)}
            error={errorFor('confirm')}
          />
          <Group>
            <Button type="submit" loading={change.isPending}>
              {t('account.changePassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

function SecondFactorSection() {
  const { t } = useTranslation();
  const me = useMe();
  const setUp = useSetUpSecondFactor();
  const enable = useEnableSecondFactor();
  const disable = useDisableSecondFactor();
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');

  const onEnable = (e: FormEvent) => {
    e.preventDefault();
    enable.mutate(code, {
      onSuccess: () => {
        setCode('');
        setUp.reset();
      },
    });
  };
  const onDisable = (e: FormEvent) => {
    e.preventDefault();
    disable.mutate(password, { onSuccess: () => setPassword('') });
  };

  return (
    <Section id="account-second-factor" title={t('account.secondFactor')}>
      <Stack>
        <Group gap="xs">
          <Text>{t('account.secondFactorStatus')}</Text>
          {me.totpEnabled ? <Tag color="green">{t('account.on')}</Tag> : <Tag color="orange">{t('account.off')}</Tag>}
        </Group>
        {enable.isSuccess && me.totpEnabled ? (
          <Alert color="green" variant="light" role="status">
            {t('account.secondFactorEnabled')}
          </Alert>
        ) : null}
        {me.totpEnabled ? (
          <form onSubmit={onDisable} noValidate>
            <Stack maw={420}>
              <Text size="sm">{t('account.disableIntro')}</Text>
              <ErrorAlert error={disable.error} />
              <PasswordInput
                label={t('account.currentPassword')}
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                error={fieldError(disable.error, 'password')}
              />
              <Group>
                <Button type="submit" color="red" variant="outline" loading={disable.isPending}>
                  {t('account.disableSecondFactor')}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : setUp.data ? (
          <form onSubmit={onEnable} noValidate>
            <Stack maw={480}>
              <Text size="sm">{t('account.scanIntro')}</Text>
              <Image src={setUp.data.qrDataUrl} alt={t('account.qrAlt')} w={200} h={200} fit="contain" />
              <Text size="sm">{t('account.secretIntro')}</Text>
              <Code block data-testid="totp-secret">
                {setUp.data.secret}
              </Code>
              <ErrorAlert error={enable.error} />
              <TextInput
                label={t('account.confirmCode')}
                description={t('secondFactor.codeHint')}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                required
                value={code}
                onChange={(e) => setCode(e.currentTarget.value.replace(/\D/g, ''))}
                error={fieldError(enable.error, 'code')}
              />
              <Group>
                <Button type="submit" loading={enable.isPending} disabled={!/^\d{6}$/.test(code)}>
                  {t('account.enableSecondFactor')}
                </Button>
                <Button variant="default" onClick={() => setUp.reset()}>
                  {t('common.cancel')}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <Stack maw={480}>
            <Text size="sm">{t('account.setUpIntro')}</Text>
            <ErrorAlert error={setUp.error} />
            <Group>
              <Button onClick={() => setUp.mutate()} loading={setUp.isPending}>
                {t('account.setUpSecondFactor')}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Section>
  );
}

function ProfileSection() {
  const { t } = useTranslation();
  const me = useMe();
  const labels = useLabels();
  const rows: [string, string][] = [
    [t('users.displayName'), me.displayName],
    [t('users.email'), me.email],
    [t('users.organisation'), me.organisationName],
    [t('users.roles'), me.roles.map(labels.role).join(', ')],
    [t('users.screening'), labels.screening(me.screening)],
    [t('header.clearance'), labels.classification(me.clearance)],
    [t('users.caveats'), me.caveats.length ? me.caveats.join(', ') : t('common.none')],
  ];
  return (
    <Section id="account-profile" title={t('account.profile')}>
      <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '4px 16px', margin: 0 }}>
        {rows.map(([k, v]) => (
          <div key={k} style={{ display: 'contents' }}>
            <dt style={{ fontWeight: 600 }}>{k}</dt>
            <dd style={{ margin: 0 }}>{v}</dd>
          </div>
        ))}
      </dl>
      <Text size="sm" c="dimmed" mt="sm">
        {t('account.profileNote')}
      </Text>
    </Section>
  );
}

/** The account settings page. */
export function AccountPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <PageHeader title={t('account.title')} />
      <ProfileSection />
      <LanguageSection />
      <PasswordSection />
      <SecondFactorSection />
    </Stack>
  );
}
