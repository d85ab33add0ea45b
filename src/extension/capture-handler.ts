/**
 * The background's answers to PyPI's pages: trusts a message only from our own content script (or the
 * panel it led to) in the top frame of a token page, validates the token (or the project list) again,
 * and keeps it in the session stores; injects the panel; opens the view for the panel.
 */
import type { Browser } from 'wxt/browser';
import { LoadError, readToken, type TokenParts } from '@/src/core';
import type { Response } from '@/src/shared/messages';
import { capturedRecord } from './capture';
import {
  isCaptureMessage,
  isOpenViewMessage,
  isPanelProjectsMessage,
  isProjectsMessage,
} from './messages';
import { boundIdentifier, injectPanel } from './panel-loader';
import { setPending } from './pending';
import { markFrom } from './private-mark';
import { listProjects, setProjects } from './project-store';
import { trustedSite } from './sender';
import { getSettings } from './settings';
import { addToken, listTokens } from './token-store';
import { openView } from './toolbar';

/** The answer to any sender but our own script in the top frame of a PyPI token page. */
const NOT_FROM_TOKEN_PAGE = {
  ok: false,
  error: 'Refused: not sent from a PyPI token page.',
} as const;

export async function handleCapture(
  message: unknown,
  sender: Browser.runtime.MessageSender,
): Promise<Response<'capture'>> {
  const site = trustedSite(sender);
  if (!site) return NOT_FROM_TOKEN_PAGE;
  if (!isCaptureMessage(message)) return { ok: false, error: 'Refused: malformed capture.' };
  let token: TokenParts;
  try {
    token = readToken(message.token);
  } catch (e) {
    return { ok: false, error: e instanceof LoadError ? e.message : 'Refused: not a token.' };
  }
  try {
    const record = capturedRecord(token, message, site, Date.now());
    const held = await addToken({ ...record, ...markFrom(sender.tab) });
    // The panel only once the token is held: it narrows the token the background keeps.
    const wanted = await getSettings().then(
      (s) => s.panel,
      () => false,
    );
    if (!wanted) return { ok: true, held: held.length, panel: false };
    const injected = await injectPanel(sender, token.identifier);
    return injected.ok
      ? { ok: true, held: held.length, panel: true }
      : { ok: true, held: held.length, panel: false, panelError: injected.error };
  } catch {
    return { ok: false, error: 'Could not keep the token in session memory.' };
  }
}

/**
 * The panel asks which token it was injected for (by identifier: it renders nothing for another) and
 * for the project list its site's creation form showed (the result page has none).
 */
export async function handlePanelProjects(
  message: unknown,
  sender: Browser.runtime.MessageSender,
): Promise<Response<'panel-projects'>> {
  const site = trustedSite(sender);
  if (!site) return NOT_FROM_TOKEN_PAGE;
  if (!isPanelProjectsMessage(message)) return { ok: false, error: 'Refused: malformed request.' };
  return {
    ok: true,
    projects: (await listProjects())[site] ?? null,
    identifier: boundIdentifier(sender),
  };
}

/** The panel's "Open the full view": the view opens with that captured token selected. */
export async function handleOpenView(
  message: unknown,
  sender: Browser.runtime.MessageSender,
): Promise<Response<'open-view'>> {
  if (!trustedSite(sender) || !isOpenViewMessage(message)) return { ok: false };
  const held = await listTokens();
  if (!held.some((t) => t.identifier === message.identifier)) return { ok: false };
  await setPending({ select: message.identifier });
  await openView();
  return { ok: true };
}

/** Keeps the project list the creation form showed, replacing the site's previous one. */
export async function handleProjects(
  message: unknown,
  sender: Browser.runtime.MessageSender,
): Promise<Response<'projects'>> {
  const site = trustedSite(sender);
  if (!site) return NOT_FROM_TOKEN_PAGE;
  if (!isProjectsMessage(message)) return { ok: false, error: 'Refused: malformed project list.' };
  try {
    // The guard let through valid, normalized names only: what is left is dropping repeats.
    await setProjects(site, {
      names: [...new Set(message.names)],
      seenAt: Date.now(),
      ...markFrom(sender.tab),
    });
    return { ok: true };
  } catch {
    return { ok: false, error: 'Could not keep the project list in session memory.' };
  }
}
