import * as fs from 'node:fs';
import { parseMarkdown } from '../src/documents/markdown';
import { recogniseCharter, ELEMENT_IDS } from '../src/documents/charter';
const dir = '/work/main/test/fixtures/real/';
const labels = JSON.parse(fs.readFileSync(dir + 'labels.json', 'utf8'));
let tp = 0, fp = 0, fn = 0; const per: Record<string, {tp:number,fp:number,fn:number}> = {};
for (const [file, v] of Object.entries<any>(labels)) {
  const r = recogniseCharter(parseMarkdown(fs.readFileSync(dir + file, 'utf8')));
  for (const f of r) {
    const want = v.elements[f.id].present; const got = f.status !== 'missing';
    const p = (per[f.id] ??= {tp:0,fp:0,fn:0});
    if (want && got) { tp++; p.tp++; } else if (!want && got) { fp++; p.fp++; console.log('FP', file, f.id, f.line, f.via); } else if (want && !got) { fn++; p.fn++; console.log('FN', file, f.id); }
  }
}
console.log('precision', (tp/(tp+fp)).toFixed(3), 'recall', (tp/(tp+fn)).toFixed(3), tp, fp, fn);
for (const id of ELEMENT_IDS) { const p = per[id]; console.log(id.padEnd(18), 'tp', p.tp, 'fp', p.fp, 'fn', p.fn); }
