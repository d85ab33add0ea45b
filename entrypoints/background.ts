// Background entrypoint: wiring only; the logic lives in src/extension.
import { setupCapture } from '@/src/extension/capture-handler';

export default defineBackground(() => {
  setupCapture();
});
