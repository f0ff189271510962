/** A fresh Node process that does nothing: the floor under every cold-start figure. */
export {};
console.log(JSON.stringify({ sinceStartMs: performance.now(), maxRssKiB: process.resourceUsage().maxRSS }));
