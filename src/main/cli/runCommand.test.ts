import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../routing/test/memorySecrets';
import { tempDir } from '../test/tempDir';
import { runCli } from './program';
import { EXIT_INTERRUPTED } from './runCommand';

function capture(onWrite?: (text: string, count: number) => void) {
  const out: string[] = [];
  const err: string[] = [];
  const written: string[] = [];
  const io = {
    out: (l: string) => out.push(l),
    err: (l: string) => err.push(l),
    write: (t: string) => {
      written.push(t);
      onWrite?.(t, written.length);
    },
  };
  return { io, out, err, written };
}

describe('switchyard run', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => dir.cleanup());

  it('--simulate streams the answer to stdout, then prints its route and would-be cost', async () => {
    const c = capture();
    const code = await runCli(['--data-dir', dir.path, '--simulate', 'run', 'hello'], {
      io: c.io,
      secrets: new MemorySecretStore(),
    });
    expect(code).toBe(0);
    expect(c.written.length).toBeGreaterThan(3);
    expect(c.written.join('')).toMatch(/^Simulated answer from .+ about "hello"/);
    const summary = c.err.join('\n');
    expect(summary).toMatch(/^— [a-z]+\/\S+ \[simulated\] via auto: /);
    expect(summary).toMatch(/would-be cost \$[0-9.e-]+ \(simulated: nothing was spent\)/);
  });

  it('--json prints one RoutedGeneration object', async () => {
    const c = capture();
    const code = await runCli(['--data-dir', dir.path, '--simulate', '--json', 'run', 'hello', 'there'], {
      io: c.io,
      secrets: new MemorySecretStore(),
    });
    expect(code).toBe(0);
    expect(c.written).toEqual([]);
    const r = JSON.parse(c.out.join('\n'));
    expect(r).toMatchObject({ simulated: true, cacheHit: false, partial: false });
    expect(r.output).toMatch(/about "hello there"/);
  });

  it('Ctrl+C cancels the request: the stream stops and the exit code is 130', async () => {
    const env = { SWITCHYARD_SIMULATE_FAULTS: JSON.stringify([{ fault: 'chunk-delay=30', times: 5 }]) };
    const c = capture((_t, n) => {
      if (n === 3) process.emit('SIGINT');
    });
    const code = await runCli(['--data-dir', dir.path, '--simulate', 'run', 'tell me more [[words:300]]'], {
      io: c.io,
      env,
      secrets: new MemorySecretStore(),
    });
    expect(code).toBe(EXIT_INTERRUPTED);
    // The upstream stream was closed: far fewer than the 300+ words arrived.
    expect(c.written.length).toBeLessThan(30);
    expect(c.err.join('\n')).toMatch(/stopped: cancelled/);
    expect(process.listenerCount('SIGINT')).toBe(0);
  });
});
