#!/usr/bin/env node
/**
 * Serves the built app (build/) on localhost: static files with the right MIME types
 * (application/wasm for DuckDB), HTTP range requests (Parquet range reads), the SPA
 * fallback, and the app's Content-Security-Policy. No dependencies.
 *
 * Content-Security-Policy:
 * - HTML pages get the policy of the page's own <meta> tag (which SvelteKit writes at build
 *   time from kit.csp in svelte.config.js, with the hash of its inline bootstrap script) plus
 *   `frame-ancestors 'none'`, which a <meta> policy cannot carry.
 * - Scripts get a worker policy. A dedicated worker's policy comes from its own script's
 *   response, not from the page. The engine worker fetches the URLs a user gives
 *   ("Or load from a URL"), so its connect-src allows http: and https:; everything else is
 *   as strict as the page's (no eval, only the app's own scripts and wasm). For scripts that
 *   the page loads, the header has no effect.
 *
 *   node scripts/serve.mjs [--port 4173] [--host 127.0.0.1] [--dir build]
 */
import { createServer } from 'node:http';
import { createReadStream, statSync, existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const port = Number(opt('port', process.env.PORT ?? 4173));
const host = opt('host', '127.0.0.1');
const root = resolve(opt('dir', 'build'));

const TYPES = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.webmanifest': 'application/manifest+json',
	'.wasm': 'application/wasm',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.ico': 'image/x-icon',
	'.csv': 'text/csv; charset=utf-8',
	'.tsv': 'text/tab-separated-values; charset=utf-8',
	'.txt': 'text/plain; charset=utf-8',
	'.gz': 'application/gzip',
	'.parquet': 'application/vnd.apache.parquet',
	'.map': 'application/json'
};

/** Used only if a page has no <meta> policy (a build without kit.csp): no inline script at all. */
const FALLBACK_PAGE_CSP =
	"default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";
const WORKER_CSP =
	"default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self' http: https:; img-src 'self' data: blob:; object-src 'none'; base-uri 'self'";

/** A page's policy: its <meta http-equiv="content-security-policy">, read once per file version. */
const pagePolicies = new Map();
function pagePolicy(path, mtime) {
	const key = `${path}:${mtime.getTime()}`;
	let policy = pagePolicies.get(key);
	if (policy === undefined) {
		const html = readFileSync(path, 'utf8');
		const m = /<meta http-equiv="content-security-policy" content="([^"]*)"/i.exec(html);
		const meta = m ? m[1].replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&') : FALLBACK_PAGE_CSP;
		policy = `${meta.replace(/;\s*$/, '')}; frame-ancestors 'none'`;
		pagePolicies.set(key, policy);
	}
	return policy;
}

if (!existsSync(join(root, '200.html')) && !existsSync(join(root, 'index.html'))) {
	console.error(`No built app in ${root}. Run "npm run build" first.`);
	process.exit(1);
}

function fileFor(pathname) {
	const clean = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '');
	const candidates = [join(root, clean), join(root, clean, 'index.html'), join(root, `${clean}.html`)];
	for (const c of candidates) {
		if (!c.startsWith(root)) continue;
		try {
			const s = statSync(c);
			if (s.isFile()) return { path: c, size: s.size, mtime: s.mtime };
		} catch {
			/* next */
		}
	}
	if (extname(clean) === '') {
		const fb = join(root, '200.html');
		const s = statSync(fb);
		return { path: fb, size: s.size, mtime: s.mtime };
	}
	return null;
}

const server = createServer((req, res) => {
	const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
	const f = fileFor(url.pathname);
	if (!f) {
		res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
		res.end('Not found');
		return;
	}
	const type = TYPES[extname(f.path).toLowerCase()] ?? 'application/octet-stream';
	const immutable = url.pathname.includes('/_app/immutable/');
	const headers = {
		'content-type': type,
		'accept-ranges': 'bytes',
		'x-content-type-options': 'nosniff',
		'referrer-policy': 'no-referrer',
		'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
		'last-modified': f.mtime.toUTCString()
	};
	if (type.startsWith('text/html')) headers['content-security-policy'] = pagePolicy(f.path, f.mtime);
	else if (type.startsWith('text/javascript')) headers['content-security-policy'] = WORKER_CSP;
	const range = req.headers.range;
	if (range) {
		const m = /^bytes=(\d*)-(\d*)$/.exec(range);
		if (!m || (m[1] === '' && m[2] === '')) {
			res.writeHead(416, { 'content-range': `bytes */${f.size}` });
			res.end();
			return;
		}
		let start = m[1] === '' ? f.size - Number(m[2]) : Number(m[1]);
		let end = m[1] === '' || m[2] === '' ? f.size - 1 : Number(m[2]);
		start = Math.max(0, start);
		end = Math.min(end, f.size - 1);
		if (start > end) {
			res.writeHead(416, { 'content-range': `bytes */${f.size}` });
			res.end();
			return;
		}
		res.writeHead(206, { ...headers, 'content-range': `bytes ${start}-${end}/${f.size}`, 'content-length': end - start + 1 });
		if (req.method === 'HEAD') return res.end();
		createReadStream(f.path, { start, end }).pipe(res);
		return;
	}
	res.writeHead(200, { ...headers, 'content-length': f.size });
	if (req.method === 'HEAD') return res.end();
	createReadStream(f.path).pipe(res);
});

server.listen(port, host, () => {
	console.log(`Pantau is running at http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/`);
});
