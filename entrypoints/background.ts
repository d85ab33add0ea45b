// Background entrypoint: wiring only; the logic lives in src/extension.
import { setupCapture } from '@/src/extension/capture-handler';
import { setupClipboardClear } from '@/src/extension/clipboard';
import { setupContextMenu } from '@/src/extension/context-menu';
import { setupPrivateWindows } from '@/src/extension/private-windows';

export default defineBackground(() => {
  setupCapture();
  setupContextMenu();
  setupClipboardClear();
  setupPrivateWindows();
});
