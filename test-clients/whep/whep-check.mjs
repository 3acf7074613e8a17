// Plays ORIGIN/live/cam1/whep in headless Chromium for SECONDS and prints one JSON line per second plus a
// {"summary":...} line. Must run in a network namespace holding only lo (Chromium then gathers 127.0.0.1).
// Usage: node whep-check.mjs [--server-offer] ORIGIN STREAM_PATH SECONDS
// --server-offer: POST without a body, take the server's offer, PATCH our answer (application/sdp) to Location
// (draft-murillo-whep-01 server-offer mode) instead of POSTing our offer.
import { chromium } from 'playwright-core';

const args = process.argv.slice(2);
const serverOffer = args.includes('--server-offer');
const [origin, streamPath, secondsArg] = args.filter((a) => a !== '--server-offer');
const seconds = Number(secondsArg || 6);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-sync',
    '--disable-background-networking', '--disable-component-update',
    '--autoplay-policy=no-user-gesture-required',
    '--allow-loopback-in-peer-connection', // without it, no 127.0.0.1 candidates at all
    // one --disable-features only: a second one would replace the first
    '--disable-features=WebRtcHideLocalIpsWithMdns,LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights',
    '--disable-renderer-backgrounding', '--disable-background-timer-throttling',
    '--disable-backgrounding-occluded-windows',
  ],
});
let exitCode = 1;
try {
  const page = await browser.newPage();
  page.on('console', (m) => console.error('[page]', m.text()));
  await page.goto(origin + '/healthz'); // a page at the server's origin that is not a built-in page (CSP)
  await page.exposeFunction('report', (line) => console.log(line));
  const summary = await page.evaluate(async ({ url, seconds, serverOffer }) => {
    const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
    const pc = new RTCPeerConnection();
    if (!serverOffer) {
      pc.addTransceiver('video', { direction: 'recvonly' });
      pc.addTransceiver('audio', { direction: 'recvonly' });
    }
    const video = document.createElement('video');
    video.autoplay = true;
    video.playsInline = true;
    document.body.appendChild(video);
    const media = new MediaStream();
    pc.ontrack = (e) => { media.addTrack(e.track); video.srcObject = media; video.play().catch(() => {}); };
    let connectedAt = null;
    pc.onconnectionstatechange = () => { if (pc.connectionState === 'connected' && connectedAt === null) connectedAt = performance.now(); };
    let t0;
    let res;
    if (serverOffer) {
      t0 = performance.now();
      res = await fetch(url, { method: 'POST', headers: { 'Accept': 'application/sdp' } });
    } else {
      await pc.setLocalDescription(await pc.createOffer());
      t0 = performance.now();
      res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/sdp' }, body: pc.localDescription.sdp });
    }
    const answer = await res.text();
    const out = { mode: serverOffer ? 'server-offer' : 'client-offer', status: res.status,
      location: res.headers.get('Location'), etag: res.headers.get('ETag'), link: res.headers.get('Link') };
    if (res.status !== 201) { out.error = answer; return out; }
    const location = new URL(out.location, url).toString();
    if (serverOffer) {
      // the body is the server's offer: answer it and PATCH the answer to the session resource
      await pc.setRemoteDescription({ type: 'offer', sdp: answer });
      await pc.setLocalDescription(await pc.createAnswer());
      const headers = { 'Content-Type': 'application/sdp' };
      if (out.etag) headers['If-Match'] = out.etag;
      const patch = await fetch(location, { method: 'PATCH', headers, body: pc.localDescription.sdp });
      out.patchStatus = patch.status;
      out.patchEtag = patch.headers.get('ETag');
      if (patch.status !== 204) { out.error = await patch.text(); return out; }
    } else {
      await pc.setRemoteDescription({ type: 'answer', sdp: answer });
    }
    let firstFrameAt = null;
    let last = {};
    const read = async () => {
      const s = { conn: pc.connectionState };
      const stats = await pc.getStats();
      stats.forEach((r) => {
        if (r.type === 'inbound-rtp' && r.kind === 'video') {
          Object.assign(s, { framesDecoded: r.framesDecoded || 0, width: r.frameWidth || 0, height: r.frameHeight || 0,
            fps: r.framesPerSecond || 0, freezeCount: r.freezeCount || 0, videoLost: r.packetsLost || 0,
            nackCount: r.nackCount || 0, pliCount: r.pliCount || 0, keyFramesDecoded: r.keyFramesDecoded || 0,
            videoPackets: r.packetsReceived || 0,
            jitterBufferMs: r.jitterBufferEmittedCount ? Math.round(1000 * r.jitterBufferDelay / r.jitterBufferEmittedCount) : 0 });
        }
        if (r.type === 'inbound-rtp' && r.kind === 'audio') {
          Object.assign(s, { audioSamples: r.totalSamplesReceived || 0, concealed: r.concealedSamples || 0,
            audioPackets: r.packetsReceived || 0 });
        }
        if (r.type === 'transport') { s.dtls = r.dtlsState; s.srtpCipher = r.srtpCipher; }
        if (r.type === 'candidate-pair' && r.nominated && r.state === 'succeeded') {
          const lc = stats.get(r.localCandidateId);
          s.protocol = lc ? lc.protocol : '';
        }
      });
      return s;
    };
    const end = t0 + seconds * 1000;
    let nextReport = t0 + 1000;
    while (performance.now() < end) {
      last = await read();
      if (firstFrameAt === null && last.framesDecoded > 0) firstFrameAt = performance.now();
      if (performance.now() >= nextReport) { window.report(JSON.stringify(last)); nextReport += 1000; }
      await sleep(firstFrameAt === null ? 20 : 250);
    }
    const del = await fetch(location, { method: 'DELETE' });
    out.deleteStatus = del.status;
    out.answerMs = Math.round(connectedAt === null ? -1 : connectedAt - t0);
    out.firstFrameAfterConnectMs = firstFrameAt === null || connectedAt === null ? -1 : Math.round(firstFrameAt - connectedAt);
    out.firstFrameAfterPostMs = firstFrameAt === null ? -1 : Math.round(firstFrameAt - t0);
    out.answerSdp = answer;
    Object.assign(out, last);
    pc.close();
    return out;
  }, { url: origin + '/' + streamPath + '/whep', seconds, serverOffer });
  const { answerSdp, ...rest } = summary;
  console.error(answerSdp || '');
  console.log(JSON.stringify({ summary: rest }));
  exitCode = summary.framesDecoded > 0 ? 0 : 1;
} finally {
  await browser.close();
}
process.exit(exitCode);
