#!/usr/bin/env node
/**
 * `npm start`: on a fresh machine, installs the dependencies (npm ci), builds the app when
 * the sources changed, and serves it on the built-in Tanjung Barat sample.
 */
import { execSync, spawn } from 'node:child_process';
import { existsSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const run = (cmd) => execSync(cmd, { stdio: 'inherit' });
const mtime = (p) => (existsSync(p) ? statSync(p).mtimeMs : 0);
function newest(dir) {
	let m = 0;
	for (const e of readdirSync(dir, { withFileTypes: true })) {
		const p = join(dir, e.name);
		m = Math.max(m, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
	}
	return m;
}

if (!existsSync('node_modules/.package-lock.json') || mtime('package-lock.json') > mtime('node_modules/.package-lock.json')) {
	console.log('Installing dependencies (npm ci)…');
	run('npm ci --no-audit --no-fund');
}
const built = mtime('build/200.html');
const sources = Math.max(newest('src'), newest('static'), mtime('package-lock.json'), mtime('svelte.config.js'), mtime('vite.config.ts'));
if (!built || sources > built) {
	console.log('Building the app…');
	run('npm run build');
}
const port = process.env.PORT ?? '4173';
spawn(process.execPath, ['scripts/serve.mjs', '--port', port], { stdio: 'inherit' });
