/** The ways a derived token can be copied: bare, as a .pypirc section, or as environment lines. */
import type { Site } from '@/src/extension/capture';

export type CopyFormat = 'token' | 'pypirc' | 'twine' | 'uv';

export const COPY_FORMATS: { id: CopyFormat; label: string }[] = [
  { id: 'token', label: 'Token only' },
  { id: 'pypirc', label: '.pypirc section' },
  { id: 'twine', label: 'twine environment' },
  { id: 'uv', label: 'uv environment' },
];

/** `site` picks the .pypirc section and the upload URL PyPI's docs give for each index. */
export function formatToken(token: string, format: CopyFormat, site: Site): string {
  const test = site === 'test.pypi.org';
  switch (format) {
    case 'token':
      return token;
    case 'pypirc':
      return `[${test ? 'testpypi' : 'pypi'}]\n  username = __token__\n  password = ${token}\n`;
    case 'twine':
      return `${test ? 'TWINE_REPOSITORY=testpypi\n' : ''}TWINE_USERNAME=__token__\nTWINE_PASSWORD=${token}\n`;
    case 'uv':
      return `${test ? 'UV_PUBLISH_URL=https://test.pypi.org/legacy/\n' : ''}UV_PUBLISH_TOKEN=${token}\n`;
  }
}

/** The site a token is for: the page it came from, else its (unsigned) location. */
export function siteFor(domain: string, captured?: Site): Site {
  return captured ?? (domain === 'test.pypi.org' ? 'test.pypi.org' : 'pypi.org');
}
