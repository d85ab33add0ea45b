// The narrowing panel: injected by the background into PyPI's result page after a trusted capture
// (src/extension/panel-loader.ts), never listed in the manifest and never web-accessible.
import { render } from 'preact';
import { readToken } from '@/src/core';
import { capturedRecord, captureToken } from '@/src/extension/capture';
import { copyText } from '@/src/extension/clipboard';
import { closedHost } from '@/src/extension/page-notice';
import { panelAnchor } from '@/src/extension/panel-place';
import { send } from '@/src/extension/send';
import { getSettings } from '@/src/extension/settings';
import { siteOf } from '@/src/shared/pypi';
import { Panel, type PanelServices } from '@/src/ui/Panel';
import panelCss from '@/src/ui/panel.css?inline';
import partsCss from '@/src/ui/parts.css?inline';
import viewCss from '@/src/ui/style.css?inline';

const PANEL_ID = 'pypi-token-restrictor-panel';

async function mount(doc: Document): Promise<void> {
  const site = siteOf(doc.location.href);
  const anchor = panelAnchor(doc);
  // Once per page, and only where capture finds the token again (the page may have changed since).
  if (!site || !anchor || doc.getElementById(PANEL_ID)) return;
  const found = captureToken(doc);
  if (!found) return;
  const [answer, settings] = await Promise.all([send({ type: 'panel-projects' }), getSettings()]);
  // Only the token the background holds for this page: a page script may have swapped the token block
  // since the capture, and the panel must never narrow (and say it holds) a token it does not.
  if (!answer?.ok || answer.identifier !== found.identifier) return;
  // The record the background keeps, built the same way (capture read the token: it reads).
  const record = capturedRecord(readToken(found.token), found, site, Date.now());
  const seen = answer.projects;
  const services: PanelServices = {
    copy: copyText,
    openView: async () =>
      (await send({ type: 'open-view', identifier: record.identifier }))?.ok === true,
    now: () => Math.floor(Date.now() / 1000),
  };
  // The view's stylesheet serves the panel as is, once its page-level selectors name the host.
  const { host, root } = closedHost(doc, PANEL_ID, [
    viewCss.replaceAll(':root', ':host'),
    partsCss,
    panelCss,
  ]);
  render(
    <Panel
      token={record}
      projects={seen ? { [site]: seen } : {}}
      settings={settings}
      services={services}
    />,
    root,
  );
  anchor.after(host);
}

export default defineUnlistedScript(() => {
  void mount(document);
});
