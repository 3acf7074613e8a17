// Captures Chromium-encoded VP8, VP9 (profile 0, L1T1) and AV1 frames for the rtc payload-format fixtures.
// Not run by Maven. See README.md next to this file for the exact command (loopback-only network namespace).
//
// A 320x180 canvas (moving shapes and a frame counter) goes through captureStream(30) into an
// RTCPeerConnection loopback (pc1 -> pc2 in one page). An RTCRtpScriptTransform on the SENDER copies each
// encoded frame (data, key/delta, metadata) to the page, which hands it to node; node writes one
// length-prefixed file per codec (format in ../resources/io/livegate/rtc/rtp/codec/README.md).
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

// playwright-core lives in a scratch directory outside the repository.
const require = createRequire(path.join(process.env.CAPTURE_DIR || '/tmp/capture', 'package.json'));
const { chromium } = require('playwright-core');

const OUT = process.argv[2] || '.';
const FRAMES = Number(process.env.FRAMES || 45);
const KEY_AT = Number(process.env.KEY_AT || 30); // ask for a second keyframe at this frame index
const CODECS = [
  { name: 'vp8', fourcc: 'VP80', mime: 'video/VP8', fmtp: null },
  { name: 'vp9', fourcc: 'VP90', mime: 'video/VP9', fmtp: 'profile-id=0' },
  { name: 'av1', fourcc: 'AV01', mime: 'video/AV1', fmtp: null },
];

for (const [name, addrs] of Object.entries(os.networkInterfaces())) {
  for (const a of addrs || []) {
    if (!a.internal) {
      console.error(`non-loopback interface ${name} ${a.address}: run inside a loopback-only network namespace`);
      process.exit(3);
    }
  }
}

const WORKER = `
onrtctransform = (event) => {
  const t = event.transformer;
  const keyAt = t.options.keyAt;
  let n = 0;
  t.readable.pipeThrough(new TransformStream({
    transform(frame, controller) {
      const md = frame.getMetadata();
      self.postMessage({ data: frame.data.slice(0), type: frame.type, md: {
        width: md.width, height: md.height, spatialIndex: md.spatialIndex, temporalIndex: md.temporalIndex,
        rtpTimestamp: md.rtpTimestamp, frameId: md.frameId, dependencies: md.dependencies, mimeType: md.mimeType } });
      controller.enqueue(frame);
      if (++n === keyAt) {
        self.postMessage({ wantKey: true }); // Chromium 156 has no transformer.generateKeyFrame()
      }
    },
  })).pipeTo(t.writable);
};`;

const PAGE = `<!doctype html><meta charset="utf-8"><body><script>
async function run(mime, fmtp, keyAt) {
  // Without a media permission Chromium gathers only on the default route, which a loopback-only namespace
  // lacks: a (fake) camera grant lets it gather 127.0.0.1. The camera itself is not sent.
  (await navigator.mediaDevices.getUserMedia({ video: true })).getTracks().forEach((t) => t.stop());
  const canvas = document.createElement('canvas');
  canvas.width = 320; canvas.height = 180;
  document.body.append(canvas);
  const g = canvas.getContext('2d');
  let t = 0;
  setInterval(() => {
    t++;
    g.fillStyle = 'hsl(' + (t * 3 % 360) + ',60%,40%)';
    g.fillRect(0, 0, 320, 180);
    for (let i = 0; i < 6; i++) {
      g.fillStyle = 'hsl(' + (i * 60) + ',90%,60%)';
      g.beginPath();
      g.arc(160 + 120 * Math.sin(t / 15 + i), 90 + 60 * Math.cos(t / 11 + i * 2), 12 + 3 * i, 0, 7);
      g.fill();
    }
    g.fillStyle = '#fff'; g.font = '28px monospace';
    g.fillText('LiveGate ' + t, 10 + (t % 100), 40);
  }, 33);
  const stream = canvas.captureStream(30);
  const pc1 = new RTCPeerConnection(), pc2 = new RTCPeerConnection();
  pc1.onicecandidate = (e) => e.candidate && pc2.addIceCandidate(e.candidate);
  pc2.onicecandidate = (e) => e.candidate && pc1.addIceCandidate(e.candidate);
  pc1.onconnectionstatechange = () => console.log('pc1 ' + pc1.connectionState);
  pc2.ontrack = (e) => { const v = document.createElement('video'); v.muted = true; v.srcObject = new MediaStream([e.track]); v.play(); };
  const tr = pc1.addTransceiver(stream.getVideoTracks()[0],
      { direction: 'sendonly', sendEncodings: [{ scalabilityMode: 'L1T1', maxBitrate: 500000 }] });
  const codec = RTCRtpSender.getCapabilities('video').codecs
      .find((c) => c.mimeType === mime && (!fmtp || (c.sdpFmtpLine || '').includes(fmtp)));
  if (!codec) throw new Error('no ' + mime + ' ' + fmtp);
  tr.setCodecPreferences([codec]);
  const worker = new Worker('/worker.js');
  worker.onmessage = (m) => {
    if (m.data.wantKey) { restartEncoder(tr.sender); return; }
    const b = new Uint8Array(m.data.data);
    let s = '';
    for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode.apply(null, b.subarray(i, i + 0x8000));
    lgFrame(btoa(s), m.data.type, JSON.stringify(m.data.md));
  };
  tr.sender.transform = new RTCRtpScriptTransform(worker, { keyAt });
  const p = tr.sender.getParameters();
  p.degradationPreference = 'maintain-resolution';
  await tr.sender.setParameters(p);
  await pc1.setLocalDescription();
  await pc2.setRemoteDescription(pc1.localDescription);
  await pc2.setLocalDescription();
  await pc1.setRemoteDescription(pc2.localDescription);
  return JSON.stringify(codec);
}
// Pausing and resuming the encoding makes the encoder start again with a keyframe.
async function restartEncoder(sender) {
  for (const active of [false, true]) {
    const p = sender.getParameters(); // a fresh transaction each time
    p.encodings[0].active = active;
    await sender.setParameters(p);
  }
}
</script>`;

const server = http.createServer((req, res) => {
  if (req.url === '/worker.js') {
    res.writeHead(200, { 'content-type': 'text/javascript' }).end(WORKER);
  } else {
    res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--allow-loopback-in-peer-connection',
    '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
    '--disable-renderer-backgrounding', '--disable-background-timer-throttling',
    '--disable-features=WebRtcHideLocalIpsWithMdns,LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights'],
});
try {
  console.log('chromium', browser.version());
  for (const c of CODECS) {
    const page = await browser.newPage();
    const frames = [];
    let done;
    const finished = new Promise((r) => { done = r; });
    await page.exposeFunction('lgFrame', (b64, type, md) => {
      const meta = JSON.parse(md);
      // Keep frames from the first keyframe on (a decoder can start there).
      if (frames.length === 0 && type !== 'key') return;
      if (frames.length < FRAMES) frames.push({ data: Buffer.from(b64, 'base64'), key: type === 'key', meta });
      if (frames.length === FRAMES) done();
    });
    page.on('console', (m) => console.log(c.name, 'page:', m.text()));
    page.on('pageerror', (e) => console.log(c.name, 'page error:', e.message));
    await page.goto(origin + '/');
    const chosen = await page.evaluate(([m, f, k]) => run(m, f, k), [c.mime, c.fmtp, KEY_AT]);
    console.log(c.name, 'negotiated', chosen);
    const timer = setTimeout(() => done(new Error('timeout')), 30000);
    const err = await finished;
    clearTimeout(timer);
    if (err) throw new Error(`${c.name}: ${frames.length} frames before timeout`);
    await page.close();
    write(path.join(OUT, `chromium-${c.name}-320x180-${FRAMES}f.lgef`), c.fourcc, frames);
    console.log(c.name, chosen, frames.length, 'frames,', frames.filter((f) => f.key).length, 'key,',
        frames.reduce((a, f) => a + f.data.length, 0), 'bytes,', JSON.stringify(frames[0].meta));
  }
} finally {
  await browser.close();
  server.close();
}

// Header: "LGEF", version 1, codec fourcc, frame count (u16). Record: flags (bit 0 key), spatial index,
// temporal index, RTP timestamp (u32), width (u16), height (u16), length (u32), data. Big-endian.
function write(file, fourcc, frames) {
  const parts = [];
  const h = Buffer.alloc(11);
  h.write('LGEF', 0, 'ascii'); h.writeUInt8(1, 4); h.write(fourcc, 5, 'ascii'); h.writeUInt16BE(frames.length, 9);
  parts.push(h);
  for (const f of frames) {
    const r = Buffer.alloc(15);
    r.writeUInt8(f.key ? 1 : 0, 0);
    r.writeUInt8(f.meta.spatialIndex ?? 0, 1);
    r.writeUInt8(f.meta.temporalIndex ?? 0, 2);
    r.writeUInt32BE((f.meta.rtpTimestamp ?? 0) >>> 0, 3);
    r.writeUInt16BE(f.meta.width ?? 0, 7);
    r.writeUInt16BE(f.meta.height ?? 0, 9);
    r.writeUInt32BE(f.data.length, 11);
    parts.push(r, f.data);
  }
  fs.writeFileSync(file, Buffer.concat(parts));
}
