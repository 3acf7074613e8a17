// Runs in the page. Reads the burned-in latency stamp and sync flash of source.sh from each presented video frame
// (requestVideoFrameCallback), and beep onsets from an audio track (AudioWorklet). Exposes window.LgMeasure.
(function (g) {
  const NB = 48; // bits of the epoch-ms stamp
  // Stamp strip: 48 blocks of 24x24 px (1280-wide reference), two rows: bits, then inverted bits.
  function decodeStamp(img, w) {
    const b = 24 * w / 1280;
    const s = Math.max(1, Math.floor(b / 2));
    const off = Math.floor((b - s) / 2);
    const d = img.data;
    let v = 0;
    for (let i = 0; i < NB; i++) {
      let top = 0, bottom = 0;
      const x0 = Math.floor(i * b + off);
      for (let y = off; y < off + s; y++) {
        for (let x = x0; x < x0 + s; x++) {
          const p = (y * w + x) * 4, q = ((y + Math.floor(b)) * w + x) * 4;
          top += d[p] + d[p + 1] + d[p + 2];
          bottom += d[q] + d[q + 1] + d[q + 2];
        }
      }
      const n = 3 * s * s;
      if (Math.abs(top - bottom) / n < 64) return null; // not complementary: smeared or partial frame
      v = v * 2 + (top > bottom ? 1 : 0);
    }
    return v;
  }

  // Calls onFrame({stamp, flash, displayEpochMs, ...}) for each frame the page presents. The frame is drawn once,
  // scaled to a quarter of its width (cheap on a CPU-only browser; the stamp's blocks are then 6 px, still read
  // from their 3x3 centres, and smeared or torn frames are rejected by the complementary rows).
  function watchVideo(video, onFrame) {
    const cv = document.createElement('canvas');
    const cx = cv.getContext('2d', { willReadFrequently: true });
    let stopped = false;
    const cb = (now, meta) => {
      if (stopped) return;
      const w = video.videoWidth, h = video.videoHeight;
      // performance time -> epoch ms, sampled at every frame so a clock step cannot bias a run
      const epochOffset = Date.now() - performance.now();
      if (w && h) {
        const cw = Math.round(w / 4), ch = Math.round(h / 4);
        if (cv.width !== cw || cv.height !== ch) { cv.width = cw; cv.height = ch; }
        cx.drawImage(video, 0, 0, w, h, 0, 0, cw, ch);
        const stripH = Math.ceil(48 * cw / 1280) + 1;
        const stamp = decodeStamp(cx.getImageData(0, 0, cw, stripH), cw);
        // centre 32x32 of the 160x160 flash box at (1080,520) of a 1280x720 frame, at the canvas scale
        const sx = Math.round(1144 * cw / 1280), sy = Math.round(584 * ch / 720), ss = Math.max(2, Math.round(32 * cw / 1280));
        const fd = cx.getImageData(sx, sy, ss, ss).data;
        let sum = 0;
        for (let i = 0; i < fd.length; i += 4) sum += fd[i] + fd[i + 1] + fd[i + 2];
        const flash = sum / (fd.length / 4 * 3) > 128;
        onFrame({ stamp, flash, displayEpochMs: epochOffset + meta.expectedDisplayTime,
          displayPerfMs: meta.expectedDisplayTime, presentedFrames: meta.presentedFrames, w, h });
      }
      video.requestVideoFrameCallback(cb);
    };
    video.requestVideoFrameCallback(cb);
    return () => { stopped = true; };
  }

  const WORKLET = `
  class Onset extends AudioWorkletProcessor {
    constructor() { super(); this.quiet = 0; }
    process(inputs) {
      const ch = inputs[0] && inputs[0][0];
      if (ch) {
        for (let i = 0; i < ch.length; i++) {
          if (Math.abs(ch[i]) > 0.1) {
            if (this.quiet > 0.3 * sampleRate) this.port.postMessage({ frame: currentFrame + i });
            this.quiet = 0;
          } else this.quiet++;
        }
      }
      return true;
    }
  }
  registerProcessor('lg-onset', Onset);`;

  // Calls onBeep({outputPerfMs}) at each beep onset (>= 300 ms of quiet, then |x| > 0.1) of the track. The time is
  // when that sample leaves the AudioContext (getOutputTimestamp mapping), i.e. the audio side of "glass".
  async function watchAudio(track, onBeep) {
    const ac = new AudioContext({ sampleRate: 48000, latencyHint: 'interactive' });
    const url = URL.createObjectURL(new Blob([WORKLET], { type: 'text/javascript' }));
    await ac.audioWorklet.addModule(url);
    const src = ac.createMediaStreamSource(new MediaStream([track]));
    const node = new AudioWorkletNode(ac, 'lg-onset');
    const mute = ac.createGain();
    mute.gain.value = 0;
    src.connect(node).connect(mute).connect(ac.destination);
    node.port.onmessage = (e) => {
      const ts = ac.getOutputTimestamp();
      const perf = ts.performanceTime + (e.data.frame / ac.sampleRate - ts.contextTime) * 1000;
      onBeep({ outputPerfMs: perf, baseLatencyMs: ac.baseLatency * 1000, outputLatencyMs: ac.outputLatency * 1000 });
    };
    await ac.resume();
    return ac;
  }

  g.LgMeasure = { decodeStamp, watchVideo, watchAudio };
})(window);
