// Plays an LL-HLS URL with hls.js (lowLatencyMode) in headless Chromium and measures glass-to-glass latency on
// every presented frame: display time (requestVideoFrameCallback expectedDisplayTime, as epoch) minus the
// epoch-ms stamp source.sh burned into the frame. Also reports hls.js's own latency estimate.
// Usage: node hls-latency.mjs URL SECONDS [--warmup S]   (warmup default 4 s, left out of the statistics)
// The page is served at the stream's own origin through a Playwright route (no CORS involved).
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { summary, CHROMIUM_ARGS } from './stats.mjs';

const args = process.argv.slice(2);
const [url, secondsArg] = args;
const seconds = Number(secondsArg || 30);
const wi = args.indexOf('--warmup');
const warmupMs = 1000 * (wi >= 0 ? Number(args[wi + 1]) : 4);
const origin = new URL(url).origin;
const hlsJs = readFileSync(createRequire(import.meta.url).resolve('hls.js/dist/hls.min.js'));
const lib = readFileSync(new URL('./page-lib.js', import.meta.url), 'utf8');
const html = `<!doctype html><html><body><video id="v" muted autoplay playsinline></video>
<script src="hls.min.js"></script><script src="page-lib.js"></script></body></html>`;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
  args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'] });
let code = 1;
try {
  const page = await browser.newPage();
  page.on('console', (m) => console.error('[page]', m.text()));
  await page.route(origin + '/__lg_latency/**', (route) => {
    const file = new URL(route.request().url()).pathname.split('/').pop();
    if (file === 'hls.min.js') return route.fulfill({ body: hlsJs, contentType: 'text/javascript' });
    if (file === 'page-lib.js') return route.fulfill({ body: lib, contentType: 'text/javascript' });
    return route.fulfill({ body: html, contentType: 'text/html' });
  });
  await page.goto(origin + '/__lg_latency/player.html');
  await page.evaluate((u) => {
    const v = document.getElementById('v');
    window.frames_ = [];
    window.errors = [];
    const hls = new Hls({ lowLatencyMode: true });
    window.hls = hls;
    hls.on(Hls.Events.ERROR, (e, d) => window.errors.push(d.details + (d.fatal ? ' (fatal)' : '')));
    hls.loadSource(u);
    hls.attachMedia(v);
    v.play().catch(() => {});
    LgMeasure.watchVideo(v, (f) => {
      window.frames_.push({ t: f.displayPerfMs, latencyMs: f.stamp === null ? null : f.displayEpochMs - f.stamp });
    });
  }, url);
  const start = Date.now();
  for (let i = 1; i <= seconds; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    const s = await page.evaluate(() => {
      const v = document.getElementById('v');
      const recent = window.frames_.filter((f) => f.t > performance.now() - 1000 && f.latencyMs !== null)
        .map((f) => f.latencyMs).sort((a, b) => a - b);
      const q = v.getVideoPlaybackQuality();
      return { frames: recent.length, latencyMedMs: recent.length ? Math.round(recent[recent.length >> 1]) : null,
        hlsLatencyMs: hls.latency ? Math.round(1000 * hls.latency) : null,
        targetLatencyMs: hls.targetLatency ? Math.round(1000 * hls.targetLatency) : null,
        playbackRate: v.playbackRate, dropped: q.droppedVideoFrames, total: q.totalVideoFrames,
        bufferAheadMs: v.buffered.length ? Math.round(1000 * (v.buffered.end(v.buffered.length - 1) - v.currentTime)) : null,
        errors: window.errors.slice(-3) };
    });
    console.log(JSON.stringify({ t: i, ...s }));
  }
  const res = await page.evaluate((warmupMs) => {
    const first = window.frames_.length ? window.frames_[0].t : 0;
    const steady = window.frames_.filter((f) => f.t >= first + warmupMs);
    return { latencies: steady.filter((f) => f.latencyMs !== null).map((f) => f.latencyMs), framesPresented: steady.length,
      stampUnreadable: steady.filter((f) => f.latencyMs === null).length, errors: window.errors,
      hlsLatencyMs: hls.latency ? Math.round(1000 * hls.latency) : null,
      size: document.getElementById('v').videoWidth + 'x' + document.getElementById('v').videoHeight };
  }, warmupMs);
  const { latencies, ...rest } = res;
  console.log(JSON.stringify({ summary: { url, seconds, wallSeconds: Math.round((Date.now() - start) / 1000),
    latencyMs: summary(latencies), ...rest } }));
  code = latencies.length > 0 ? 0 : 1;
} finally {
  await browser.close();
}
process.exit(code);
