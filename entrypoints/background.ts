// Background entrypoint: wiring only; the logic lives in src/extension.
import { setupClipboardClear } from '@/src/extension/clipboard';
import { setupContextMenu } from '@/src/extension/context-menu';
import { setupPrivateWindows } from '@/src/extension/private-windows';
import { setupRouter } from '@/src/extension/router';
import { setupBadge } from '@/src/extension/toolbar';

export default defineBackground(() => {
  setupRouter();
  setupBadge();
  setupContextMenu();
  setupClipboardClear();
  setupPrivateWindows();
});
