/** The second step of sign-in: a six-digit code from the user's authenticator app. */
import { Button, Group, Paper, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useSignOut, useVerifySecondFactor } from './mutations.ts';

/** Ask for the TOTP code; "start over" ends the half-open session. */
export function SecondFactorPage() {
  const { t } = useTranslation();
  const verify = useVerifySecondFactor();
  const signOut = useSignOut();
  const [code, setCode] = useState('');
  const valid = /^\d{6}$/.test(code);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (valid) verify.mutate(code);
  };
  const err = verify.error;

  return (
    <Stack maw={420} mx="auto" mt="xl">
      <PageHeader title={t('secondFactor.title')} description={t('secondFactor.intro')} />
      <Paper withBorder p="lg" radius="md">
        <form onSubmit={onSubmit} noValidate>
          <Stack>
            <ErrorAlert error={err} />
            <TextInput
              label={t('secondFactor.code')}
              description={t('secondFactor.codeHint')}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              required
              value={code}
              onChange={(e) => setCode(e.currentTarget.value.replace(/\D/g, ''))}
              error={err instanceof ApiError && err.field === 'code' ? t('secondFactor.wrongCode') : undefined}
            />
            <Group justify="space-between">
              <Button variant="default" onClick={() => signOut.mutate()} loading={signOut.isPending}>
                {t('secondFactor.startOver')}
              </Button>
              <Button type="submit" loading={verify.isPending} disabled={!valid}>
                {t('secondFactor.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
