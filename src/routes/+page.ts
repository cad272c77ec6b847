// The overview is prerendered with the sample's numbers computed at build time (see
// src/lib/engine/prebuilt.ts), so they are on screen at first paint, before any script
// runs; the app then hydrates it. Every other page renders in the browser only.
export const ssr = true;
export const prerender = true;
