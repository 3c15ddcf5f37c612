// The chart thread's entry point. Worker threads do not inherit the parent's TypeScript loader
// (tsx, registered by bin/briefings.js, or vitest's), so it registers tsx itself. Vega and
// Vega-Lite are loaded first, without the loader in the way: that halves the thread's start-up.
await import('vega');
await import('vega-lite');
const { register } = await import('tsx/esm/api');
register();
await import('./chart-thread-main.ts');
