/** Last line of defence: a rendering error shows a message and a reload button, not a blank page. */
import { Alert, Button, Container, Stack } from '@mantine/core';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import i18n from '../i18n/index.ts';

type State = { failed: boolean };

/** Catches errors thrown while rendering (React offers this only to class components). */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // The console is the only place a browser error can go without a reporting service.
    // eslint-disable-next-line no-console
    console.error(error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <Container size="sm" py="xl">
        <Stack>
          <Alert color="red" variant="light" title={i18n.t('errors.internal')}>
            {i18n.t('errors.internalDetail')}
          </Alert>
          <Button onClick={() => window.location.reload()}>{i18n.t('common.retry')}</Button>
        </Stack>
      </Container>
    );
  }
}
