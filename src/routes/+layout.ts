// The app runs entirely in the browser: DuckDB lives in a Web Worker, so nothing renders on a server.
export const ssr = false;
export const prerender = false;
export const trailingSlash = 'never';
