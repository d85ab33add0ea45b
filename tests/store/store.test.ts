// The store listing kit (store/README.md) against each store's limits and against the manifest: every
// text within its store's limit and not empty, every permission the manifest asks for justified exactly
// once and nothing justified that no manifest asks for, the data-use answers consistent with the
// manifest's own declaration, and every image at the exact size its store (or its name) says. Limits
// and their sources are in store/README.md; the manifest is wxt.config.ts's own function, called for
// Chrome (MV3) and Firefox (MV2), and the built one in .output/ when a build is there.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import config from '../../wxt.config';

const STORE = 'store';
const raw = readFileSync(join(STORE, 'listing.json'), 'utf8');
const listing = JSON.parse(raw) as Listing;
const description = readFileSync(join(STORE, listing.cws.descriptionFile), 'utf8');

interface Listing {
  name: string;
  cws: {
    summary: string;
    descriptionFile: string;
    singlePurpose: string;
    permissions: Record<string, string>;
    hostPermissions: { patterns: string[]; justification: string };
    remoteCode: { usesRemoteCode: boolean; justification: string };
    dataUsage: {
      collected: Record<string, boolean>;
      handledOnDevice: Record<string, string>;
      certifications: string[];
    };
  };
  amo: {
    summary: string;
    summaryShort: string;
    descriptionFile: string;
    dataCollectionPermissions: string[];
    reviewerNotes: string;
  };
  screenshots: { file: string; caption: string }[];
  promoTile: string;
}

/** Characters as a person (and a store's counter) counts them: code points, not UTF-16 units. */
const length = (text: string) => [...text].length;

/**
 * Each store's limits (sources in store/README.md). `min` 1 is "not empty"; where a store states no
 * maximum (AMO's description, the CWS justification fields) the bound is the CWS's or our own, said so.
 */
const TEXTS: { what: string; text: string; min: number; max: number }[] = [
  // AMO's DescribeForm: name max_length=50 (the stricter store; the manifest's name is the other team's).
  { what: 'name', text: listing.name, min: 1, max: 50 },
  // CWS: the manifest description / store summary, "no more than 132 characters".
  { what: 'cws.summary', text: listing.cws.summary, min: 1, max: 132 },
  // CWS detailed description: 16,000; AMO's DescribeForm: description min_length=10, no maximum.
  { what: 'description', text: description, min: 10, max: 16_000 },
  // AMO's DescribeForm and AddonSerializer: summary max_length=250.
  { what: 'amo.summary', text: listing.amo.summary, min: 1, max: 250 },
  // AMO's DescribeFormContentOptimization (behind a switch): name and summary together at most 70.
  {
    what: 'name + amo.summaryShort',
    text: listing.name + listing.amo.summaryShort,
    min: 1,
    max: 70,
  },
  // The dashboard fields below state no limit in the docs found: our own bound, one reviewer's read.
  { what: 'cws.singlePurpose', text: listing.cws.singlePurpose, min: 1, max: 1_000 },
  ...Object.entries(listing.cws.permissions).map(([p, text]) => ({
    what: `cws.permissions.${p}`,
    text,
    min: 1,
    max: 1_000,
  })),
  {
    what: 'cws.hostPermissions',
    text: listing.cws.hostPermissions.justification,
    min: 1,
    max: 1_000,
  },
  {
    what: 'cws.remoteCode',
    text: listing.cws.remoteCode.justification,
    min: 1,
    max: 1_000,
  },
  { what: 'amo.reviewerNotes', text: listing.amo.reviewerNotes, min: 1, max: 3_000 },
  ...listing.screenshots.map((s) => ({
    what: `caption of ${s.file}`,
    text: s.caption,
    min: 1,
    max: 120,
  })),
];

/** A manifest as wxt.config.ts writes it (before WXT adds icons, entrypoints and the rest). */
interface Manifest {
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  icons?: Record<string, string>;
  browser_specific_settings?: { gecko?: { data_collection_permissions?: { required?: string[] } } };
}

type ManifestFn = (env: Record<string, unknown>) => Manifest | Promise<Manifest>;
async function declared(browser: 'chrome' | 'firefox'): Promise<Manifest> {
  const manifest = (config as { manifest?: Manifest | ManifestFn }).manifest;
  if (typeof manifest !== 'function') return manifest ?? {};
  return manifest({
    browser,
    manifestVersion: browser === 'chrome' ? 3 : 2,
    mode: 'production',
    command: 'build',
  });
}

/** The built manifests present in .output/ (none without a build). */
function built(): { where: string; manifest: Manifest }[] {
  return ['chrome-mv3', 'firefox-mv2']
    .map((dir) => join('.output', dir, 'manifest.json'))
    .filter((path) => existsSync(path))
    .map((where) => ({ where, manifest: JSON.parse(readFileSync(where, 'utf8')) as Manifest }));
}

/** API permissions and host permissions apart (MV2 lists hosts among its permissions). */
function permissionsOf(m: Manifest): { api: string[]; hosts: string[] } {
  const all = [
    ...(m.permissions ?? []),
    ...(m.optional_permissions ?? []),
    ...(m.host_permissions ?? []),
  ];
  const isHost = (p: string) => p.includes('://') || p === '<all_urls>';
  return { api: all.filter((p) => !isHost(p)), hosts: all.filter(isHost) };
}

/** How many times listing.json names `key` as a key (JSON.parse would keep only the last of two). */
function timesKeyed(key: string): number {
  return raw.split(`${JSON.stringify(key)}:`).length - 1;
}

/** A PNG's header (IHDR): width, height, bit depth and colour type (2 RGB, 6 RGBA). */
function pngHeader(path: string) {
  const png = readFileSync(path);
  const signature = '89504e470d0a1a0a';
  expect(png.subarray(0, 8).toString('hex'), `${path} is a PNG`).toBe(signature);
  expect(png.subarray(12, 16).toString('latin1'), `${path} starts with IHDR`).toBe('IHDR');
  return {
    width: png.readUInt32BE(16),
    height: png.readUInt32BE(20),
    bitDepth: png[24] as number,
    colorType: png[25] as number,
  };
}

/** The alpha channel of an 8-bit RGBA, non-interlaced PNG (what scripts/make-icons.mjs writes), by row. */
function alphaOf(path: string): number[][] {
  const png = readFileSync(path);
  const { width, height, bitDepth, colorType } = pngHeader(path);
  expect([bitDepth, colorType, png[28]], `${path} is 8-bit RGBA, not interlaced`).toEqual([
    8, 6, 0,
  ]);
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const size = png.readUInt32BE(at);
    if (png.subarray(at + 4, at + 8).toString('latin1') === 'IDAT')
      idat.push(png.subarray(at + 8, at + 8 + size));
    at += 12 + size;
  }
  const data = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const rows: number[][] = [];
  let previous = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = data[y * (stride + 1)] as number;
    const line = data.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = new Uint8Array(stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= 4 ? (out[i - 4] as number) : 0;
      const b = previous[i] as number;
      const c = i >= 4 ? (previous[i - 4] as number) : 0;
      const paeth = () => {
        const p = a + b - c;
        const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      };
      const predictor = [0, a, b, (a + b) >> 1, paeth()][filter];
      if (predictor === undefined) throw new Error(`${path}: unknown PNG filter ${filter}`);
      out[i] = ((line[i] as number) + predictor) & 255;
    }
    rows.push([...out].filter((_, i) => i % 4 === 3));
    previous = out;
  }
  return rows;
}

describe('the store texts', () => {
  it.each(TEXTS)('$what is within its store’s limit and not empty', ({ what, text, min, max }) => {
    expect(length(text.trim()), `${what} is empty or too short`).toBeGreaterThanOrEqual(min);
    expect(
      length(text),
      `${what}: ${length(text)} characters, the limit is ${max}`,
    ).toBeLessThanOrEqual(max);
  });

  it('both stores take the same description file', () => {
    expect(listing.amo.descriptionFile).toBe(listing.cws.descriptionFile);
  });
});

describe('the permissions and their justifications', () => {
  it('every permission either manifest asks for has exactly one justification, and none is for a permission no manifest asks for', async () => {
    const chrome = permissionsOf(await declared('chrome'));
    const firefox = permissionsOf(await declared('firefox'));
    expect(chrome.api.length, 'the manifest function was read').toBeGreaterThan(0);
    const asked = new Set([...chrome.api, ...firefox.api]);
    const justified = Object.keys(listing.cws.permissions);
    for (const p of asked) {
      expect(justified, `${p} has a justification`).toContain(p);
      expect(timesKeyed(p), `${p} is justified exactly once`).toBe(1);
    }
    for (const p of justified) expect([...asked], `${p} is asked for by a manifest`).toContain(p);
    // The Chrome Web Store reviews the Chrome manifest: each of its permissions has its text.
    for (const p of chrome.api) expect(listing.cws.permissions[p]?.trim()).toBeTruthy();
  });

  it('the host justification covers exactly the host permissions both manifests ask for', async () => {
    const patterns = [...listing.cws.hostPermissions.patterns].sort();
    expect(new Set(patterns).size, 'no pattern twice').toBe(patterns.length);
    for (const browser of ['chrome', 'firefox'] as const)
      expect([...permissionsOf(await declared(browser)).hosts].sort(), browser).toEqual(patterns);
  });

  it('the built manifests, when there is a build, ask for nothing unjustified', () => {
    for (const { where, manifest } of built()) {
      const { api, hosts } = permissionsOf(manifest);
      for (const p of api)
        expect(Object.keys(listing.cws.permissions), `${where}: ${p}`).toContain(p);
      for (const h of hosts)
        expect(listing.cws.hostPermissions.patterns, `${where}: ${h}`).toContain(h);
    }
  });

  it('the data-use answers say what the manifest declares: nothing collected', async () => {
    const gecko = (await declared('firefox')).browser_specific_settings?.gecko;
    expect(listing.amo.dataCollectionPermissions).toEqual(
      gecko?.data_collection_permissions?.required,
    );
    expect(listing.amo.dataCollectionPermissions).toEqual(['none']);
    const collected = Object.entries(listing.cws.dataUsage.collected).filter(([, yes]) => yes);
    expect(collected, 'no data category is collected').toEqual([]);
    // What the extension reads on the device is named among the dashboard's categories.
    for (const category of Object.keys(listing.cws.dataUsage.handledOnDevice))
      expect(Object.keys(listing.cws.dataUsage.collected)).toContain(category);
    expect(listing.cws.dataUsage.certifications).toHaveLength(3);
    expect(listing.cws.remoteCode.usesRemoteCode).toBe(false);
  });
});

describe('the store images', () => {
  it('1 to 5 screenshots (the Chrome Web Store’s most), each exactly 1280x800, RGB without alpha', () => {
    expect(listing.screenshots.length).toBeGreaterThanOrEqual(1);
    expect(listing.screenshots.length).toBeLessThanOrEqual(5);
    for (const { file } of listing.screenshots) {
      const { width, height, colorType } = pngHeader(join(STORE, file));
      expect(`${file}: ${width}x${height}`).toBe(`${file}: 1280x800`);
      expect(colorType, `${file} has no alpha (24-bit)`).toBe(2);
    }
  });

  it('the small promo tile is exactly 440x280, RGB without alpha', () => {
    const { width, height, colorType } = pngHeader(join(STORE, listing.promoTile));
    expect(`${width}x${height}`).toBe('440x280');
    expect(colorType).toBe(2);
  });

  it('every icon is the exact size its name says, and every size the stores ask for is there', () => {
    const icons = readdirSync('public/icon').filter((f) => f.endsWith('.png'));
    for (const file of icons) {
      const size = Number(file.replace(/\.png$/, ''));
      expect(Number.isInteger(size), `public/icon/${file} is named by its size`).toBe(true);
      const { width, height } = pngHeader(join('public/icon', file));
      expect(`${file}: ${width}x${height}`).toBe(`${file}: ${size}x${size}`);
    }
    // CWS: 128 (store and install), 48 (extensions page), 16 (favicon); AMO: 32, 48, 64 in the manifest.
    for (const size of [16, 32, 48, 64, 128]) expect(icons).toContain(`${size}.png`);
  });

  it('the built manifests’ icons, when there is a build, are the size they are listed under', () => {
    for (const { where, manifest } of built()) {
      const dir = where.replace(/manifest\.json$/, '');
      for (const [size, file] of Object.entries(manifest.icons ?? {})) {
        const { width, height } = pngHeader(join(dir, file));
        expect(`${where} ${size}: ${width}x${height}`).toBe(`${where} ${size}: ${size}x${size}`);
      }
    }
  });

  it('the 128 icon is 96x96 artwork with 16 px of transparent padding, as the Chrome Web Store asks', () => {
    const alpha = alphaOf('public/icon/128.png');
    const opaqueAt = (x: number, y: number) => (alpha[y]?.[x] ?? 0) > 0;
    let [left, top, right, bottom] = [128, 128, -1, -1];
    for (let y = 0; y < 128; y++)
      for (let x = 0; x < 128; x++)
        if (opaqueAt(x, y)) {
          left = Math.min(left, x);
          top = Math.min(top, y);
          right = Math.max(right, x);
          bottom = Math.max(bottom, y);
        }
    expect({ left, top, right, bottom }).toEqual({ left: 16, top: 16, right: 111, bottom: 111 });
  });
});
