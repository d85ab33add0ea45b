/**
 * The typed runtime messages between the content script, the popup and the background: one module
 * used by both sides, with guards the receiving side runs on whatever arrives.
 */
export interface CaptureMessage {
  type: 'capture';
  token: string;
  name: string | null;
  scope: string | null;
}

export type CaptureResponse = { ok: true; held: number } | { ok: false; error: string };

const isLabel = (v: unknown) => v === null || (typeof v === 'string' && v.length <= 200);

export function isCaptureMessage(m: unknown): m is CaptureMessage {
  if (typeof m !== 'object' || m === null) return false;
  const o = m as Record<string, unknown>;
  return o.type === 'capture' && typeof o.token === 'string' && isLabel(o.name) && isLabel(o.scope);
}
