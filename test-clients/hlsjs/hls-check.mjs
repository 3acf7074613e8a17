// Plays an HLS URL with hls.js (lowLatencyMode) in headless Chromium and prints one JSON line per second and a
// final {"summary": ...} line. Usage: node hls-check.mjs URL [seconds]. The player page is served at the
// stream's own origin through a Playwright route, so no CORS is involved; Chromium may resolve no other host.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const [, , url, secondsArg] = process.argv;
const seconds = Number(secondsArg || 6);
const origin = new URL(url).origin;
const hlsJs = readFileSync(createRequire(import.meta.url).resolve('hls.js/dist/hls.min.js'));

const page = `<!doctype html><html><body>
<video id="v" muted autoplay playsinline></video>
<script src="hls.min.js"></script>
<script>
  window.errors = []; window.parts = 0; window.segments = 0;
  window.start = (u) => {
    const v = document.getElementById('v');
    const hls = new Hls({ lowLatencyMode: true });
    window.hls = hls;
    hls.on(Hls.Events.ERROR, (e, d) => errors.push({ type: d.type, details: d.details, fatal: d.fatal }));
    hls.on(Hls.Events.FRAG_LOADED, (e, d) => { if (d.part) parts++; else segments++; });
    hls.loadSource(u);
    hls.attachMedia(v);
    v.play().catch(() => {});
  };
  window.stats = () => {
    const v = document.getElementById('v');
    const q = v.getVideoPlaybackQuality();
    const details = hls.levels && hls.levels[hls.currentLevel >= 0 ? hls.currentLevel : 0]
      ? hls.levels[hls.currentLevel >= 0 ? hls.currentLevel : 0].details : null;
    return {
      currentTime: v.currentTime, dropped: q.droppedVideoFrames, total: q.totalVideoFrames,
      width: v.videoWidth, height: v.videoHeight, latency: hls.latency,
      pdtLatencyMs: hls.playingDate ? Date.now() - hls.playingDate.getTime() : null,
      canBlockReload: details ? details.canBlockReload : null, partTarget: details ? details.partTarget : null,
      audioTracks: hls.audioTracks.length, parts, segments, errors,
    };
  };
</script></body></html>`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--autoplay-policy=no-user-gesture-required',
    '--disable-renderer-backgrounding', '--disable-background-timer-throttling',
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
});
try {
  const p = await browser.newPage();
  await p.route(origin + '/__hlsjs_check/**', (route) => {
    const file = new URL(route.request().url()).pathname.split('/').pop();
    if (file === 'hls.min.js') return route.fulfill({ body: hlsJs, contentType: 'text/javascript' });
    return route.fulfill({ body: page, contentType: 'text/html' });
  });
  await p.goto(origin + '/__hlsjs_check/player.html');
  await p.evaluate((u) => window.start(u), url);
  let last = null;
  const latencies = [];
  for (let i = 0; i < seconds; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    last = await p.evaluate(() => window.stats());
    if (last.pdtLatencyMs !== null && last.currentTime > 0) latencies.push(last.pdtLatencyMs);
    console.log(JSON.stringify(last));
  }
  latencies.sort((a, b) => a - b);
  const p50 = latencies.length ? latencies[Math.floor(latencies.length / 2)] : null;
  console.log(JSON.stringify({ summary: { ...last, pdtLatencyP50Ms: p50 } }));
} finally {
  await browser.close();
}
