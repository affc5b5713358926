import { describe, expect, it } from 'vitest';
import { redactSecrets, shortProviderMessage } from './redact';

describe('redactSecrets', () => {
  it('removes a known key wherever it appears', () => {
    const key = 'my-own-secret-value-42';
    expect(redactSecrets(`Incorrect API key provided: ${key}.`, [key])).toBe(
      'Incorrect API key provided: [redacted].',
    );
  });

  it('removes well-known key shapes even when the key is not known', () => {
    const text =
      'keys sk-ant-api03-abcdefgh AIzaSyA1234567890abcdefghijklmn gsk_abcdefghijkl0123 hf_abcdefghijklmnop';
    const out = redactSecrets(text);
    for (const leaked of ['sk-ant', 'AIzaSy', 'gsk_abc', 'hf_abc']) expect(out).not.toContain(leaked);
  });

  it('removes auth headers and key-carrying URL parameters but keeps the rest of the URL', () => {
    const out = redactSecrets(
      'GET https://generativelanguage.googleapis.com/v1beta/models?key=abc123xyz&pageSize=5 with Authorization: Bearer tok123456',
    );
    expect(out).toContain(
      'https://generativelanguage.googleapis.com/v1beta/models?key=[redacted]&pageSize=5',
    );
    expect(out).not.toContain('abc123xyz');
    expect(out).not.toContain('tok123456');
  });

  it('leaves ordinary prose and very short "keys" alone', () => {
    expect(redactSecrets('The engine is overloaded', ['x'])).toBe('The engine is overloaded');
  });
});

describe('shortProviderMessage', () => {
  it('flattens and bounds long provider messages', () => {
    const out = shortProviderMessage(`line one\n\nline two ${'x'.repeat(500)}`, [], 40);
    expect(out.startsWith('line one line two')).toBe(true);
    expect(out.length).toBe(40);
  });
});
