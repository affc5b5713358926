// `npm run native:electron`: builds better-sqlite3 for Electron's ABI into
// .native/electron-<electron version>/better_sqlite3.node, leaving node_modules/better-sqlite3 built
// for Node (tests, the headless shell and the CLI run under Node and need that build). The Electron
// shell passes the separate file to better-sqlite3's `nativeBinding` option; see
// src/main/electron/nativeBinding.ts, which shares the folder layout and the build.json manifest.
//
// node-gyp compiles the module's sources (a copy, so node_modules is never touched) against
// Electron's headers, which it downloads from https://electronjs.org/headers. Without internet,
// point SWITCHYARD_ELECTRON_HEADERS at an unpacked Electron headers folder (node-gyp --nodedir).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const BUILD_TIMEOUT_MS = 15 * 60_000;

const versionOf = (pkg) =>
  JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;

export const electronVersion = () => versionOf('electron');

export function nativeTarget(version = electronVersion()) {
  const dir = join(root, '.native', `electron-${version}`);
  return { dir, binding: join(dir, 'better_sqlite3.node'), manifest: join(dir, 'build.json') };
}

/** True when the Electron build exists and matches this Electron, platform, arch and better-sqlite3. */
export function isNativeBuildCurrent(version = electronVersion()) {
  const { binding, manifest } = nativeTarget(version);
  if (!existsSync(binding)) return false;
  try {
    const m = JSON.parse(readFileSync(manifest, 'utf8'));
    return (
      m.electron === version &&
      m.platform === process.platform &&
      m.arch === process.arch &&
      m.betterSqlite3 === versionOf('better-sqlite3')
    );
  } catch {
    return false;
  }
}

function lastLines(text, n) {
  return text.trim().split('\n').slice(-n).join('\n');
}

/** Builds the binding; returns null on success or a message a person can act on. */
export function buildNative(version = electronVersion()) {
  const source = join(root, 'node_modules', 'better-sqlite3');
  const work = mkdtempSync(join(tmpdir(), 'switchyard-native-'));
  try {
    for (const part of ['binding.gyp', 'src', 'deps', 'package.json']) {
      cpSync(join(source, part), join(work, part), { recursive: true });
    }
    const headers = process.env.SWITCHYARD_ELECTRON_HEADERS;
    const gypArgs = [
      join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
      'rebuild',
      '--release',
      `--target=${version}`,
      `--arch=${process.arch}`,
      headers ? `--nodedir=${headers}` : '--dist-url=https://electronjs.org/headers',
    ];
    console.log(
      `Building better-sqlite3 ${versionOf('better-sqlite3')} for Electron ${version} (${process.platform}-${process.arch})…`,
    );
    const r = spawnSync(process.execPath, gypArgs, {
      cwd: work,
      encoding: 'utf8',
      timeout: BUILD_TIMEOUT_MS,
      env: { ...process.env, npm_config_runtime: 'electron', npm_config_target: version },
    });
    const built = join(work, 'build', 'Release', 'better_sqlite3.node');
    if (r.status !== 0 || !existsSync(built)) {
      const all = `${r.stdout ?? ''}\n${r.stderr ?? ''}${r.error ? `\n${r.error.message}` : ''}`;
      const offline =
        /network connectivity|fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|getaddrinfo/i.test(all);
      // node-gyp's own summary lines (command, cwd, versions) say little; its error lines say why.
      const errors = all.split('\n').filter((l) => /gyp ERR! (configure|build|stack Error)|error:/i.test(l));
      const output = lastLines(errors.length > 0 ? errors.join('\n') : all, 8);
      return [
        `Could not build better-sqlite3 for Electron ${version}.`,
        offline
          ? "node-gyp could not download Electron's headers from https://electronjs.org/headers (this machine has no internet access)."
          : 'node-gyp failed:',
        output.replace(/^/gm, '  | '),
        'The desktop app still starts, but its database stays unavailable until this build exists.',
        'Fix: run `npm run native:electron` on a machine with internet (and a C++ toolchain), or set',
        'SWITCHYARD_ELECTRON_HEADERS to an unpacked copy of node-v' + version + '-headers.tar.gz from',
        `https://electronjs.org/headers/v${version}/ and run it again.`,
      ].join('\n');
    }
    const { dir, binding, manifest } = nativeTarget(version);
    mkdirSync(dir, { recursive: true });
    cpSync(built, binding);
    const facts = {
      electron: version,
      betterSqlite3: versionOf('better-sqlite3'),
      platform: process.platform,
      arch: process.arch,
    };
    writeFileSync(manifest, `${JSON.stringify(facts, null, 2)}\n`);
    console.log(`Wrote ${binding}`);
    return null;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const force = process.argv.includes('--force');
  if (!force && isNativeBuildCurrent()) {
    console.log(`better-sqlite3 for Electron ${electronVersion()} is up to date: ${nativeTarget().binding}`);
  } else {
    const problem = buildNative();
    if (problem) {
      console.error(problem);
      process.exit(1);
    }
  }
}
