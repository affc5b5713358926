// Command-line flags of the desktop app. Electron's argv also carries Chromium switches and the app
// path (`electron . --data-dir X`, or `Switchyard --data-dir X` when packaged), so this reads only
// the flags it knows and ignores everything else instead of failing on them.

export interface ShellArgs {
  /** `--data-dir DIR` or `--data-dir=DIR`; resolveDataDir falls back to env, then the OS default. */
  dataDir?: string;
  /** `--simulate`: answer from the simulated providers, as `npm run serve -- --simulate` does. */
  simulate: boolean;
}

export function parseShellArgs(argv: readonly string[]): ShellArgs {
  const args: ShellArgs = { simulate: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === undefined) continue;
    if (arg === '--simulate') args.simulate = true;
    else if (arg.startsWith('--data-dir=')) args.dataDir = arg.slice('--data-dir='.length);
    else if (arg === '--data-dir') {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        args.dataDir = next;
        i++;
      }
    }
  }
  return args;
}
