// sql.mjs - runs SQL on a test server's database with the engine's own
// client (sqlite3 or psql), for fixtures that no route of the branch
// under test writes yet (documents for the coordination tests).
import { spawnSync } from 'node:child_process';

export function runSql(db, statement) {
  const sqlite = db.startsWith('sqlite:');
  const r = sqlite
    ? spawnSync('sqlite3', [db.slice('sqlite:'.length)], { input: statement, encoding: 'utf8' })
    : spawnSync('psql', [db, '-q', '-v', 'ON_ERROR_STOP=1', '-At'], { input: statement, encoding: 'utf8' });
  if (r.status !== 0 || r.stderr.trim()) throw new Error(`sql failed: ${r.stderr}\n${statement}`);
  return r.stdout.trim();
}

const q = (v) => (v === null || v === undefined ? 'NULL' : `'${String(v).replaceAll("'", "''")}'`);

// A document row: {id, kind, number_symbol, issued_on, issuing_body, title, unit} (unit: a code or null).
export function insertDocument(db, d) {
  const unit = d.unit ? `(SELECT id FROM units WHERE code = ${q(d.unit)})` : 'NULL';
  runSql(db, `INSERT INTO documents (id, kind, number_symbol, symbol_parsed, issued_on, issuing_body, title,
    unit_id, created_by, created_at, updated_at) VALUES (${q(d.id)}, ${q(d.kind ?? 'ke_hoach')},
    ${q(d.number_symbol)}, 0, ${q(d.issued_on)}, ${q(d.issuing_body ?? 'UBND')}, ${q(d.title)}, ${unit},
    'test', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');`);
}
