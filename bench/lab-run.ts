/**
 * `npm run bench:lab`: only the ministry-profile section of the benchmark (Lighthouse side by side, the causes' cost,
 * cost per agency-day). BENCH_LAB_RUNS (default 3) runs per page and tool. Writes bench/results-lab.json.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { measureLab, renderLab } from './lab-bench.js';

const runs = Number(process.env.BENCH_LAB_RUNS ?? 3);
const log = (l: string) => process.stderr.write(`${l}\n`);
log(`lab: 4 pages × ${runs} runs × (ministry profile + Lighthouse CLI)`);
const t0 = performance.now();
const lab = await measureLab(runs, log);
await writeFile(fileURLToPath(new URL('./results-lab.json', import.meta.url)), `${JSON.stringify(lab, null, 2)}\n`);
process.stdout.write(`${renderLab(lab)}\n(${((performance.now() - t0) / 1000).toFixed(0)} s)\n`);
process.exit(0);
