// Plays ORIGIN/STREAM_PATH/whep in headless Chromium and measures, on the frames and audio the page presents:
//  * glass-to-glass latency: display time of each frame (requestVideoFrameCallback expectedDisplayTime, as epoch)
//    minus the epoch-ms stamp source.sh burned into it;
//  * A/V sync: output time of each beep onset (AudioWorklet on the received audio track) minus the display time
//    of the matching flash onset (+ = audio late);
//  * time to first frame: first presented frame after ICE+DTLS "connected" (and after the POST), per join.
// Usage: node whep-latency.mjs ORIGIN STREAM_PATH SECONDS [--joins N] [--warmup S]
//   --joins N: N sequential sessions of SECONDS each (fresh RTCPeerConnection, DELETE between, random 0-1 s gap).
//   --warmup S: seconds at the start of each session left out of latency/sync statistics (default 2).
//   --video-only: offer video only (no audio track, so no lip sync in the browser): the video path alone.
//   --hold: only keep an audio-only viewer connected for SECONDS (no measurement), so that a second, measured
//           viewer joins a stream that is already playing over WHEP ("warm" join).
// Prints one JSON line per second of each session and a final {"summary": ...} line. Must run in a network
// namespace that holds only lo (see README.md).
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { summary, CHROMIUM_ARGS } from './stats.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? Number(args[i + 1]) : dflt; };
const [origin, streamPath, secondsArg] = args;
const seconds = Number(secondsArg || 25);
const joins = opt('--joins', 1);
const warmupMs = 1000 * opt('--warmup', 2);
const hold = args.includes('--hold');
const videoOnly = args.includes('--video-only');
const lib = readFileSync(new URL('./page-lib.js', import.meta.url), 'utf8');

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
  args: CHROMIUM_ARGS });
let code = 1;
try {
  const page = await browser.newPage();
  page.on('console', (m) => console.error('[page]', m.text()));
  // Any page at the server's origin (Chromium gathers candidates only on http origins), but not a built-in page:
  // their Content-Security-Policy forbids the script tag added below (and /x/ redirects to the watch page).
  await page.goto(origin + '/healthz');
  await page.addScriptTag({ content: lib });
  await page.exposeFunction('report', (line) => console.log(line));
  const sessions = [];
  for (let j = 0; j < joins; j++) {
    if (j > 0) await new Promise((r) => setTimeout(r, Math.random() * 1000));
    const s = await page.evaluate(async ({ url, seconds, warmupMs, hold, videoOnly }) => {
      const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
      const pc = new RTCPeerConnection();
      if (hold) {
        pc.addTransceiver('audio', { direction: 'recvonly' });
        await pc.setLocalDescription(await pc.createOffer());
        const r = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/sdp' }, body: pc.localDescription.sdp });
        await pc.setRemoteDescription({ type: 'answer', sdp: await r.text() });
        await sleep(seconds * 1000);
        await fetch(new URL(r.headers.get('Location'), url).toString(), { method: 'DELETE' });
        pc.close();
        return { status: r.status, hold: true };
      }
      pc.addTransceiver('video', { direction: 'recvonly' });
      if (!videoOnly) pc.addTransceiver('audio', { direction: 'recvonly' });
      const video = document.createElement('video');
      video.autoplay = true; video.playsInline = true; // not muted: Chromium feeds WebAudio only from played audio
      document.body.appendChild(video);
      const media = new MediaStream();
      const frames = [], beeps = [], flashes = [];
      let firstFramePerf = null, connectedPerf = null, firstDecodedPerf = null, prevFlash = true, ac = null;
      let stopVideo = () => {};
      pc.onconnectionstatechange = () => {
        if (pc.connectionState === 'connected' && connectedPerf === null) connectedPerf = performance.now();
      };
      pc.ontrack = (e) => {
        media.addTrack(e.track);
        video.srcObject = media;
        video.play().catch(() => {});
        if (e.track.kind === 'audio') {
          LgMeasure.watchAudio(e.track, (b) => beeps.push(b)).then((c) => { ac = c; });
        }
      };
      stopVideo = LgMeasure.watchVideo(video, (f) => {
        if (firstFramePerf === null) firstFramePerf = f.displayPerfMs;
        f.latencyMs = f.stamp === null ? null : f.displayEpochMs - f.stamp;
        frames.push(f);
        if (f.flash && !prevFlash) flashes.push(f.displayPerfMs);
        prevFlash = f.flash;
      });
      await pc.setLocalDescription(await pc.createOffer());
      const t0 = performance.now();
      const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/sdp' },
        body: pc.localDescription.sdp });
      const answer = await res.text();
      if (res.status !== 201) return { status: res.status, error: answer };
      await pc.setRemoteDescription({ type: 'answer', sdp: answer });
      const location = new URL(res.headers.get('Location'), url).toString();
      const stats = async () => {
        const o = {};
        (await pc.getStats()).forEach((r) => {
          if (r.type !== 'inbound-rtp') return;
          const per = (x) => (r.jitterBufferEmittedCount && x !== undefined ? Math.round(1000 * x / r.jitterBufferEmittedCount) : null);
          const jb = per(r.jitterBufferDelay);
          // target = what the jitter buffer aims at including A/V-sync and playout constraints; minimum = without them
          const k = r.kind;
          o[k + 'TargetDelayMs'] = per(r.jitterBufferTargetDelay);
          o[k + 'MinimumDelayMs'] = per(r.jitterBufferMinimumDelay);
          o[k + 'ArrivalJitterMs'] = r.jitter === undefined ? null : Math.round(1000 * r.jitter);
          if (r.kind === 'video') Object.assign(o, { framesDecoded: r.framesDecoded || 0, framesDropped: r.framesDropped || 0,
            freezeCount: r.freezeCount || 0, videoJitterBufferMs: jb, videoLost: r.packetsLost || 0,
            videoPlayoutNtpMs: r.estimatedPlayoutTimestamp || null });
          if (r.kind === 'audio') Object.assign(o, { audioSamples: r.totalSamplesReceived || 0,
            concealed: r.concealedSamples || 0, audioJitterBufferMs: jb, audioPlayoutNtpMs: r.estimatedPlayoutTimestamp || null });
        });
        return o;
      };
      const end = t0 + seconds * 1000;
      let next = t0 + 1000, last = {};
      while (performance.now() < end) {
        if (firstDecodedPerf === null) {
          last = await stats();
          if (last.framesDecoded > 0) firstDecodedPerf = performance.now();
        }
        if (performance.now() >= next) {
          last = await stats();
          const recent = frames.filter((f) => f.displayPerfMs > next - 1000 && f.latencyMs !== null).map((f) => f.latencyMs);
          recent.sort((a, b) => a - b);
          window.report(JSON.stringify({ t: Math.round((next - t0) / 1000), conn: pc.connectionState,
            frames: recent.length, latencyMedMs: recent.length ? Math.round(recent[recent.length >> 1]) : null,
            beeps: beeps.length, flashes: flashes.length, ...last }));
          next += 1000;
        }
        await sleep(firstDecodedPerf === null ? 10 : 100);
      }
      stopVideo();
      const del = await fetch(location, { method: 'DELETE' });
      pc.close();
      if (ac) await ac.close();
      video.remove();
      const from = (firstFramePerf ?? t0) + warmupMs;
      const steady = frames.filter((f) => f.displayPerfMs >= from);
      const avOffsets = [];
      for (const fl of flashes.filter((x) => x >= from)) {
        let best = null;
        for (const b of beeps) if (best === null || Math.abs(b.outputPerfMs - fl) < Math.abs(best.outputPerfMs - fl)) best = b;
        if (best && Math.abs(best.outputPerfMs - fl) < 500) avOffsets.push(best.outputPerfMs - fl);
      }
      return {
        status: res.status, deleteStatus: del.status,
        latencies: steady.filter((f) => f.latencyMs !== null).map((f) => f.latencyMs),
        framesPresented: steady.length, stampUnreadable: steady.filter((f) => f.stamp === null).length,
        size: frames.length ? frames[frames.length - 1].w + 'x' + frames[frames.length - 1].h : null,
        avOffsets, beeps: beeps.length, flashes: flashes.length,
        audioContextLatencyMs: beeps.length ? { base: beeps[0].baseLatencyMs, output: beeps[0].outputLatencyMs } : null,
        connectMs: connectedPerf === null ? null : connectedPerf - t0,
        firstFrameAfterConnectMs: firstFramePerf === null || connectedPerf === null ? null : firstFramePerf - connectedPerf,
        firstFrameAfterPostMs: firstFramePerf === null ? null : firstFramePerf - t0,
        firstDecodedAfterConnectMs: firstDecodedPerf === null || connectedPerf === null ? null : firstDecodedPerf - connectedPerf,
        last,
      };
    }, { url: origin + '/' + streamPath + '/whep', seconds, warmupMs, hold, videoOnly });
    const { latencies, avOffsets, ...rest } = s;
    console.log(JSON.stringify({ join: j + 1, ...rest, latency: summary(latencies || []), av: summary(avOffsets || []) }));
    sessions.push(s);
  }
  const all = (k) => sessions.flatMap((s) => s[k] || []);
  const out = {
    stream: streamPath, sessions: sessions.length, seconds,
    latencyMs: summary(all('latencies')),
    avOffsetMs: summary(all('avOffsets')), avOffsetsMs: all('avOffsets').map((x) => Math.round(x)),
    firstFrameAfterConnectMs: summary(sessions.map((s) => s.firstFrameAfterConnectMs)),
    firstFrameAfterPostMs: summary(sessions.map((s) => s.firstFrameAfterPostMs)),
    firstDecodedAfterConnectMs: summary(sessions.map((s) => s.firstDecodedAfterConnectMs)),
    connectMs: summary(sessions.map((s) => s.connectMs)),
    framesPresented: sessions.reduce((a, s) => a + (s.framesPresented || 0), 0),
    stampUnreadable: sessions.reduce((a, s) => a + (s.stampUnreadable || 0), 0),
    size: sessions[0].size, audioContextLatencyMs: sessions[0].audioContextLatencyMs, last: sessions[sessions.length - 1].last,
  };
  console.log(JSON.stringify({ summary: out }));
  code = sessions.every((s) => s.status === 201 && (hold || (s.latencies || []).length > 0)) ? 0 : 1;
} finally {
  await browser.close();
}
process.exit(code);
