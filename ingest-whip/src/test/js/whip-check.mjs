// Publishes Chromium's fake camera (WIDTHxHEIGHT, 30 fps, H.264) and fake microphone (Opus) to ORIGIN/STREAM/whip
// for SECONDS, then DELETEs the session. Prints one JSON line per second (outbound stats) and a {"summary":...} line.
// Must run in a network namespace holding only lo (Chromium then gathers 127.0.0.1).
// Usage: node whip-check.mjs ORIGIN STREAM_PATH SECONDS [WIDTH HEIGHT]
import { chromium } from 'playwright-core';

const [origin, streamPath, secondsArg, widthArg, heightArg] = process.argv.slice(2);
const seconds = Number(secondsArg || 5);
const width = Number(widthArg || 640);
const height = Number(heightArg || 360);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-sync',
    '--disable-background-networking', '--disable-component-update',
    '--use-fake-device-for-media-stream=fps=30', // without =fps=30 the fake camera runs at 20 fps
    '--use-fake-ui-for-media-stream',
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
  const summary = await page.evaluate(async ({ url, seconds, width, height }) => {
    const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
    const media = await navigator.mediaDevices.getUserMedia({ video: { width, height, frameRate: 30 }, audio: true });
    const pc = new RTCPeerConnection();
    let video;
    for (const track of media.getTracks()) {
      const t = pc.addTransceiver(track, { direction: 'sendonly' });
      if (track.kind === 'video') video = t;
    }
    const caps = RTCRtpSender.getCapabilities('video').codecs;
    video.setCodecPreferences([...caps.filter((c) => c.mimeType === 'video/H264'),
      ...caps.filter((c) => /rtx|red|ulpfec/i.test(c.mimeType))]);
    await pc.setLocalDescription(await pc.createOffer());
    await new Promise((r) => {
      if (pc.iceGatheringState === 'complete') return r();
      pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && r());
    });
    const t0 = performance.now();
    const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/sdp' }, body: pc.localDescription.sdp });
    const answer = await res.text();
    const out = { status: res.status, location: res.headers.get('Location'), etag: res.headers.get('ETag'),
      contentType: res.headers.get('Content-Type') };
    if (res.status !== 201) { out.error = answer; return out; }
    const location = new URL(out.location, url).toString();
    let connectedAt = null;
    pc.onconnectionstatechange = () => { if (pc.connectionState === 'connected' && connectedAt === null) connectedAt = performance.now(); };
    await pc.setRemoteDescription({ type: 'answer', sdp: answer });
    const read = async () => {
      const s = { conn: pc.connectionState };
      const stats = await pc.getStats();
      stats.forEach((r) => {
        if (r.type === 'outbound-rtp' && r.kind === 'video') {
          const c = r.codecId && stats.get(r.codecId);
          Object.assign(s, { videoCodec: c ? c.mimeType : '', framesEncoded: r.framesEncoded || 0,
            width: r.frameWidth || 0, height: r.frameHeight || 0, videoPackets: r.packetsSent || 0,
            nackCount: r.nackCount || 0, pliCount: r.pliCount || 0, retransmitted: r.retransmittedPacketsSent || 0,
            keyFramesEncoded: r.keyFramesEncoded || 0, targetBitrate: Math.round(r.targetBitrate || 0),
            limitation: r.qualityLimitationReason || '' });
        }
        if (r.type === 'outbound-rtp' && r.kind === 'audio') {
          const c = r.codecId && stats.get(r.codecId);
          Object.assign(s, { audioCodec: c ? c.mimeType : '', audioPackets: r.packetsSent || 0 });
        }
        if (r.type === 'candidate-pair' && r.nominated && r.state === 'succeeded') {
          s.availableOutgoingBitrate = Math.round(r.availableOutgoingBitrate || 0);
          s.rttMs = Math.round(1000 * (r.currentRoundTripTime || 0));
        }
        if (r.type === 'transport') { s.dtls = r.dtlsState; s.srtpCipher = r.srtpCipher; }
      });
      return s;
    };
    let last = {};
    for (let i = 0; i < seconds; i++) {
      await sleep(1000);
      last = await read();
      window.report(JSON.stringify(last));
    }
    const del = await fetch(location, { method: 'DELETE' });
    out.deleteStatus = del.status;
    out.connectMs = connectedAt === null ? -1 : Math.round(connectedAt - t0);
    out.answerSdp = answer;
    Object.assign(out, last);
    media.getTracks().forEach((t) => t.stop());
    pc.close();
    return out;
  }, { url: origin + '/' + streamPath + '/whip', seconds, width, height });
  const { answerSdp, ...rest } = summary;
  console.error(answerSdp || '');
  console.log(JSON.stringify({ summary: rest }));
  exitCode = summary.status === 201 && summary.framesEncoded > 0 ? 0 : 1;
} finally {
  await browser.close();
}
process.exit(exitCode);
