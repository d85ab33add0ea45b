// Background entrypoint: wiring only; the logic lives in src/extension.
export default defineBackground(() => {});
