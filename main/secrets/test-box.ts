import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretBox } from '../pins/secret-box.js';

/**
 * Test helper: a box that really encrypts (AES-256-GCM with a key of its own), standing in for Electron's
 * safeStorage, whose runtime cannot be installed here. Two boxes are two machines: neither opens the other's.
 */
export function testBox(): SecretBox {
  const key = randomBytes(32);
  return {
    kind: 'safeStorage',
    seal: (text) => {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(text, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]).toString('base64');
    },
    open: (payload) => {
      const raw = Buffer.from(payload, 'base64');
      const d = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      d.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
    },
  };
}
