import { forgetApiKey, hasSession, storeApiKey, takeApiKey } from './api/api-key.ts';
import { GraphqlClient } from './api/graphql-client.ts';
import { App } from './app/app.ts';
import { translate } from './ui/i18n.ts';

/** The hub serves this page at /twin and its API at /graphql on the same origin. */
function endpoints(): { http: string; ws: string } {
  const http = new URL('/graphql', window.location.href);
  const ws = new URL(http);
  ws.protocol = http.protocol === 'https:' ? 'wss:' : 'ws:';
  return { http: http.href, ws: ws.href };
}

function askForKey(): Promise<string> {
  const form = document.querySelector('#login') as HTMLFormElement;
  const input = form.querySelector('input') as HTMLInputElement;
  form.hidden = false;
  input.focus();
  return new Promise((resolve) => {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!input.value.trim()) return;
      form.hidden = true;
      storeApiKey(sessionStorage, input.value.trim());
      resolve(input.value.trim());
    });
  });
}

async function boot(): Promise<void> {
  translate(document);
  const { http, ws } = endpoints();
  // No key of its own (null) when the browser holds the hub's session cookie.
  const key =
    takeApiKey(window.location, window.history, sessionStorage) ??
    ((await hasSession(http)) ? null : await askForKey());
  let app: App | null = null;
  const client = new GraphqlClient(http, ws, key, (status) => {
    app?.setStatus(status);
    if (status === 'unauthorized') {
      // A wrong, revoked or expired key: ask again rather than retrying forever with it.
      forgetApiKey(sessionStorage);
      window.location.reload();
    }
  });
  app = new App(client);
  // Tests and the benchmark read the twin's counters through this handle; it exposes no data the page does not show.
  Object.assign(window, { twin: app });
  await app.start();
  document.body.dataset.ready = 'true';
}

void boot();
