// Draws the extension's icons (public/icon/<size>.png): a funnel, narrowing a wide token into a thin one,
// on PyPI's blue. Run `node scripts/make-icons.mjs` after changing the drawing; the PNGs are committed.
// WXT lists every public/icon/<size>.png in the manifest's `icons` (and the toolbar's default icon).
//
// The sizes are what the stores and browsers ask for (store/README.md cites each):
// - 16, 32: the toolbar (1x and 2x); 48: chrome://extensions and Firefox's add-ons manager;
//   96: Firefox's add-ons manager at 2x; 32, 48, 64: what AMO asks a manifest to carry; 128: the
//   Chrome Web Store and the install dialog.
// - 128 is drawn as the Chrome Web Store asks: 96x96 artwork with 16 px of transparent padding on
//   every side (the store and Chrome add their own edges). The smaller sizes fill their square: at
//   16 or 32 pixels, padding would only shrink the funnel into a smudge.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BLUE = [55, 117, 169];
const YELLOW = [255, 211, 67];
const WHITE = [255, 255, 255];

/** Coverage of the shapes at a point of the unit square (0..1), later shapes on top. */
function colorAt(x, y) {
  const inRounded = (() => {
    const r = 0.2;
    const dx = Math.max(Math.abs(x - 0.5) - (0.5 - r), 0);
    const dy = Math.max(Math.abs(y - 0.5) - (0.5 - r), 0);
    return dx * dx + dy * dy <= r * r;
  })();
  if (!inRounded) return null;
  // Funnel: a trapezoid from y=.2 (wide) to y=.55 (narrow), then a stem to y=.82.
  const t = (y - 0.2) / 0.35;
  if (t >= 0 && t <= 1 && Math.abs(x - 0.5) <= 0.34 - 0.25 * t) return YELLOW;
  if (y > 0.55 && y <= 0.82 && Math.abs(x - 0.5) <= 0.09) return WHITE;
  return BLUE;
}

function png(size, pad = 0) {
  const S = 4; // 4x4 supersampling for smooth edges
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = [0];
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < S; sy++) {
        for (let sx = 0; sx < S; sx++) {
          // The artwork spans [pad, size - pad]; the padding around it stays transparent.
          const at = (p, s) => (p + (s + 0.5) / S - pad) / (size - 2 * pad);
          const c = colorAt(at(px, sx), at(py, sy));
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a++;
        }
      }
      row.push(
        a ? Math.round(r / a) : 0,
        a ? Math.round(g / a) : 0,
        a ? Math.round(b / a) : 0,
        Math.round((a / (S * S)) * 255),
      );
    }
    rows.push(Buffer.from(row));
  }
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const byte of buf) c = crcTable[(c ^ byte) & 255] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Each size and its transparent padding, in pixels per side. */
const SIZES = { 16: 0, 32: 0, 48: 0, 64: 0, 96: 0, 128: 16 };
for (const [size, pad] of Object.entries(SIZES))
  writeFileSync(`public/icon/${size}.png`, png(Number(size), pad));
