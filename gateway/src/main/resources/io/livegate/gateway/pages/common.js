// Shared by the pages: stream paths and URLs, tokens, HTTP errors, formatting, WebRTC helpers.

/** core-router's stream path alphabet: segments of letters, digits and _.~- joined by '/', no "..". */
const PATH_RE = /^[A-Za-z0-9_.~-]+(\/[A-Za-z0-9_.~-]+)*$/;
export const MAX_PATH_LENGTH = 256;

export function isValidPath(path) {
  return typeof path === 'string' && path.length <= MAX_PATH_LENGTH && PATH_RE.test(path) && !path.includes('..');
}

/** The stream path after `prefix` in this page's URL (the server only serves valid ones). */
export function pathFromLocation(prefix) {
  const path = location.pathname.startsWith(prefix) ? location.pathname.slice(prefix.length) : '';
  return isValidPath(path) ? path : null;
}

/** `?token=` of this page's URL, or ''. */
export function tokenFromLocation() {
  return new URLSearchParams(location.search).get('token') || '';
}

export function authHeaders(token) {
  return token ? { Authorization: 'Bearer ' + token } : {};
}

/** Absolute URL of a stream resource on this server, e.g. streamUrl('live/cam1', 'whep'). Paths need no escaping. */
export function streamUrl(path, resource) {
  return location.origin + '/' + path + '/' + resource;
}

export function pageUrl(kind, path) {
  return location.origin + '/' + kind + '/' + path;
}

/** The server's ports and switched-on protocols (/pages/config.json), with defaults if it cannot be read. */
export async function loadConfig() {
  try {
    const res = await fetch('/pages/config.json', { cache: 'no-cache' });
    if (res.ok) return await res.json();
  } catch (e) {
    console.warn('config.json', e);
  }
  return { rtmp_port: 1935, rtmps_port: null, srt_port: 9000, whip: true, whep: true, hls: true };
}

/** A readable reason from an error response: the JSON {"error": ...} the server sends, or the status line. */
export async function errorText(res) {
  let text = '';
  try {
    text = (await res.text()).trim();
    const json = JSON.parse(text);
    if (json && typeof json.error === 'string') text = json.error;
  } catch (e) {
    // not JSON: keep the text
  }
  return res.status + (text ? ': ' + text.slice(0, 300) : ' ' + res.statusText);
}

/** DELETE a WHIP/WHEP session resource; keepalive lets it finish while the page unloads. */
export function deleteResource(url, token) {
  if (!url) return Promise.resolve();
  return fetch(url, { method: 'DELETE', headers: authHeaders(token), keepalive: true }).catch(() => {});
}

/** Resolves when ICE gathering completes or after `ms`: the server is ICE-lite, host candidates are enough. */
export function iceGathered(pc, ms) {
  return new Promise((resolve) => {
    if (pc.iceGatheringState === 'complete') return resolve();
    const timer = setTimeout(resolve, ms);
    pc.addEventListener('icegatheringstatechange', () => {
      if (pc.iceGatheringState === 'complete') {
        clearTimeout(timer);
        resolve();
      }
    });
  });
}

/** The selected candidate pair of a stats report, or undefined. */
export function selectedPair(report) {
  let pair;
  report.forEach((r) => {
    if (r.type === 'transport' && r.selectedCandidatePairId) pair = report.get(r.selectedCandidatePairId);
  });
  if (!pair) {
    report.forEach((r) => {
      if (r.type === 'candidate-pair' && r.nominated && r.state === 'succeeded') pair = r;
    });
  }
  return pair;
}

export function formatBitrate(bps) {
  if (!Number.isFinite(bps) || bps < 0) return '–';
  if (bps >= 1e6) return (bps / 1e6).toFixed(2) + ' Mbit/s';
  return Math.round(bps / 1e3) + ' kbit/s';
}

export function formatDuration(seconds) {
  const s = Math.max(0, Math.floor(seconds || 0));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h ? `${h}h ${m}m` : m ? `${m}m ${s % 60}s` : `${s}s`;
}

/** Fills a <dl> with [term, value] rows (text only). */
export function fillList(dl, rows) {
  const items = [];
  for (const [term, value] of rows) {
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    dd.textContent = value;
    items.push(dt, dd);
  }
  dl.replaceChildren(...items);
}

/** Creates an element with text and attributes. */
export function el(tag, attrs = {}, text = '') {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else e.setAttribute(k, v);
  }
  if (text) e.textContent = text;
  return e;
}

/** A button that copies `text()` to the clipboard, or selects `target` when the clipboard is not available. */
export function copyButton(label, text, target) {
  const b = el('button', { type: 'button', class: 'copy', 'aria-label': label }, 'Copy');
  b.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(text());
      b.textContent = 'Copied';
    } catch (e) {
      if (target) {
        const range = document.createRange();
        range.selectNodeContents(target);
        const sel = getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
      }
      b.textContent = 'Selected';
    }
    setTimeout(() => { b.textContent = 'Copy'; }, 1500);
  });
  return b;
}

/** A row "label: <code>url</code> [Copy]" for URLs people paste elsewhere. */
export function urlRow(label, url) {
  const row = el('div', { class: 'url-row' });
  const code = el('code', {}, url);
  row.append(el('span', { class: 'url-label' }, label), code, copyButton('Copy ' + label, () => url, code));
  return row;
}
