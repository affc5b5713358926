import type { Status } from '../../shared/contract';

const mib = (n: number): string => `${(n / 1024 / 1024).toFixed(2)} MiB`;

export function formatStatus(s: Status): string {
  const lines = [
    `${s.app.name} ${s.app.version} (${s.shell}, ${s.platform})`,
    `  node ${s.versions.node}${s.versions.electron ? `, electron ${s.versions.electron}` : ''}`,
    `  data dir   ${s.dataDir}`,
    `  database   ${s.database.status}: ${s.database.path}, schema ${s.database.schemaVersion}/${s.database.latestSchemaVersion}, ${s.database.journalMode}, ${mib(s.database.sizeBytes)}, SQLite ${s.database.sqliteVersion}`,
    `  keychain   ${s.keychain.status} (${s.keychain.backend})`,
  ];
  if (s.database.message) lines.push(`             ${s.database.message}`);
  if (s.keychain.message) lines.push(`             ${s.keychain.message}`);
  lines.push(`  token      kept in ${s.accessToken.storage}`);
  return lines.join('\n');
}
