import * as fs from 'node:fs';
import { checkDocument } from '../src/checks/runner';
const f = process.argv[2];
const r = checkDocument(fs.readFileSync(f, 'utf8'), { today: '2026-11-29', type: (process.argv[3] as never) || undefined });
console.log(r.skipped ?? '', r.elements.map((e) => `${e.id}:${e.status}@${e.line ?? ''}`).join(' '));
for (const x of r.findings) console.log(`${x.line}:${x.column} ${x.severity} ${x.rule} ${x.message}`);
