// The watch page: WHEP playback (client offer, recvonly), reconnecting with backoff; HLS where WebRTC is missing.
import {
  pathFromLocation, tokenFromLocation, authHeaders, streamUrl, loadConfig, errorText, deleteResource,
  selectedPair, formatBitrate, fillList, urlRow,
} from './common.js';

const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 15000;
/** No packet and no decoded frame for this long: the stream stalled or ended (or is between publishers), start over. */
const STALL_MS = 6000;
const POST_TIMEOUT_MS = 10000;

const path = pathFromLocation('/watch/');
const token = tokenFromLocation();
const video = document.getElementById('video');
const statusLine = document.getElementById('status');
const stats = document.getElementById('stats');
const statsToggle = document.getElementById('stats-toggle');
const unmute = document.getElementById('unmute');
const playButton = document.getElementById('play');
const hlsSection = document.getElementById('hls');

let session = null; // { pc, location, progressAt, frames, packets, bytes, statsAt }
let attempt = 0;
let retryTimer = null;
let statsTimer = null;
let config = null;

function setStatus(text, state) {
  statusLine.textContent = text;
  statusLine.dataset.state = state;
}

function play() {
  video.play().then(() => { playButton.hidden = true; }).catch(() => { playButton.hidden = false; });
}

/** Ends a session: DELETE (the WHEP way to end it), then the transport; while unloading there is no time to wait. */
function close(s, unloading = false) {
  if (!s) return;
  s.closed = true;
  const deleted = deleteResource(s.location, token);
  if (unloading) {
    s.pc.close();
  } else {
    Promise.race([deleted, new Promise((r) => setTimeout(r, 2000))]).then(() => s.pc.close());
  }
}

function retry(reason) {
  close(session);
  session = null;
  clearTimeout(retryTimer);
  const base = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** attempt);
  const delay = Math.round(base * (0.75 + Math.random() * 0.5));
  attempt++;
  setStatus(`${reason} Retrying in ${Math.ceil(delay / 1000)} s…`, 'waiting');
  retryTimer = setTimeout(connect, delay);
}

async function connect() {
  clearTimeout(retryTimer);
  setStatus('Connecting…', 'connecting');
  const pc = new RTCPeerConnection();
  const s = { pc, location: null, progressAt: performance.now(), frames: 0, packets: 0, bytes: 0, statsAt: 0 };
  session = s;
  pc.addTransceiver('video', { direction: 'recvonly' });
  pc.addTransceiver('audio', { direction: 'recvonly' });
  const media = new MediaStream();
  pc.ontrack = (e) => {
    media.addTrack(e.track);
    if (video.srcObject !== media) video.srcObject = media;
    play();
  };
  pc.onconnectionstatechange = () => {
    if (s.closed) return;
    // "Live" only once media arrives (poll): a stream between publishers connects but sends nothing.
    if (pc.connectionState === 'connected' && statusLine.dataset.state !== 'live') {
      setStatus('Connected, waiting for the stream…', 'connecting');
    }
    if (pc.connectionState === 'failed' || pc.connectionState === 'closed') retry('Connection lost.');
  };
  let res;
  try {
    await pc.setLocalDescription(await pc.createOffer());
    res = await fetch(streamUrl(path, 'whep'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/sdp', ...authHeaders(token) },
      body: pc.localDescription.sdp,
      signal: AbortSignal.timeout(POST_TIMEOUT_MS),
    });
  } catch (e) {
    if (!s.closed) retry('Server unreachable.');
    return;
  }
  if (s.closed) {
    // Given up on while the POST was under way: the session it made is not wanted.
    if (res.status === 201) deleteResource(new URL(res.headers.get('Location'), streamUrl(path, 'whep')).toString(), token);
    return;
  }
  if (res.status === 201) {
    s.location = new URL(res.headers.get('Location'), streamUrl(path, 'whep')).toString();
    try {
      await pc.setRemoteDescription({ type: 'answer', sdp: await res.text() });
      // The server closing the session (stream ended) shows as the DTLS transport closing, when the alert arrives.
      const dtls = pc.getReceivers()[0] && pc.getReceivers()[0].transport;
      if (dtls) {
        dtls.addEventListener('statechange', () => {
          if (!s.closed && (dtls.state === 'closed' || dtls.state === 'failed')) retry('The stream ended.');
        });
      }
    } catch (e) {
      retry('Bad answer from the server (' + e.message + ').');
    }
    return;
  }
  const why = await errorText(res);
  if (res.status === 401 || res.status === 403) {
    close(s);
    setStatus('Not allowed to watch: ' + why + (token ? '' : ' (add ?token=… to the address)'), 'error');
  } else if (res.status === 409 || res.status === 406) {
    // This browser shares no codec with the stream: HLS may still play it.
    close(s);
    fallBackToHls('This browser cannot decode the stream over WebRTC (' + why + ').');
  } else if (res.status === 404) {
    retry('The stream is not live.');
  } else {
    retry('Server said ' + why + '.');
  }
}

/** Reads getStats once a second: the overlay, and whether anything still arrives. */
async function poll() {
  const s = session;
  if (s && !s.closed && s.pc.connectionState !== 'new') {
    const report = await s.pc.getStats();
    let v; let a;
    report.forEach((r) => {
      if (r.type === 'inbound-rtp' && r.kind === 'video') v = r;
      if (r.type === 'inbound-rtp' && r.kind === 'audio') a = r;
    });
    const now = performance.now();
    const frames = v ? v.framesDecoded || 0 : 0;
    // Packets, not audio samples: the audio decoder conceals gaps, and concealed samples count as received.
    const packets = (v ? v.packetsReceived || 0 : 0) + (a ? a.packetsReceived || 0 : 0);
    const bytes = (v ? v.bytesReceived || 0 : 0) + (a ? a.bytesReceived || 0 : 0);
    if (frames > s.frames || packets > s.packets) {
      s.progressAt = now;
      attempt = 0;
      if (statusLine.dataset.state !== 'live') setStatus('Live', 'live');
    }
    const bitrate = s.statsAt ? ((bytes - s.bytes) * 8000) / (now - s.statsAt) : NaN;
    Object.assign(s, { frames, packets, bytes, statsAt: now });
    if (!stats.hidden) showStats(report, v, a, bitrate);
    if (now - s.progressAt > STALL_MS) retry('No media for a while.');
  }
  statsTimer = setTimeout(poll, 1000);
}

function showStats(report, v, a, bitrate) {
  const pair = selectedPair(report);
  const codec = (r) => (r && r.codecId && report.get(r.codecId) ? report.get(r.codecId).mimeType.split('/')[1] : '–');
  const lost = (v ? v.packetsLost || 0 : 0) + (a ? a.packetsLost || 0 : 0);
  const received = (v ? v.packetsReceived || 0 : 0) + (a ? a.packetsReceived || 0 : 0);
  fillList(stats, [
    ['Resolution', v && v.frameWidth ? `${v.frameWidth}×${v.frameHeight}` : '–'],
    ['Frame rate', v && v.framesPerSecond ? `${Math.round(v.framesPerSecond)} fps` : '–'],
    ['Bitrate', formatBitrate(bitrate)],
    ['Codecs', `${codec(v)} / ${codec(a)}`],
    ['RTT', pair && pair.currentRoundTripTime !== undefined ? `${Math.round(pair.currentRoundTripTime * 1000)} ms` : '–'],
    ['Jitter', v && v.jitter !== undefined ? `${Math.round(v.jitter * 1000)} ms video, ${a && a.jitter !== undefined ? Math.round(a.jitter * 1000) : '–'} ms audio` : '–'],
    ['Packets lost', `${lost} of ${lost + received}`],
    ['Audio', a && a.totalSamplesReceived > (a.concealedSamples || 0)
      ? `${Math.round((a.totalSamplesReceived - (a.concealedSamples || 0)) / 48000)} s received` : 'none yet'],
  ]);
}

/** HLS for browsers without WebRTC: Safari plays it natively; elsewhere show the URL for a player. */
function fallBackToHls(why) {
  hlsSection.hidden = false;
  const note = document.getElementById('hls-note');
  const urls = document.getElementById('hls-urls');
  if (!config.hls) {
    setStatus(why + ' HLS is switched off on this server.', 'error');
    return;
  }
  const hls = streamUrl(path, 'index.m3u8');
  urls.replaceChildren(urlRow('HLS', hls));
  if (video.canPlayType('application/vnd.apple.mpegurl')) {
    video.src = hls;
    play();
    setStatus('Playing over HLS (a few seconds behind live).', 'live');
    note.textContent = why;
  } else {
    setStatus(why, 'error');
    note.textContent = 'Open this address in an HLS player (VLC, ffplay, Safari):';
  }
}

unmute.addEventListener('click', () => {
  video.muted = !video.muted;
  unmute.textContent = video.muted ? 'Unmute' : 'Mute';
  unmute.setAttribute('aria-pressed', String(!video.muted));
  if (!video.muted) play();
});
playButton.addEventListener('click', play);
statsToggle.addEventListener('click', () => {
  stats.hidden = !stats.hidden;
  statsToggle.setAttribute('aria-pressed', String(!stats.hidden));
  if (!stats.hidden && !session) fillList(stats, [['Resolution', video.videoWidth ? `${video.videoWidth}×${video.videoHeight}` : '–']]);
});
document.getElementById('fullscreen').addEventListener('click', () => {
  const player = video.parentElement;
  if (player.requestFullscreen) player.requestFullscreen().catch(() => {});
  else if (video.webkitEnterFullscreen) video.webkitEnterFullscreen();
});
// Leave cleanly: the session resource goes now rather than at the consent timeout. Back/forward cache: reconnect.
addEventListener('pagehide', () => {
  clearTimeout(retryTimer);
  close(session, true);
  session = null;
});
addEventListener('pageshow', (e) => { if (e.persisted && !session && config && window.RTCPeerConnection) connect(); });

document.getElementById('title').textContent = path || 'Watch';
document.title = (path || 'Watch') + ' · LiveGate';
config = await loadConfig();
if (!path) {
  setStatus('No stream path in this address.', 'error');
} else if (!window.RTCPeerConnection || !config.whep) {
  fallBackToHls(window.RTCPeerConnection ? 'WebRTC playback is switched off on this server.'
    : 'This browser has no WebRTC.');
} else {
  if (config.hls) {
    hlsSection.hidden = false;
    document.getElementById('hls-note').textContent = 'The same stream over HLS, for other players:';
    document.getElementById('hls-urls').replaceChildren(urlRow('HLS', streamUrl(path, 'index.m3u8')));
  }
  connect();
  poll();
}
