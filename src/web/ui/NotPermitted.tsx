/** What a user sees on a page their roles do not open. */
import { Alert, Anchor, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from './PageHeader.tsx';

/** A full-page "not permitted" message with a way back home. */
export function NotPermitted() {
  const { t } = useTranslation();
  useDocumentTitle(t('notPermitted.title'));
  return (
    <Stack>
      <Title order={1}>{t('notPermitted.title')}</Title>
      <Alert color="orange" variant="light" role="alert" title={t('notPermitted.title')}>
        {t('notPermitted.body')}
      </Alert>
      <Anchor component={Link} to="/">
        {t('notPermitted.backHome')}
      </Anchor>
    </Stack>
  );
}
