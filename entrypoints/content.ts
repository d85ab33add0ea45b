// Content script on PyPI's token pages: hands a newly shown token to the background, then says so
// (unless the background injected the narrowing panel instead: entrypoints/panel.tsx);
// on the creation form, hands over the user's project list instead (silently).
import { captureToken, readProjects } from '@/src/extension/capture';
import { showCaptureNotice } from '@/src/extension/page-notice';
import { send } from '@/src/extension/send';
import { TOKEN_PAGES } from '@/src/shared/pypi';

export default defineContentScript({
  matches: TOKEN_PAGES,
  runAt: 'document_idle',
  async main() {
    const found = captureToken(document);
    if (!found) {
      const names = readProjects(document);
      if (names !== null) await send({ type: 'projects', names });
      return;
    }
    const { token, name, scope } = found;
    // No answer (the extension was just reloaded or updated) means no notice, not an error on PyPI's page.
    // When the background put the narrowing panel on the page, the panel says it all.
    const response = await send({ type: 'capture', token, name, scope });
    if (response?.ok && !response.panel)
      showCaptureNotice(document, response.held, response.panelError);
  },
});
