/**
 * The files an open-source project ships for its operators and contributors exist and say what
 * they must: the licence package.json names, a security policy, a supported Node.js in the image,
 * and container images pinned to versions (a `latest` or bare major tag changes under you).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

describe('operator files', () => {
  it('LICENSE is the MIT licence package.json declares', () => {
    expect((JSON.parse(read('package.json')) as { license: string }).license).toBe('MIT');
    expect(read('LICENSE')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} /);
    expect(read('LICENSE')).toContain('THE SOFTWARE IS PROVIDED "AS IS"');
  });

  it('SECURITY.md says how to report and which versions are supported; CONTRIBUTING.md exists', () => {
    const security = read('SECURITY.md');
    expect(security).toMatch(/^## How to report$/m);
    expect(security).toMatch(/^## Supported versions$/m);
    expect(read('CONTRIBUTING.md')).toContain('SECURITY.md');
  });

  it('the Docker image runs a Node.js LTS line that is still supported (22 or 24)', () => {
    const froms = [...read('docker/Dockerfile').matchAll(/^FROM (\S+)/gm)].map((m) => m[1]);
    expect(froms.length).toBeGreaterThan(0);
    for (const image of froms) expect(image).toMatch(/^node:(22|24)[.-]/);
  });

  it('every compose image is pinned to a version', () => {
    const images = [...read('docker/compose.yaml').matchAll(/^\s+image: (\S+)$/gm)].map((m) => m[1]);
    expect(images.length).toBeGreaterThanOrEqual(5);
    for (const image of images) {
      const tag = image.split(':')[1] ?? '';
      // A version with at least a minor (15.14, v1.27.0, 2.10.0) or a dated release (MinIO).
      expect({ image, pinned: /^v?\d+\.\d+/.test(tag) || /^RELEASE\.\d{4}-/.test(tag) }).toEqual({ image, pinned: true });
    }
  });
});
