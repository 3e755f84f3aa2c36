/** Sign-in with email and password; a throttled account is told when to try again. */
import { Button, Paper, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../lib/api.ts';
import { ErrorAlert, fieldError } from '../../ui/ErrorAlert.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useSignIn } from './mutations.ts';

/** The sign-in form. */
export function SignInPage() {
  const { t } = useTranslation();
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate({ email: email.trim(), password });
  };
  const err = signIn.error;
  const throttled = err instanceof ApiError && err.code === 'rate_limited';

  return (
    <Stack maw={420} mx="auto" mt="xl">
      <PageHeader title={t('signIn.title')} description={t('signIn.intro')} />
      <Paper withBorder p="lg" radius="md">
        <form onSubmit={onSubmit} noValidate>
          <Stack>
            <ErrorAlert
              error={err}
              title={
                throttled
                  ? t('signIn.throttledTitle')
                  : err instanceof ApiError && err.code === 'unauthenticated'
                    ? t('signIn.failedTitle')
                    : undefined
              }
            >
              {throttled
                ? err.retryAfterSeconds
                  ? t('signIn.throttledWait', { count: err.retryAfterSeconds })
                  : t('signIn.throttledLater')
                : null}
            </ErrorAlert>
            <TextInput
              label={t('signIn.email')}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={fieldError(err, 'email')}
            />
            <PasswordInput
              label={t('signIn.password')}
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            <Button type="submit" loading={signIn.isPending}>
              {t('signIn.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
      <Text size="sm" c="dimmed">
        {t('signIn.help')}
      </Text>
    </Stack>
  );
}
