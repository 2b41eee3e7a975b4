// Start: render at once from what the phone has, then ask the network; register the service
// worker; send waiting check-ins whenever the network or the person comes back.

import { render } from 'preact';
import { App } from './app';
import { ReauthDialog } from './ui/Reauth';
import { interceptLinks } from './lib/router';
import { askPersistentStorage, boot, getState, reloadOutbox, sync, update } from './lib/store';
import { applyTextSize } from './lib/textsize';

const root = document.getElementById('app') as HTMLElement;
applyTextSize();
interceptLinks(root);
// The page's own "Relais…" placeholder goes: left in place, a screen could render beside it.
root.replaceChildren();
render(
  <>
    <App />
    <ReauthDialog />
  </>,
  root,
);

void boot().then(() => {
  if (getState().user) void askPersistentStorage();
});

window.addEventListener('online', () => {
  update({ online: true });
  void sync();
});
window.addEventListener('offline', () => update({ online: false }));
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible' && getState().user) void sync();
});

if ('serviceWorker' in navigator) {
  void navigator.serviceWorker
    .register('/sw.js', { scope: '/' })
    .then((registration) => {
      const watch = (worker: ServiceWorker | null): void => {
        worker?.addEventListener('statechange', () => {
          // A new build is ready while an older one runs this page: offer a reload, never force
          // it (the person may be in the middle of a check-in).
          if (worker.state === 'installed' && navigator.serviceWorker.controller) {
            update({ updateReady: true });
          }
        });
      };
      watch(registration.installing);
      registration.addEventListener('updatefound', () => watch(registration.installing));
    })
    .catch(() => undefined);
  navigator.serviceWorker.addEventListener('message', (event: MessageEvent) => {
    if ((event.data as { type?: string } | null)?.type === 'outbox') void reloadOutbox();
  });
}
