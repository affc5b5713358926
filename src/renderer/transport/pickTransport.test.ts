import { describe, expect, it } from 'vitest';
import { createFakeApi } from '../test/fakeApi';
import { pickTransport } from './index';

describe('pickTransport', () => {
  it('uses the preload API over Electron IPC when window.switchyard exists', () => {
    const { api } = createFakeApi({});
    const transport = pickTransport({ switchyard: api });
    expect(transport.kind).toBe('desktop');
    expect(transport.api).toBe(api);
  });

  it('falls back to HTTP in a plain browser', () => {
    const transport = pickTransport({});
    expect(transport.kind).toBe('browser');
    expect(typeof transport.api.request).toBe('function');
  });
});
