package io.livegate.hls;

import io.livegate.codec.CodecLimits;
import io.livegate.codec.aac.AdtsHeader;
import io.livegate.codec.h264.AnnexB;
import io.livegate.codec.h264.H264NalType;
import io.livegate.codec.h265.H265NalType;
import io.livegate.media.Codec;
import io.livegate.media.CodecParameters;
import io.livegate.media.Frame;
import io.livegate.media.Payload;
import io.livegate.media.Track;
import io.livegate.router.PublishRequest;
import io.livegate.router.Publisher;
import io.livegate.router.StreamRegistry;
import io.livegate.testing.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test media made by ffmpeg: H.264 (raw Annex B with AUDs) and AAC (ADTS), split with the codec package into
 * frames with timestamps taken from ffprobe (so B-frame streams get real pts/dts), and published into a router.
 */
final class MediaFixture {

    final Track video;
    final Track audio;
    final List<Frame> frames;

    private MediaFixture(Track video, Track audio, List<Frame> frames) {
        this.video = video;
        this.audio = audio;
        this.frames = frames;
    }

    /**
     * Encodes {@code seconds} of test pattern and tone (1 s GOP, 30 fps) and loads it.
     *
     * @param bframes    B-frames per GOP run (0 for none)
     * @param sampleRate AAC sampling rate
     */
    static MediaFixture make(Path dir, String name, double seconds, int bframes, int sampleRate)
            throws IOException, InterruptedException {
        return make(dir, name, seconds, bframes, sampleRate, false);
    }

    /** As {@link #make(Path, String, double, int, int)}, in H.265 (libx265) when {@code hevc}. */
    static MediaFixture make(Path dir, String name, double seconds, int bframes, int sampleRate, boolean hevc)
            throws IOException, InterruptedException {
        Path src = dir.resolve(name + ".mp4");
        List<String> videoCodec = hevc
                ? List.of("-c:v", "libx265", "-preset", "ultrafast", "-x265-params",
                        "keyint=30:min-keyint=30:scenecut=0:bframes=" + bframes + ":log-level=error", "-tag:v", "hvc1")
                : List.of("-c:v", "libx264", "-preset", "ultrafast", "-profile:v", bframes > 0 ? "main" : "baseline",
                        "-g", "30", "-keyint_min", "30", "-sc_threshold", "0", "-bf", Integer.toString(bframes));
        List<String> encode = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=" + sampleRate,
                "-t", Double.toString(seconds)));
        encode.addAll(videoCodec);
        encode.addAll(List.of("-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k", "-ac", "2", src.toString()));
        Commands.run(dir, encode);
        Path h264 = dir.resolve(name + ".h264");
        Path aac = dir.resolve(name + ".aac");
        Commands.run(dir, List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-i", src.toString(),
                "-map", "0:v", "-c", "copy", "-bsf:v", hevc ? "hevc_mp4toannexb,hevc_metadata=aud=insert"
                        : "h264_mp4toannexb,h264_metadata=aud=insert", "-f", hevc ? "hevc" : "h264",
                h264.toString(),
                "-map", "0:a", "-c", "copy", "-f", "adts", aac.toString()));
        String probe = Commands.run(dir, List.of("ffprobe", "-v", "error", "-select_streams", "v", "-show_entries",
                "packet=pts_time,dts_time,flags", "-of", "csv=p=0", src.toString()));
        return load(Files.readAllBytes(h264), Files.readAllBytes(aac), probe, sampleRate, hevc);
    }

    private static MediaFixture load(byte[] h264, byte[] adts, String probe, int sampleRate, boolean hevc) {
        List<long[]> times = new ArrayList<>(); // {pts, dts} in 90 kHz
        for (String line : probe.split("\n")) {
            String[] f = line.trim().split(",");
            if (f.length < 2 || f[0].isEmpty()) {
                continue;
            }
            long pts = Math.round(Double.parseDouble(f[0]) * 90_000);
            long dts = f[1].equals("N/A") ? pts : Math.round(Double.parseDouble(f[1]) * 90_000);
            times.add(new long[] {pts, dts});
        }
        List<List<byte[]>> units = new ArrayList<>();
        List<byte[]> current = null;
        byte[] vps = null;
        byte[] sps = null;
        byte[] pps = null;
        // The whole file is split at once: lift the per-access-unit bounds.
        CodecLimits fileLimits = new CodecLimits(Integer.MAX_VALUE, 1_000_000, 256);
        for (byte[] nal : AnnexB.split(h264, 0, h264.length, fileLimits)) {
            int type = hevc ? (nal[0] >> 1) & 0x3F : H264NalType.of(nal);
            if (type == (hevc ? 35 : H264NalType.AUD)) {
                current = new ArrayList<>();
                units.add(current);
            }
            if (hevc && type == 32 && vps == null) {
                vps = nal;
            }
            if (type == (hevc ? 33 : H264NalType.SPS) && sps == null) {
                sps = nal;
            }
            if (type == (hevc ? 34 : H264NalType.PPS) && pps == null) {
                pps = nal;
            }
            if (current != null) {
                current.add(nal);
            }
        }
        if (units.size() != times.size()) {
            throw new IllegalStateException(units.size() + " access units but " + times.size() + " timestamps");
        }
        Track video = hevc
                ? new Track(0, Codec.H265, 90_000, new CodecParameters.H265Parameters(List.of(vps), List.of(sps),
                        List.of(pps)))
                : new Track(0, Codec.H264, 90_000, new CodecParameters.H264Parameters(List.of(sps), List.of(pps)));
        List<byte[]> aacFrames = AdtsHeader.splitPayloads(adts, 0, adts.length, 100_000);
        AdtsHeader first = AdtsHeader.parse(adts, 0, adts.length);
        Track audio = new Track(1, Codec.AAC, sampleRate,
                new CodecParameters.AacParameters(first.toAudioSpecificConfig().toBytes()));

        List<Frame> frames = new ArrayList<>();
        int vi = 0;
        int ai = 0;
        long firstDts = times.get(0)[1];
        while (vi < units.size() || ai < aacFrames.size()) {
            long vUs = vi < units.size() ? (times.get(vi)[1] - firstDts) * 1000 / 90 : Long.MAX_VALUE;
            long aUs = ai < aacFrames.size() ? (long) ai * 1024 * 1_000_000 / sampleRate : Long.MAX_VALUE;
            if (vUs <= aUs) {
                List<byte[]> au = units.get(vi);
                long[] t = times.get(vi);
                boolean key = hevc ? H265NalType.isKeyframe(au) : H264NalType.isKeyframe(au);
                frames.add(new Frame(0, t[0] - firstDts + 9000, t[1] - firstDts + 9000, key,
                        new Payload.NalUnits(au), 0));
                vi++;
            } else {
                long ts = (long) ai * 1024 + sampleRate / 10;
                frames.add(new Frame(1, ts, ts, true, new Payload.AacFrame(aacFrames.get(ai)), 0));
                ai++;
            }
        }
        return new MediaFixture(video, audio, frames);
    }

    /**
     * Video only, VP9 (libvpx) or AV1 (libaom) from an IVF file: 30 fps, keyframe every second, keyframe flags from
     * ffprobe.
     */
    static MediaFixture ivf(Path dir, String name, double seconds, boolean av1) throws IOException, InterruptedException {
        Path ivf = dir.resolve(name + ".ivf");
        List<String> codec = av1
                ? List.of("-c:v", "libaom-av1", "-usage", "realtime", "-cpu-used", "8", "-g", "30", "-keyint_min", "30")
                : List.of("-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-lag-in-frames", "0",
                        "-g", "30", "-keyint_min", "30");
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=30", "-t", Double.toString(seconds)));
        cmd.addAll(codec);
        cmd.addAll(List.of("-pix_fmt", "yuv420p", "-f", "ivf", ivf.toString()));
        Commands.run(dir, cmd);
        String probe = Commands.run(dir, List.of("ffprobe", "-v", "error", "-select_streams", "v", "-show_entries",
                "packet=flags", "-of", "csv=p=0", ivf.toString()));
        List<Boolean> keys = probe.lines().filter(l -> !l.isBlank()).map(l -> l.startsWith("K")).toList();
        byte[] b = Files.readAllBytes(ivf);
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int at = bb.getShort(6);
        int width = bb.getShort(12);
        int height = bb.getShort(14);
        List<Frame> frames = new ArrayList<>();
        Track video = null;
        int i = 0;
        while (at + 12 <= b.length) {
            int size = bb.getInt(at);
            byte[] data = java.util.Arrays.copyOfRange(b, at + 12, at + 12 + size);
            at += 12 + size;
            long ts = 9000 + i * 3000L;
            Payload payload;
            if (av1) {
                List<byte[]> obus = io.livegate.codec.av1.Av1Obu.dropTemporalDelimiters(
                        io.livegate.codec.av1.Av1Obu.split(data, 0, data.length));
                if (video == null) {
                    video = new Track(0, Codec.AV1, 90_000, new CodecParameters.Av1Parameters(
                            io.livegate.codec.av1.Av1Obu.sequenceHeader(obus)));
                }
                payload = new Payload.Av1TemporalUnit(obus);
            } else {
                if (video == null) {
                    video = new Track(0, Codec.VP9, 90_000, new CodecParameters.VpxParameters(0, 8, width, height));
                }
                payload = new Payload.VpxFrame(data);
            }
            frames.add(new Frame(0, ts, ts, keys.get(i), payload, 0));
            i++;
        }
        return new MediaFixture(video, null, frames);
    }

    /**
     * This fixture's video with its audio replaced by Opus (libopus, 48 kHz stereo, 20 ms packets, as WHIP sends),
     * the packets read out of an MP4 through {@code ffprobe -show_data}.
     */
    MediaFixture withOpusAudio(Path dir, double seconds) throws IOException, InterruptedException {
        Path mp4 = dir.resolve("opus.mp4");
        Commands.run(dir, List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=48000", "-t", Double.toString(seconds), "-c:a", "libopus", "-b:a",
                "64k", "-ac", "2", mp4.toString()));
        String dump = Commands.run(dir, List.of("ffprobe", "-v", "error", "-select_streams", "a", "-show_packets",
                "-show_data", mp4.toString()));
        List<byte[]> packets = new ArrayList<>();
        java.io.ByteArrayOutputStream current = null;
        for (String line : dump.split("\n")) {
            if (line.equals("data=")) {
                current = new java.io.ByteArrayOutputStream();
            } else if (line.equals("[/PACKET]") && current != null) {
                packets.add(current.toByteArray());
                current = null;
            } else if (current != null && line.length() > 10 && line.charAt(8) == ':') {
                String hex = line.substring(10, Math.min(line.length(), 49)).replace(" ", "");
                current.writeBytes(java.util.HexFormat.of().parseHex(hex));
            }
        }
        Track opus = new Track(1, Codec.OPUS, 48_000, new CodecParameters.OpusParameters(2, 312, 48_000));
        List<Frame> out = new ArrayList<>();
        int ai = 0;
        for (Frame f : frames) {
            if (f.trackId() != 0) {
                continue;
            }
            while (ai < packets.size() && (long) ai * 960 * 90_000 / 48_000 + 9000 <= f.dts()) {
                long ts = ai * 960L + 4800;
                out.add(new Frame(1, ts, ts, true, new Payload.OpusPacket(packets.get(ai)), 0));
                ai++;
            }
            out.add(f);
        }
        for (; ai < packets.size(); ai++) {
            long ts = ai * 960L + 4800;
            out.add(new Frame(1, ts, ts, true, new Payload.OpusPacket(packets.get(ai)), 0));
        }
        return new MediaFixture(video, opus, out);
    }

    /** Media time of a frame in microseconds. */
    long micros(Frame f) {
        return f.trackId() == 0 ? f.dts() * 1000 / 90 : f.dts() * 1_000_000 / audio.clockRate();
    }

    /**
     * Publishes every frame at {@code path}, paced to real time when {@code realtime}, then closes the publisher.
     * Runs on the calling thread.
     */
    void publish(StreamRegistry registry, String path, boolean realtime) throws Exception {
        publish(registry, path, realtime, () -> {
        });
    }

    /** As above; {@code beforeFrames} runs once the tracks are set, before the first frame. */
    void publish(StreamRegistry registry, String path, boolean realtime, Runnable beforeFrames) throws Exception {
        Publisher p = registry.publish(new PublishRequest(path, "test", "127.0.0.1:1", null), reason -> {
        });
        try {
            p.setTrack(video);
            if (audio != null) {
                p.setTrack(audio);
            }
            beforeFrames.run();
            long start = System.nanoTime();
            long base = micros(frames.get(0));
            for (Frame f : frames) {
                if (realtime) {
                    long due = start + (micros(f) - base) * 1000;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
                p.write(new Frame(f.trackId(), f.pts(), f.dts(), f.keyframe(), f.payload(), System.nanoTime()));
            }
        } finally {
            p.close();
        }
    }
}
