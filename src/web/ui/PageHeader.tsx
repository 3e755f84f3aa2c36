/** The heading of a page (its only h1) and the browser tab title that goes with it. */
import { Stack, Text, Title } from '@mantine/core';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Set the tab title to "<page> — Readyroom". */
export function useDocumentTitle(page: string): void {
  const { t } = useTranslation();
  const product = t('app.name');
  useEffect(() => {
    document.title = page ? `${page} — ${product}` : product;
  }, [page, product]);
}

/** An h1, an optional description and optional actions on the right. */
export function PageHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) {
  useDocumentTitle(title);
  return (
    <Stack gap={4} mb="lg">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 16, flexWrap: 'wrap' }}>
        <Title order={1}>{title}</Title>
        {actions}
      </div>
      {description ? <Text c="dimmed">{description}</Text> : null}
    </Stack>
  );
}
