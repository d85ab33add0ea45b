/**
 * Which senders the background trusts: our own content script (or the panel it injected) in the top
 * frame of a PyPI token page. One rule for capture, the panel's requests and its clipboard clears.
 */
import { type Browser, browser } from 'wxt/browser';
import { isTokenPage, type Site, siteOf } from '@/src/shared/pypi';

/** The site a message comes from, if it is our content script in the top frame of a PyPI token page. */
export function trustedSite(sender: Browser.runtime.MessageSender): Site | null {
  if (sender.id !== browser.runtime.id || !sender.tab || sender.frameId !== 0 || !sender.url)
    return null;
  const site = siteOf(sender.url);
  if (!site || !isTokenPage(sender.url)) return null;
  // Chrome also reports the origin the frame really has; it must agree with the URL.
  const origin = (sender as { origin?: string }).origin;
  return origin === undefined || origin === new URL(sender.url).origin ? site : null;
}

/** Whether a message comes from one of this extension's own pages (the view), not from a web page. */
export function fromOwnPage(sender: Browser.runtime.MessageSender): boolean {
  return (
    sender.id === browser.runtime.id &&
    (sender.url?.startsWith(browser.runtime.getURL('/')) ?? false)
  );
}
