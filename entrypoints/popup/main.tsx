// Popup entrypoint: mounts the restrict view with the real browser services.
import { render } from 'preact';
import { copyText } from '@/src/extension/clipboard';
import { takePending } from '@/src/extension/pending';
import { getAutoClear, setAutoClear } from '@/src/extension/settings';
import { forgetAll, forgetToken, listTokens } from '@/src/extension/token-store';
import { App } from '@/src/ui/App';
import type { Services } from '@/src/ui/services';
import '@/src/ui/style.css';

const services: Services = {
  listTokens,
  forgetToken,
  forgetAll,
  takePending,
  copy: copyText,
  getAutoClear,
  setAutoClear,
  now: () => Math.floor(Date.now() / 1000),
  close: () => window.close(),
};

render(<App services={services} />, document.getElementById('app') as HTMLElement);
