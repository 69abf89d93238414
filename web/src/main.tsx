import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './styles.css';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { isApiError } from './api/client.ts';
import { App } from './App.tsx';
import { sessionKey } from './auth/api.ts';
import { markSessionEnded } from './auth/session-ended.ts';
import { initI18n } from './i18n/index.ts';
import { theme } from './theme.ts';

/**
 * A session that ended (expired, or signed out elsewhere) makes any call
 * fail with `not_authenticated`. While a signed-in screen is shown, a
 * sign-in dialog opens over it, so a form keeps what was typed and can be
 * saved again afterwards. Without one, forgetting the session sends the
 * user to the sign-in page, which returns to this screen afterwards.
 */
function forgetEndedSession(error: unknown) {
  if (!isApiError(error, 'not_authenticated')) return;
  if (queryClient.getQueryData(sessionKey)) markSessionEnded();
  else queryClient.setQueryData(sessionKey, null);
}

/** Milliseconds after a reload for a missing file during which a new failure does not reload again, so a broken build cannot reload in a loop. */
const UPGRADE_RELOAD_GUARD_MS = 10_000;
const UPGRADE_RELOAD_KEY = 'comptoir.reloadedForUpgrade';

/**
 * A screen's code is loaded when it is first opened. After a rebuild the
 * files this page was built with are gone, so the page reloads once to get
 * the new index.html and its files instead of staying blank. Vite fires
 * `vite:preloadError` when a lazily imported file fails to load. A second
 * failure within the guard, or a browser that refuses session storage, is
 * left to the screen's error boundary, which offers a reload button.
 */
window.addEventListener('vite:preloadError', (event) => {
  try {
    const last = Number(sessionStorage.getItem(UPGRADE_RELOAD_KEY) ?? 0);
    if (Date.now() - last < UPGRADE_RELOAD_GUARD_MS) return;
    sessionStorage.setItem(UPGRADE_RELOAD_KEY, String(Date.now()));
  } catch {
    return;
  }
  event.preventDefault();
  window.location.reload();
});

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: forgetEndedSession }),
  mutationCache: new MutationCache({ onError: forgetEndedSession }),
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      // A 4xx will not change by asking again; network failures get one retry.
      retry: (failures, error) => failures < 1 && !(isApiError(error) && error.status >= 400 && error.status < 500),
    },
  },
});

await initI18n();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
