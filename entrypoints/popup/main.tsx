// Popup entrypoint: mounts the restrict view with the real browser services.
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { clearFailedAt, copyText, dismissClearFailure } from '@/src/extension/clipboard';
import { loadDraft, saveDraft } from '@/src/extension/draft';
import { takePending } from '@/src/extension/pending';
import { listProjects } from '@/src/extension/project-store';
import { send } from '@/src/extension/send';
import { getSettings, setSettings } from '@/src/extension/settings';
import { listTokens } from '@/src/extension/token-store';
import { direction, t } from '@/src/shared/i18n';
import { App } from '@/src/ui/App';
import type { Services } from '@/src/ui/services';
import '@/src/ui/style.css';
import '@/src/ui/parts.css';

/** The background writes the held tokens; the view asks it, and hears whether it did. */
const done = (answer: { ok: boolean } | undefined) => {
  if (answer?.ok !== true) throw new Error('The extension did not answer.');
};

const services: Services = {
  listTokens,
  listProjects,
  forgetToken: async (identifier) => done(await send({ type: 'forget', identifier })),
  forgetAll: async () => done(await send({ type: 'forget', identifier: null })),
  restoreTokens: async (tokens) => done(await send({ type: 'restore', tokens })),
  takePending,
  loadDraft,
  saveDraft,
  copy: copyText,
  clearFailedAt,
  dismissClearFailure,
  getSettings,
  setSettings,
  now: () => Math.floor(Date.now() / 1000),
  close: () => window.close(),
};

// The toolbar popup sizes itself to its content; a window (the menu's fallback) or a tab does not.
const inPopup = browser.extension.getViews({ type: 'popup' }).includes(window);
document.documentElement.classList.toggle('popup', inPopup);
// The catalogue's language and direction, and its words for the window's title.
Object.assign(document.documentElement, direction());
document.title = t('view_title');

render(<App services={services} />, document.getElementById('app') as HTMLElement);
