/**
 * Writes the Desa Tanjung Barat sample dataset to static/sample/ (one CSV per contract
 * table, households and people also as Parquet, and manifest.json).
 *
 *   npx tsx data/generate-sample.ts             write with the default seed
 *   npx tsx data/generate-sample.ts --seed 7    another seed (for experiments)
 *   npx tsx data/generate-sample.ts --check     exit 1 if the files on disk are not what
 *                                               the generator makes (e.g. in CI)
 *   npx tsx data/generate-sample.ts --out DIR   write elsewhere
 *
 * Same seed, byte-identical files.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SEED, generateSample } from './sample/index';
import { buildManifest, manifestJson, sampleFiles } from './sample/output';

function argValue(args: string[], name: string): string | undefined {
	const i = args.indexOf(name);
	return i >= 0 ? args[i + 1] : undefined;
}

function main(args: string[]): number {
	const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
	const seedArg = argValue(args, '--seed');
	const seed = seedArg === undefined ? DEFAULT_SEED : Number(seedArg);
	if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
		console.error(`--seed must be an integer from 0 to ${0xffffffff}`);
		return 2;
	}
	const outDir = path.resolve(argValue(args, '--out') ?? path.join(root, 'static', 'sample'));
	const check = args.includes('--check');

	const started = Date.now();
	const sample = generateSample(seed);
	const files = sampleFiles(sample);
	const manifest = buildManifest(sample, files);
	const outputs: Array<[string, Uint8Array]> = [
		...[...files.defaults, ...files.alternates].map((f) => [f.file, f.bytes] as [string, Uint8Array]),
		['manifest.json', new TextEncoder().encode(manifestJson(manifest))]
	];

	if (check) {
		const stale = outputs.filter(([file, bytes]) => {
			const p = path.join(outDir, file);
			return !existsSync(p) || !Buffer.from(readFileSync(p)).equals(Buffer.from(bytes));
		});
		for (const [file] of stale) console.error(`out of date: ${path.join(outDir, file)}`);
		if (stale.length > 0) {
			console.error('run: npx tsx data/generate-sample.ts');
			return 1;
		}
		console.log(`sample in ${outDir} is up to date (seed ${seed})`);
		return 0;
	}

	mkdirSync(outDir, { recursive: true });
	for (const [file, bytes] of outputs) writeFileSync(path.join(outDir, file), bytes);
	const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
	for (const e of [...manifest.files, ...manifest.alternates]) {
		const isDefault = manifest.files.includes(e);
		console.log(`${e.file.padEnd(22)} ${String(e.rows).padStart(7)} rows ${kb(e.bytes).padStart(11)}${isDefault ? '' : '  (alternate)'}`);
	}
	const csvBytes = [...manifest.files, ...manifest.alternates].filter((e) => e.file.endsWith('.csv')).reduce((s, e) => s + e.bytes, 0);
	console.log(`all CSV: ${kb(csvBytes)}; seed ${seed}; ${Date.now() - started} ms -> ${path.relative(root, outDir) || outDir}`);
	return 0;
}

process.exitCode = main(process.argv.slice(2));
