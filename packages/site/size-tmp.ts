import { buildSite } from '@dvcwatch/site';
import { syntheticSiteInput } from './src/synthetic.ts';

const input = syntheticSiteInput({ agencies: 100, days: 90, at: '2025-06-10T05:00:00.000Z' });
const t0 = performance.now();
const files = buildSite(input);
const t1 = performance.now();
console.log('build ms', (t1 - t0).toFixed(0), 'files', files.size);
const sizes = [...files].map(([p, s]) => [p, Buffer.byteLength(s)] as const).sort((a, b) => b[1] - a[1]);
console.log(sizes.slice(0, 12));
