// Drives the gateway's own pages in headless Chromium, the way a person would: opens /broadcast/PATH with the fake
// camera and microphone and clicks Start; waits for the API to show the stream (H.264 + Opus); opens /watch/PATH
// and checks the video plays and audio arrives; opens / and finds the stream listed; clicks Stop and Start again
// (the watch page retries and plays on); leaves the watch page; clicks Stop. Prints one JSON line per step and a
// {"summary":...} line. Must run in a network namespace holding only lo.
// Usage: node pages-check.mjs ORIGIN STREAM_PATH
import { chromium } from 'playwright-core';

const [origin, streamPath] = process.argv.slice(2);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (o) => console.log(JSON.stringify(o));

async function api() {
  try {
    const res = await fetch(`${origin}/api/v1/streams/${streamPath}`);
    return res.status === 200 ? await res.json() : null;
  } catch (e) {
    return null;
  }
}

async function until(what, ms, check) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out: ' + what);
    await sleep(250);
  }
}

/** Frames decoded and audio samples (not concealed) of the page's newest peer connection. */
async function received(page) {
  return page.evaluate(async () => {
    const pc = window.__pcs[window.__pcs.length - 1];
    const r = { frames: 0, samples: 0, sessions: window.__pcs.length };
    if (!pc || pc.signalingState === 'closed') return r;
    (await pc.getStats()).forEach((x) => {
      if (x.type === 'inbound-rtp' && x.kind === 'video') r.frames = x.framesDecoded || 0;
      if (x.type === 'inbound-rtp' && x.kind === 'audio') r.samples = (x.totalSamplesReceived || 0) - (x.concealedSamples || 0);
    });
    return r;
  });
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-sync',
    '--disable-background-networking', '--disable-component-update',
    '--use-fake-device-for-media-stream=fps=30', '--use-fake-ui-for-media-stream',
    '--allow-loopback-in-peer-connection', // without it, no 127.0.0.1 candidates at all
    // one --disable-features only: a second one would replace the first
    '--disable-features=WebRtcHideLocalIpsWithMdns,LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights',
    '--disable-renderer-backgrounding', '--disable-background-timer-throttling',
    '--disable-backgrounding-occluded-windows',
  ],
});
const out = { problems: [] };
let exitCode = 1;
try {
  const context = await browser.newContext();
  // The test reads each page's peer connection stats; the pages themselves expose nothing.
  await context.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    window.__pcs = [];
    window.RTCPeerConnection = class extends Native {
      constructor(...args) {
        super(...args);
        window.__pcs.push(this);
      }
    };
  });
  const watchProblems = (page, name) => {
    // CSP violations and script errors show up here; the pages must have none.
    page.on('console', (m) => {
      console.error(`[${name}] ${m.type()}: ${m.text()}`);
      if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) out.problems.push(`${name}: ${m.text()}`);
    });
    page.on('pageerror', (e) => out.problems.push(`${name}: ${e.message}`));
  };

  // 1. Broadcast: pick 640x360, Start.
  const broadcast = await context.newPage();
  watchProblems(broadcast, 'broadcast');
  await broadcast.goto(`${origin}/broadcast/${streamPath}`);
  await broadcast.getByLabel('Resolution').selectOption('360');
  await broadcast.getByRole('button', { name: 'Start' }).click();
  await broadcast.waitForSelector('#status[data-state="live"]', { timeout: 20000 });
  out.broadcastStatus = await broadcast.textContent('#status');
  log({ step: 'broadcasting', status: out.broadcastStatus });

  // 2. The API shows the stream with both tracks flowing.
  const live = await until('the stream in the API', 20000, async () => {
    const s = await api();
    return s && s.state === 'live' && s.tracks && s.tracks.length === 2 && s.tracks[0].keyframes >= 1
      && s.tracks[1].frames > 0 ? s : null;
  });
  out.api = { state: live.state, protocol: live.publisher && live.publisher.protocol,
    codecs: live.tracks.map((t) => t.codec), width: live.tracks[0].width, height: live.tracks[0].height,
    whipVideo: live.publisher && live.publisher.whip && live.publisher.whip.video_codec,
    whipAudio: live.publisher && live.publisher.whip && live.publisher.whip.audio_codec };
  log({ step: 'api', ...out.api });
  await broadcast.getByRole('button', { name: 'Stats' }).click();

  // 3. Watch: the video plays (size known, time advancing) and audio samples arrive.
  const watch = await context.newPage();
  watchProblems(watch, 'watch');
  await watch.goto(`${origin}/watch/${streamPath}`);
  await watch.waitForFunction(() => {
    const v = document.querySelector('video');
    return v && v.videoWidth > 0 && v.currentTime > 0;
  }, null, { timeout: 20000 });
  const t0 = await watch.evaluate(() => document.querySelector('video').currentTime);
  const r0 = await received(watch);
  await sleep(2000);
  const video = await watch.evaluate(() => {
    const v = document.querySelector('video');
    return { width: v.videoWidth, height: v.videoHeight, currentTime: v.currentTime, paused: v.paused, muted: v.muted };
  });
  const r1 = await received(watch);
  out.watch = { ...video, advancedSeconds: Math.round((video.currentTime - t0) * 100) / 100,
    framesIn2s: r1.frames - r0.frames };
  out.watch.audioSamples = (await until('audio samples in the viewer', 15000, async () => {
    const r = await received(watch);
    return r.samples > 0 ? r : null;
  })).samples;
  await watch.getByRole('button', { name: 'Unmute' }).click();
  out.watch.mutedAfterUnmute = await watch.evaluate(() => document.querySelector('video').muted);
  await watch.getByRole('button', { name: 'Stats' }).click();
  await sleep(1500);
  out.watch.statsOverlay = (await watch.textContent('#stats')).replace(/\s+/g, ' ').trim();
  out.watch.status = await watch.textContent('#status');
  const during = await api();
  out.watch.whepViewers = during && during.whep ? during.whep.viewers : -1;
  log({ step: 'watching', ...out.watch });

  // 4. The index lists the stream with a link to its watch page.
  const index = await context.newPage();
  watchProblems(index, 'index');
  await index.goto(`${origin}/`);
  const item = await index.waitForSelector(`li.stream[data-path="${streamPath}"]`, { timeout: 10000 });
  out.index = { text: (await item.textContent()).replace(/\s+/g, ' ').trim(),
    watchHref: await item.$eval('a.button', (a) => a.getAttribute('href')) };
  log({ step: 'index', ...out.index });
  await index.close();

  // 4b. A browser without WebRTC gets HLS: played natively where it can, else the URL to open elsewhere.
  const noRtc = await context.newPage();
  watchProblems(noRtc, 'watch-hls');
  await noRtc.addInitScript(() => { delete window.RTCPeerConnection; });
  await noRtc.goto(`${origin}/watch/${streamPath}`);
  await noRtc.waitForSelector('#hls:not([hidden]) code', { timeout: 10000 });
  out.hlsFallback = await noRtc.evaluate(() => ({
    nativeHls: document.querySelector('video').canPlayType('application/vnd.apple.mpegurl') !== '',
    src: document.querySelector('video').getAttribute('src'),
    url: document.querySelector('#hls code').textContent,
    status: document.querySelector('#status').textContent,
  }));
  if (out.hlsFallback.nativeHls) {
    out.hlsFallback.videoWidth = await noRtc.waitForFunction(() => document.querySelector('video').videoWidth, null,
      { timeout: 20000 }).then((h) => h.jsonValue()).catch(() => 0);
  }
  log({ step: 'hls fallback', ...out.hlsFallback });
  await noRtc.close();

  // 5. The publisher goes away and comes back: the watch page notices, retries, and plays again.
  const stopAndWait = async () => {
    await broadcast.getByRole('button', { name: 'Stop' }).click();
    await broadcast.waitForFunction(() => document.querySelector('#status').textContent === 'Stopped.', null,
      { timeout: 5000 });
    return (await until('the stream to end', 15000, async () => {
      const s = await api();
      return !s || s.state !== 'live' ? { state: s ? s.state : 'gone' } : null;
    })).state;
  };
  out.stateAfterFirstStop = await stopAndWait();
  await watch.waitForSelector('#status[data-state="waiting"]', { timeout: 20000 });
  out.watchWhileAway = await watch.textContent('#status');
  log({ step: 'publisher away', state: out.stateAfterFirstStop, watch: out.watchWhileAway });
  await broadcast.getByRole('button', { name: 'Start' }).click();
  await broadcast.waitForSelector('#status[data-state="live"]', { timeout: 20000 });
  await watch.waitForFunction(() => document.querySelector('#status').dataset.state === 'live'
    && document.querySelector('video').videoWidth > 0, null, { timeout: 30000 });
  const before = await received(watch);
  await sleep(1500);
  const after = await received(watch);
  out.watchAfterReturn = { framesIn1500ms: after.sessions === before.sessions ? after.frames - before.frames : -1,
    sessions: after.sessions, status: await watch.textContent('#status'),
    width: await watch.evaluate(() => document.querySelector('video').videoWidth) };
  log({ step: 'publisher back', ...out.watchAfterReturn });

  // 6. Leaving the watch page deletes its WHEP session (pagehide), well before any timeout would.
  await watch.close();
  out.whepViewersAfterLeave = (await until('the viewer gone', 10000, async () => {
    const s = await api();
    const n = s && s.whep ? s.whep.viewers : 0;
    return n === 0 ? { n } : null;
  }).catch(() => ({ n: -1 }))).n;

  // 7. Stop ends the stream.
  out.broadcastStats = (await broadcast.textContent('#stats')).replace(/\s+/g, ' ').trim();
  out.stateAfterStop = await stopAndWait();
  out.stopStatus = await broadcast.textContent('#status');
  log({ step: 'stopped', status: out.stopStatus, state: out.stateAfterStop });
  exitCode = 0;
} catch (e) {
  out.error = e.message;
} finally {
  console.log(JSON.stringify({ summary: out }));
  await browser.close();
}
process.exit(exitCode);
