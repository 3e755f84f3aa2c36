/** Providers (query cache, Mantine, router) around the root of the app. */
import { MantineProvider } from '@mantine/core';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router';
import type { SessionState } from '../../shared/contracts/accounts.ts';
import { ApiError, setCsrfToken } from '../lib/api.ts';
import { accountKeys } from '../modules/accounts/queries.ts';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { Root } from './Root.tsx';
import { cssVariablesResolver, theme } from './theme.ts';

function sessionEnded(err: unknown): boolean {
  return err instanceof ApiError && err.status === 401 && err.code === 'unauthenticated';
}

/** Build the query client; a 401 on any read means the session ended, so show the sign-in page. */
export function makeQueryClient(): QueryClient {
  const qc: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (err, query) => {
        if (sessionEnded(err) && query.queryKey[0] !== accountKeys.session[0]) {
          setCsrfToken(null);
          qc.setQueryData<SessionState>(accountKeys.session, { stage: 'anonymous', csrfToken: null, user: null });
        }
      },
    }),
    mutationCache: new MutationCache(),
    defaultOptions: {
      queries: {
        refetchOnWindowFocus: false,
        retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
      },
    },
  });
  return qc;
}

const queryClient = makeQueryClient();

/** The whole web app. */
export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <MantineProvider theme={theme} defaultColorScheme="light" cssVariablesResolver={cssVariablesResolver}>
        <ErrorBoundary>
          <BrowserRouter>
            <Root />
          </BrowserRouter>
        </ErrorBoundary>
      </MantineProvider>
    </QueryClientProvider>
  );
}
