/**
 * The background side of capture: trusts a message only from our own content script on PyPI's token
 * pages, validates the token (or the project list) again, and keeps it in the session stores. Also
 * keeps the toolbar badge equal to the number of tokens held.
 */
import { type Browser, browser } from 'wxt/browser';
import { Token } from '@/src/core';
import { type Site, siteOf } from '@/src/shared/site';
import {
  type CaptureResponse,
  isCaptureMessage,
  isProjectsMessage,
  type ProjectsResponse,
} from './messages';
import { setProjects } from './project-store';
import { addToken, listTokens, TOKENS_KEY } from './token-store';

const TOKEN_PATH = '/manage/account/token/';

/** The site a message comes from, if it is our content script in the top frame of a PyPI token page. */
function trustedSite(sender: Browser.runtime.MessageSender): Site | null {
  if (sender.id !== browser.runtime.id || !sender.tab || sender.frameId !== 0 || !sender.url)
    return null;
  const site = siteOf(sender.url);
  if (!site) return null;
  const url = new URL(sender.url); // parses: siteOf accepted it
  if (!url.pathname.startsWith(TOKEN_PATH)) return null;
  // Chrome also reports the origin the frame really has; it must agree with the URL.
  const origin = (sender as { origin?: string }).origin;
  return origin === undefined || origin === url.origin ? site : null;
}

export async function handleCapture(
  message: unknown,
  sender: Browser.runtime.MessageSender,
  now: number = Date.now(),
): Promise<CaptureResponse> {
  const site = trustedSite(sender);
  if (!site) return { ok: false, error: 'Refused: not sent from a PyPI token page.' };
  if (!isCaptureMessage(message)) return { ok: false, error: 'Refused: malformed capture.' };
  let token: Token;
  try {
    token = Token.load(message.token);
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
  try {
    const held = await addToken({
      identifier: token.identifier,
      token: token.dump(),
      name: message.name,
      scope: message.scope,
      site,
      capturedAt: now,
      // The location is not signed: the page's origin is what we trust, the mismatch is only flagged.
      locationMismatch: token.domain !== site,
    });
    return { ok: true, held: held.length };
  } catch {
    return { ok: false, error: 'Could not keep the token in session memory.' };
  }
}

/** Keeps the project list the creation form showed, replacing the site's previous one. */
export async function handleProjects(
  message: unknown,
  sender: Browser.runtime.MessageSender,
  now: number = Date.now(),
): Promise<ProjectsResponse> {
  const site = trustedSite(sender);
  if (!site) return { ok: false, error: 'Refused: not sent from a PyPI token page.' };
  if (!isProjectsMessage(message)) return { ok: false, error: 'Refused: malformed project list.' };
  try {
    // The guard let through valid, normalized names only: what is left is dropping repeats.
    await setProjects(site, { names: [...new Set(message.names)], seenAt: now });
    return { ok: true };
  } catch {
    return { ok: false, error: 'Could not keep the project list in session memory.' };
  }
}

async function showCount(): Promise<void> {
  const n = (await listTokens()).length;
  // MV3 has `action`; Firefox's MV2 build has `browserAction`.
  const action = browser.action ?? browser.browserAction;
  await action.setBadgeText({ text: n > 0 ? String(n) : '' });
}

/** What any message the handlers did not expect gets: an answer, never a thrown error or silence. */
const REFUSED = { ok: false, error: 'Refused.' } as const;

export function setupCapture(): void {
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    const type =
      typeof message === 'object' && message !== null && Object.hasOwn(message, 'type')
        ? (message as { type: unknown }).type
        : undefined;
    const handle =
      type === 'capture' ? handleCapture : type === 'projects' ? handleProjects : undefined;
    if (!handle) return undefined;
    handle(message, sender).then(sendResponse, () => sendResponse(REFUSED));
    return true;
  });
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'session' && TOKENS_KEY in changes) void showCount();
  });
  void showCount();
}
