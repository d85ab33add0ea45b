/**
 * The background's one message listener: each message type of src/shared/messages.ts has one handler,
 * looked up by the message's own `type`; each handler checks its sender and what arrived. Chrome's
 * offscreen document answers its own message (entrypoints/offscreen), which is not in the map.
 */
import { type Browser, browser } from 'wxt/browser';
import type { MessageType, Response } from '@/src/shared/messages';
import {
  handleCapture,
  handleOpenView,
  handlePanelProjects,
  handleProjects,
} from './capture-handler';
import { handleScheduleClear } from './clipboard';
import { messageType } from './messages';
import { handleForget, handleRestore } from './view-requests';

type Handlers = {
  [K in MessageType]: (m: unknown, sender: Browser.runtime.MessageSender) => Promise<Response<K>>;
};

const HANDLERS: Handlers = {
  capture: handleCapture,
  projects: handleProjects,
  'panel-projects': handlePanelProjects,
  'open-view': handleOpenView,
  'schedule-clipboard-clear': handleScheduleClear,
  forget: handleForget,
  restore: handleRestore,
};

const isRouted = (type: string | undefined): type is MessageType =>
  type !== undefined && Object.hasOwn(HANDLERS, type);

/** What a message whose handler failed gets: an answer, never a thrown error or silence. */
const REFUSED = { ok: false, error: 'Refused.' } as const;

export function setupRouter(): void {
  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    const type = messageType(message);
    if (!isRouted(type)) return undefined;
    HANDLERS[type](message, sender).then(sendResponse, () => sendResponse(REFUSED));
    return true;
  });
}
