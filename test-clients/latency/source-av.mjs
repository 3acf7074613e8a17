// Measures the A/V offset that the source itself carries, before any server or player: reads a file written by
// source.sh (e.g. `source.sh /tmp/src.flv 12 flv`), finds each beep onset in the decoded audio and each flash
// onset in the decoded video, both on the file's timestamps, and prints audio onset - video onset per second.
// Usage: node source-av.mjs FILE
import { execFileSync } from 'node:child_process';

const file = process.argv[2];
const probe = (sel) => Number(execFileSync('ffprobe', ['-v', 'error', '-select_streams', sel, '-show_entries',
  'stream=start_time', '-of', 'csv=p=0', file]).toString().split(/\s+/).filter(Boolean)[0]);
// Both sides on the file's own timestamps: the audio from its stream's start_time (the decoded PCM starts there),
// the video through -copyts. Without -copyts ffmpeg shifts MPEG-TS video to start at 0 (but not FLV video), which
// once made the same A/V relation read 21 ms apart between the two containers.
const aStart = probe('a:0');
const pcm = execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-map', '0:a:0', '-ac', '1', '-ar', '48000',
  '-f', 'f32le', '-'], { maxBuffer: 1 << 30 });
const samples = new Float32Array(pcm.buffer, pcm.byteOffset, pcm.length / 4);
const beeps = [];
let quiet = 0;
for (let i = 0; i < samples.length; i++) {
  if (Math.abs(samples[i]) > 0.1) {
    if (quiet > 0.3 * 48000) beeps.push(1000 * (aStart + i / 48000));
    quiet = 0;
  } else quiet++;
}
const log = execFileSync('ffmpeg', ['-v', 'error', '-copyts', '-i', file, '-map', '0:v:0', '-vf',
  'crop=32:32:1144:584,signalstats,metadata=print:key=lavfi.signalstats.YAVG:file=-', '-f', 'null', '-'],
{ maxBuffer: 1 << 28 }).toString();
const flashes = [];
let pts = null;
let was = true;
for (const line of log.split('\n')) {
  const m = line.match(/pts_time:([-0-9.]+)/);
  if (m) pts = Number(m[1]);
  const y = line.match(/YAVG=([0-9.]+)/);
  if (y) {
    const on = Number(y[1]) > 128;
    if (on && !was) flashes.push(1000 * pts);
    was = on;
  }
}
const offsets = [];
for (const f of flashes) {
  const b = beeps.reduce((best, x) => (Math.abs(x - f) < Math.abs(best - f) ? x : best), Infinity);
  if (Math.abs(b - f) < 500) offsets.push(Math.round((b - f) * 10) / 10);
}
console.log(JSON.stringify({ file, audioStartMs: 1000 * aStart, beeps: beeps.length, flashes: flashes.length,
  offsetsMs: offsets, note: 'audio onset - video flash onset on the file timestamps; + = audio late' }));
