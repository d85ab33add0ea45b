// Popup entrypoint: mounts the restrict view with the real browser services.
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { clearFailedAt, copyText, dismissClearFailure } from '@/src/extension/clipboard';
import { loadDraft, saveDraft } from '@/src/extension/draft';
import { takePending } from '@/src/extension/pending';
import { listProjects } from '@/src/extension/project-store';
import { getSettings, setSettings } from '@/src/extension/settings';
import { forgetAll, forgetToken, listTokens, restoreTokens } from '@/src/extension/token-store';
import { App } from '@/src/ui/App';
import type { Services } from '@/src/ui/services';
import '@/src/ui/style.css';

const services: Services = {
  listTokens,
  listProjects,
  forgetToken,
  forgetAll,
  restoreTokens,
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

render(<App services={services} />, document.getElementById('app') as HTMLElement);
