/** Shows a failed request: a translated title and the server's own message. */
import { Alert, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api.ts';

/** The server's message for one field of a form, when the error is about that field. */
export function fieldError(err: unknown, field: string): string | undefined {
  return err instanceof ApiError && err.field === field ? err.message : undefined;
}

/** An alert for any error thrown by the API client; nothing when there is no error. */
export function ErrorAlert({ error, title: titleOverride, children }: { error: unknown; title?: string; children?: ReactNode }) {
  const { t } = useTranslation();
  if (!error) return null;
  const code = error instanceof ApiError ? error.code : 'internal';
  const title = titleOverride ?? t(`errors.${code}`);
  let message: string;
  if (error instanceof ApiError && error.code === 'network') message = t('errors.networkDetail');
  else if (error instanceof ApiError && error.code === 'internal') message = t('errors.internalDetail');
  else message = error instanceof Error ? error.message : String(error);
  return (
    <Alert color="red" title={title} role="alert" variant="light">
      {children ? (
        <Stack gap={4}>
          <Text size="sm">{children}</Text>
          <Text size="sm">{message}</Text>
        </Stack>
      ) : (
        message
      )}
    </Alert>
  );
}
