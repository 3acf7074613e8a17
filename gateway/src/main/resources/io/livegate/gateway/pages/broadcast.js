// The broadcast page: camera, microphone or screen -> RTCPeerConnection (sendonly, H.264 preferred, Opus) -> WHIP.
import {
  pathFromLocation, tokenFromLocation, authHeaders, streamUrl, pageUrl, loadConfig, errorText, deleteResource,
  iceGathered, selectedPair, formatBitrate, fillList,
} from './common.js';

/** Height -> capture size and the encoder's bitrate ceiling (roughly what x264 needs at 30 fps for that size). */
const PRESETS = {
  360: { width: 640, height: 360, maxBitrate: 800_000 },
  480: { width: 854, height: 480, maxBitrate: 1_200_000 },
  720: { width: 1280, height: 720, maxBitrate: 2_500_000 },
  1080: { width: 1920, height: 1080, maxBitrate: 4_500_000 },
};
const FRAME_RATE = 30;
const GATHER_MS = 2000;

const path = pathFromLocation('/broadcast/');
const $ = (id) => document.getElementById(id);
const form = $('form');
const source = $('source');
const camera = $('camera');
const microphone = $('microphone');
const resolution = $('resolution');
const tokenInput = $('token');
const startButton = $('start');
const stopButton = $('stop');
const preview = $('preview');
const statusLine = $('status');
const stats = $('stats');

let live = null; // { pc, media, location, token, bytes, statsAt }
let statsTimer = null;

function setStatus(text, state) {
  statusLine.textContent = text;
  statusLine.dataset.state = state;
}

function setBusy(running) {
  startButton.disabled = running;
  stopButton.disabled = !running;
  for (const c of [source, resolution, tokenInput]) c.disabled = running;
}

async function listDevices() {
  if (!navigator.mediaDevices || !navigator.mediaDevices.enumerateDevices) return;
  const devices = await navigator.mediaDevices.enumerateDevices();
  const fill = (select, kind, fixed, noun) => {
    const keep = select.value;
    const options = fixed.map(([value, label]) => new Option(label, value));
    let n = 0;
    for (const d of devices) {
      if (d.kind !== kind || !d.deviceId || d.deviceId === 'default') continue;
      n++;
      options.push(new Option(d.label || `${noun} ${n}`, d.deviceId));
    }
    select.replaceChildren(...options);
    if ([...select.options].some((o) => o.value === keep)) select.value = keep;
  };
  fill(camera, 'videoinput', [['', 'Default camera']], 'Camera');
  fill(microphone, 'audioinput', [['', 'Default microphone'], ['none', 'No audio']], 'Microphone');
}

function audioConstraints() {
  if (microphone.value === 'none') return false;
  return microphone.value ? { deviceId: { exact: microphone.value } } : true;
}

/** The stream to send: camera + microphone, or the screen + (its own audio, else the microphone). */
async function capture(preset) {
  const size = { width: { ideal: preset.width }, height: { ideal: preset.height }, frameRate: { ideal: FRAME_RATE } };
  if (source.value === 'screen') {
    if (!navigator.mediaDevices.getDisplayMedia) throw new Error('this browser cannot share its screen');
    const screen = await navigator.mediaDevices.getDisplayMedia({ video: size, audio: true });
    const audio = audioConstraints();
    if (screen.getAudioTracks().length === 0 && audio) {
      try {
        const mic = await navigator.mediaDevices.getUserMedia({ audio });
        mic.getAudioTracks().forEach((t) => screen.addTrack(t));
      } catch (e) {
        console.warn('no microphone with the screen', e);
      }
    }
    return screen;
  }
  const video = camera.value ? { ...size, deviceId: { exact: camera.value } } : size;
  return navigator.mediaDevices.getUserMedia({ video, audio: audioConstraints() });
}

/** H.264 first (packetization-mode 1, Constrained Baseline first), then the rest: the server picks H.264. */
function preferH264(transceiver) {
  if (!transceiver.setCodecPreferences || !RTCRtpSender.getCapabilities) return;
  const codecs = RTCRtpSender.getCapabilities('video').codecs;
  const score = (c) => {
    if (c.mimeType.toLowerCase() !== 'video/h264') return 0;
    const fmtp = c.sdpFmtpLine || '';
    return 1 + (fmtp.includes('packetization-mode=1') ? 2 : 0) + (fmtp.includes('profile-level-id=42e0') ? 1 : 0);
  };
  transceiver.setCodecPreferences([...codecs].sort((a, b) => score(b) - score(a)));
}

function preferOpus(transceiver) {
  if (!transceiver.setCodecPreferences || !RTCRtpSender.getCapabilities) return;
  const codecs = RTCRtpSender.getCapabilities('audio').codecs;
  const opus = (c) => (c.mimeType.toLowerCase() === 'audio/opus' ? 1 : 0);
  transceiver.setCodecPreferences([...codecs].sort((a, b) => opus(b) - opus(a)));
}

async function start() {
  if (live) return;
  setBusy(true);
  setStatus('Starting the camera…', 'connecting');
  const preset = PRESETS[resolution.value] || PRESETS[720];
  const token = tokenInput.value.trim();
  const whip = streamUrl(path, 'whip');
  let media;
  try {
    media = await capture(preset);
  } catch (e) {
    setBusy(false);
    setStatus('No camera or screen: ' + e.message, 'error');
    return;
  }
  listDevices().catch(() => {}); // labels are readable once permission is granted
  preview.srcObject = media;
  preview.play().catch(() => {});
  const pc = new RTCPeerConnection();
  const s = { pc, media, location: null, token, bytes: 0, statsAt: 0, stopped: false };
  live = s;
  for (const track of media.getTracks()) {
    const init = { direction: 'sendonly', streams: [media] };
    if (track.kind === 'video') init.sendEncodings = [{ maxBitrate: preset.maxBitrate, maxFramerate: FRAME_RATE }];
    const transceiver = pc.addTransceiver(track, init);
    if (track.kind === 'video') preferH264(transceiver);
    else preferOpus(transceiver);
    // Sharing stopped from the browser's own UI ends the broadcast.
    track.addEventListener('ended', () => { if (live === s) stop('The source stopped.'); });
  }
  pc.onconnectionstatechange = () => {
    if (live !== s) return;
    if (pc.connectionState === 'connected') setStatus('Live', 'live');
    if (pc.connectionState === 'failed') stop('Connection lost: press Start to go live again.', 'error');
  };
  try {
    setStatus('Connecting…', 'connecting');
    await pc.setLocalDescription(await pc.createOffer());
    await iceGathered(pc, GATHER_MS);
    const res = await fetch(whip, {
      method: 'POST',
      headers: { 'Content-Type': 'application/sdp', ...authHeaders(token) },
      body: pc.localDescription.sdp,
    });
    if (res.status !== 201) throw new Error(await errorText(res));
    s.location = new URL(res.headers.get('Location'), whip).toString();
    if (live !== s) {
      deleteResource(s.location, token);
      return;
    }
    await pc.setRemoteDescription({ type: 'answer', sdp: await res.text() });
  } catch (e) {
    if (live === s) stop('Could not go live: ' + e.message, 'error');
  }
}

/** Ends the WHIP session with DELETE (RFC 9725 4.4) before closing the transport, so the server logs why it ended. */
async function stop(message = 'Stopped.', state = 'idle') {
  const s = live;
  live = null;
  preview.srcObject = null;
  if (s) {
    s.media.getTracks().forEach((t) => t.stop());
    startButton.disabled = true;
    stopButton.disabled = true;
    setStatus('Stopping…', 'connecting');
    await Promise.race([deleteResource(s.location, s.token), new Promise((r) => setTimeout(r, 2000))]);
    s.pc.close();
  }
  setBusy(false);
  setStatus(message, state);
}

/** Swaps the camera or microphone while live, without a new session. */
async function switchDevice(kind) {
  const s = live;
  if (!s || source.value !== 'camera') return;
  const sender = s.pc.getSenders().find((x) => x.track && x.track.kind === kind);
  if (!sender) return;
  const preset = PRESETS[resolution.value] || PRESETS[720];
  try {
    const constraints = kind === 'video'
      ? { video: { width: { ideal: preset.width }, height: { ideal: preset.height }, frameRate: { ideal: FRAME_RATE },
        ...(camera.value ? { deviceId: { exact: camera.value } } : {}) } }
      : { audio: audioConstraints() || true };
    const fresh = (await navigator.mediaDevices.getUserMedia(constraints)).getTracks()[0];
    const old = sender.track;
    await sender.replaceTrack(fresh);
    s.media.removeTrack(old);
    old.stop();
    s.media.addTrack(fresh);
  } catch (e) {
    setStatus('Could not switch: ' + e.message, 'live');
  }
}

async function poll() {
  const s = live;
  if (s && s.pc.connectionState === 'connected') {
    const report = await s.pc.getStats();
    let v; let a;
    report.forEach((r) => {
      if (r.type === 'outbound-rtp' && r.kind === 'video' && (!v || (r.bytesSent || 0) > (v.bytesSent || 0))) v = r;
      if (r.type === 'outbound-rtp' && r.kind === 'audio') a = r;
    });
    const now = performance.now();
    const bytes = (v ? v.bytesSent || 0 : 0) + (a ? a.bytesSent || 0 : 0);
    const bitrate = s.statsAt ? ((bytes - s.bytes) * 8000) / (now - s.statsAt) : NaN;
    Object.assign(s, { bytes, statsAt: now });
    if (!stats.hidden) {
      const pair = selectedPair(report);
      const codec = (r) => (r && r.codecId && report.get(r.codecId) ? report.get(r.codecId).mimeType.split('/')[1] : '–');
      fillList(stats, [
        ['Resolution', v && v.frameWidth ? `${v.frameWidth}×${v.frameHeight}` : '–'],
        ['Frame rate', v && v.framesPerSecond ? `${Math.round(v.framesPerSecond)} fps` : '–'],
        ['Bitrate', formatBitrate(bitrate)],
        ['Codecs', `${codec(v)} / ${codec(a)}`],
        ['Limited by', v && v.qualityLimitationReason ? v.qualityLimitationReason : '–'],
        ['RTT', pair && pair.currentRoundTripTime !== undefined ? `${Math.round(pair.currentRoundTripTime * 1000)} ms` : '–'],
      ]);
    }
  }
  statsTimer = setTimeout(poll, 1000);
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  start();
});
stopButton.addEventListener('click', () => stop());
camera.addEventListener('change', () => switchDevice('video'));
microphone.addEventListener('change', () => { if (microphone.value !== 'none') switchDevice('audio'); });
source.addEventListener('change', () => { camera.disabled = source.value === 'screen'; });
$('stats-toggle').addEventListener('click', () => {
  stats.hidden = !stats.hidden;
  $('stats-toggle').setAttribute('aria-pressed', String(!stats.hidden));
});
// Leaving the page ends the broadcast now rather than at the server's media timeout.
addEventListener('pagehide', () => { if (live) stop(); });

tokenInput.value = tokenFromLocation();
$('title').textContent = path ? 'Broadcast ' + path : 'Broadcast';
document.title = (path || 'Broadcast') + ' · LiveGate';
const config = await loadConfig();
if (path) {
  $('watch-link').href = pageUrl('watch', path);
  $('watch-link').textContent = pageUrl('watch', path);
}
if (!path) {
  setStatus('No stream path in this address.', 'error');
  startButton.disabled = true;
} else if (!config.whip) {
  setStatus('Publishing from the browser (WHIP) is switched off on this server.', 'error');
  startButton.disabled = true;
} else if (!window.isSecureContext || !navigator.mediaDevices || !window.RTCPeerConnection) {
  $('insecure').hidden = false;
  setStatus('This page cannot use the camera here.', 'error');
  startButton.disabled = true;
} else {
  if (!navigator.mediaDevices.getDisplayMedia) source.options[1].disabled = true;
  listDevices().catch(() => {});
  poll();
}
