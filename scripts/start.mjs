// `npm start -- [flags]`: build, then launch the desktop app; where no Electron binary exists (and
// none can be downloaded) say so once and run the headless shell instead, exactly as
// `npm run serve -- [flags]` would, so `npm start` always ends with a usable Switchyard.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildNative, electronVersion, isNativeBuildCurrent } from './native-electron.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const electronDir = join(root, 'node_modules', 'electron');
const INSTALL_TIMEOUT_MS = 60_000;

/**
 * The Electron executable, or null. Same lookup as node_modules/electron/index.js, but without its
 * side effect: `require('electron')` starts a blocking download with no timeout when the binary is
 * missing, and throws when that fails.
 */
function electronBinary() {
  let relative = '';
  try {
    relative = readFileSync(join(electronDir, 'path.txt'), 'utf8').trim();
  } catch {
    // not installed (or only ELECTRON_OVERRIDE_DIST_PATH is set)
  }
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override)
    return existsSync(join(override, relative || 'electron')) ? join(override, relative || 'electron') : null;
  if (relative === '') return null;
  const full = join(electronDir, 'dist', relative);
  return existsSync(full) ? full : null;
}

/** One download attempt through Electron's own installer; returns why it failed, or null. */
function tryInstallElectron() {
  console.log(
    `Electron ${electronVersion()} is not installed; trying to download it once (up to ${INSTALL_TIMEOUT_MS / 1000} s)…`,
  );
  const r = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    cwd: root,
    encoding: 'utf8',
    timeout: INSTALL_TIMEOUT_MS,
  });
  if (r.error) return r.error.code === 'ETIMEDOUT' ? 'the download timed out' : r.error.message;
  if (r.status === 0) return null;
  const firstError = `${r.stderr}\n${r.stdout}`.split('\n').find((l) => /error/i.test(l));
  return firstError?.trim() || `the installer exited with code ${r.status}`;
}

/** Runs a child with our stdio, forwarding Ctrl+C/TERM, and exits with its code. */
function handOver(command, commandArgs, env = process.env) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('error', (e) => {
    console.error(`Could not start ${command}: ${e.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const build = spawnSync(
  process.execPath,
  [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
if (build.status !== 0) process.exit(build.status ?? 1);

let binary = electronBinary();
let installProblem = null;
if (binary === null) {
  installProblem = tryInstallElectron();
  binary = electronBinary();
}

if (binary === null) {
  console.log(
    [
      '',
      `Switchyard cannot open the desktop app here: no Electron binary is installed and downloading Electron ${electronVersion()}`,
      `failed (${installProblem ?? 'the installer left no binary'}), which is expected on a machine without internet access.`,
      'Starting the headless shell instead: it runs the same services and serves the same UI, so open the UI URL',
      'printed below in a browser. To get the desktop app, run `npm start` on a machine with internet access,',
      'where Electron downloads itself on first start.',
      '',
    ].join('\n'),
  );
  handOver(process.execPath, [join(root, 'scripts', 'serve.mjs'), ...args]);
} else {
  if (!isNativeBuildCurrent()) {
    const problem = buildNative();
    if (problem) console.warn(`${problem}\n`);
  }
  // An inherited ELECTRON_RUN_AS_NODE (set by some editors' terminals) would turn the app into a
  // plain Node process.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  handOver(binary, ['.', ...args], env);
}
