// The index: live streams from /api/v1/streams (refreshed), and where to publish.
import { isValidPath, loadConfig, streamUrl, pageUrl, formatDuration, el, urlRow } from './common.js';

const REFRESH_MS = 3000;
const list = document.getElementById('streams');
const empty = document.getElementById('empty');
const count = document.getElementById('count');
const failure = document.getElementById('streams-error');
const form = document.getElementById('publish');
const key = document.getElementById('key');
const hints = document.getElementById('hints');
let config = null;
let timer = null;

function describe(stream) {
  const parts = [];
  for (const t of stream.tracks || []) {
    let s = (t.codec || '?').toUpperCase().replace('OPUS', 'Opus');
    if (t.width && t.height) s += ` ${t.width}×${t.height}`;
    if (t.frame_rate && t.kind === 'video') s += ` ${Math.round(t.frame_rate)} fps`;
    parts.push(s);
  }
  if (stream.publisher && stream.publisher.protocol) parts.push('from ' + stream.publisher.protocol.toUpperCase());
  const viewers = ((stream.whep && stream.whep.viewers) || 0) + ((stream.hls && stream.hls.viewers) || 0);
  parts.push(viewers === 1 ? '1 viewer' : `${viewers} viewers`);
  parts.push('up ' + formatDuration(stream.uptime_seconds));
  return parts.join(' · ');
}

function render(streams) {
  const items = streams.map((s) => {
    const li = el('li', { class: 'stream', 'data-path': s.path, 'data-state': s.state });
    const head = el('div', { class: 'stream-head' });
    const watch = el('a', { class: 'button', href: '/watch/' + s.path }, 'Watch');
    watch.setAttribute('aria-label', 'Watch ' + s.path);
    head.append(el('h3', {}, s.path), el('span', { class: 'badge ' + s.state }, s.state), watch);
    li.append(head, el('p', { class: 'muted' }, describe(s)));
    if (config.hls) li.append(urlRow('HLS', streamUrl(s.path, 'index.m3u8')));
    if (config.whep) li.append(urlRow('WHEP', streamUrl(s.path, 'whep')));
    return li;
  });
  list.replaceChildren(...items);
  empty.hidden = streams.length > 0;
  count.textContent = `(${streams.length})`;
}

async function refresh() {
  clearTimeout(timer);
  try {
    const res = await fetch('/api/v1/streams', { cache: 'no-store' });
    if (!res.ok) throw new Error('HTTP ' + res.status);
    const body = await res.json();
    render(body.streams || []);
    failure.hidden = true;
  } catch (e) {
    failure.textContent = 'Cannot load the stream list: ' + e.message;
    failure.hidden = false;
  }
  if (!document.hidden) timer = setTimeout(refresh, REFRESH_MS);
}

function renderHints() {
  const path = key.value.trim();
  const valid = isValidPath(path);
  key.setAttribute('aria-invalid', String(!valid));
  if (!valid) {
    hints.replaceChildren(el('p', { class: 'error' }, 'Not a valid stream path.'));
    return;
  }
  const host = location.hostname.includes(':') ? `[${location.hostname}]` : location.hostname;
  const rows = [];
  if (config.rtmp_port) {
    const slash = path.lastIndexOf('/');
    rows.push(urlRow('RTMP', `rtmp://${host}:${config.rtmp_port}/${path}`));
    if (slash > 0) {
      rows.push(urlRow('OBS server', `rtmp://${host}:${config.rtmp_port}/${path.slice(0, slash)}`));
      rows.push(urlRow('OBS stream key', path.slice(slash + 1)));
    }
  }
  if (config.rtmps_port) rows.push(urlRow('RTMPS', `rtmps://${host}:${config.rtmps_port}/${path}`));
  if (config.srt_port) {
    rows.push(urlRow('SRT', `srt://${host}:${config.srt_port}?streamid=#!::r=${path},m=publish&latency=120000`));
  }
  if (config.whip) rows.push(urlRow('WHIP', streamUrl(path, 'whip')));
  rows.push(urlRow('Watch page', pageUrl('watch', path)));
  hints.replaceChildren(...rows);
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const path = key.value.trim();
  if (!isValidPath(path)) {
    key.focus();
    return;
  }
  location.href = '/broadcast/' + path;
});
key.addEventListener('input', renderHints);
document.addEventListener('visibilitychange', () => { if (!document.hidden) refresh(); });

config = await loadConfig();
form.querySelector('button').disabled = !config.whip;
renderHints();
refresh();
