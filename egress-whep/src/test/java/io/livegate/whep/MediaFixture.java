package io.livegate.whep;

import io.livegate.codec.CodecLimits;
import io.livegate.codec.aac.AdtsHeader;
import io.livegate.codec.h264.AnnexB;
import io.livegate.codec.h264.H264NalType;
import io.livegate.media.Codec;
import io.livegate.media.CodecParameters;
import io.livegate.media.Frame;
import io.livegate.media.Payload;
import io.livegate.media.Track;
import io.livegate.testing.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Test media made by ffmpeg: H.264 baseline (raw Annex B with AUDs, no B-frames so pts = dts at 30 fps) and
 * either AAC (ADTS) or Opus (Ogg, 20 ms packets), split into frames with the codec package.
 */
final class MediaFixture {

    final Track video;
    final Track audio;
    /** Frames in dts order; timestamps start at 0 in each track's clock. */
    final List<Frame> frames;
    /** Length in microseconds (one GOP multiple). */
    final long durationMicros;

    private MediaFixture(Track video, Track audio, List<Frame> frames, long durationMicros) {
        this.video = video;
        this.audio = audio;
        this.frames = frames;
        this.durationMicros = durationMicros;
    }

    /** {@code seconds} (whole) of testsrc2 {@code width}x{@code height}@30 with a 1 s GOP, and a tone. */
    static MediaFixture make(Path dir, int width, int height, int seconds, boolean opus)
            throws IOException, InterruptedException {
        return make(dir, width, height, seconds, opus, null);
    }

    /** As above at a constant video bitrate such as {@code 2500k} (null: x264's default quality). */
    static MediaFixture make(Path dir, int width, int height, int seconds, boolean opus, String videoBitrate)
            throws IOException, InterruptedException {
        List<String> rate = videoBitrate == null ? List.of() : List.of("-b:v", videoBitrate, "-maxrate", videoBitrate,
                "-bufsize", videoBitrate, "-x264-params", "nal-hrd=cbr");
        Path h264 = dir.resolve("v.h264");
        Path audioFile = dir.resolve(opus ? "a.ogg" : "a.aac");
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y",
                "-t", Integer.toString(seconds), "-f", "lavfi",
                "-i", "testsrc2=size=" + width + "x" + height + ":rate=30",
                "-t", Integer.toString(seconds), "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                "-map", "0:v", "-c:v", "libx264", "-preset", "ultrafast", "-profile:v", "baseline",
                "-g", "30", "-keyint_min", "30", "-sc_threshold", "0", "-bf", "0", "-pix_fmt", "yuv420p",
                "-bsf:v", "h264_metadata=aud=insert"));
        cmd.addAll(rate);
        cmd.addAll(List.of("-f", "h264", h264.toString(), "-map", "1:a", "-ac", "2",
                "-c:a", opus ? "libopus" : "aac", "-b:a", "64k", "-f", opus ? "ogg" : "adts", audioFile.toString()));
        Commands.run(dir, cmd);
        byte[] raw = Files.readAllBytes(h264);
        List<List<byte[]>> units = new ArrayList<>();
        List<byte[]> current = null;
        byte[] sps = null;
        byte[] pps = null;
        CodecLimits fileLimits = new CodecLimits(Integer.MAX_VALUE, 1_000_000, 256);
        for (byte[] nal : AnnexB.split(raw, 0, raw.length, fileLimits)) {
            int type = H264NalType.of(nal);
            if (type == H264NalType.AUD) {
                current = new ArrayList<>();
                units.add(current);
                continue;
            }
            if (type == H264NalType.SPS && sps == null) {
                sps = nal;
            }
            if (type == H264NalType.PPS && pps == null) {
                pps = nal;
            }
            if (current != null) {
                current.add(nal);
            }
        }
        Track video = new Track(0, Codec.H264, 90_000,
                new CodecParameters.H264Parameters(List.of(sps), List.of(pps)));
        List<Frame> videoFrames = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            List<byte[]> au = units.get(i);
            videoFrames.add(new Frame(0, i * 3000L, i * 3000L, H264NalType.isKeyframe(au), new Payload.NalUnits(au),
                    0));
        }
        byte[] audioBytes = Files.readAllBytes(audioFile);
        Track audio;
        List<Frame> audioFrames = new ArrayList<>();
        if (opus) {
            audio = new Track(1, Codec.OPUS, 48_000, new CodecParameters.OpusParameters(2, 312, 48_000));
            List<byte[]> packets = OggPackets.split(audioBytes);
            for (int i = 2; i < packets.size(); i++) { // skip OpusHead and OpusTags
                long ts = (i - 2) * 960L;
                audioFrames.add(new Frame(1, ts, ts, true, new Payload.OpusPacket(packets.get(i)), 0));
            }
        } else {
            AdtsHeader first = AdtsHeader.parse(audioBytes, 0, audioBytes.length);
            audio = new Track(1, Codec.AAC, 48_000,
                    new CodecParameters.AacParameters(first.toAudioSpecificConfig().toBytes()));
            List<byte[]> aac = AdtsHeader.splitPayloads(audioBytes, 0, audioBytes.length, 100_000);
            for (int i = 0; i < aac.size(); i++) {
                long ts = i * 1024L;
                audioFrames.add(new Frame(1, ts, ts, true, new Payload.AacFrame(aac.get(i)), 0));
            }
        }
        List<Frame> all = new ArrayList<>();
        int vi = 0;
        int ai = 0;
        long end = seconds * 1_000_000L;
        while (vi < videoFrames.size() || ai < audioFrames.size()) {
            long vUs = vi < videoFrames.size() ? videoFrames.get(vi).dts() * 1000 / 90 : Long.MAX_VALUE;
            long aUs = ai < audioFrames.size() ? audioFrames.get(ai).dts() * 1_000_000 / 48_000 : Long.MAX_VALUE;
            long next = Math.min(vUs, aUs);
            if (next >= end) {
                break;
            }
            all.add(vUs <= aUs ? videoFrames.get(vi++) : audioFrames.get(ai++));
        }
        return new MediaFixture(video, audio, all, end);
    }

    static long micros(Frame f) {
        return f.trackId() == 0 ? f.dts() * 1000 / 90 : f.dts() * 1_000_000 / 48_000;
    }

    /** Ogg pages (RFC 3533) to packets; enough for ffmpeg's single-stream Opus files. */
    static final class OggPackets {
        private OggPackets() {
        }

        static List<byte[]> split(byte[] b) {
            List<byte[]> out = new ArrayList<>();
            java.io.ByteArrayOutputStream packet = new java.io.ByteArrayOutputStream();
            int off = 0;
            while (off + 27 <= b.length) {
                if (b[off] != 'O' || b[off + 1] != 'g' || b[off + 2] != 'g' || b[off + 3] != 'S') {
                    throw new IllegalStateException("no Ogg page at " + off);
                }
                int segments = b[off + 26] & 0xFF;
                int data = off + 27 + segments;
                for (int s = 0; s < segments; s++) {
                    int lace = b[off + 27 + s] & 0xFF;
                    packet.write(b, data, lace);
                    data += lace;
                    if (lace < 255) {
                        out.add(packet.toByteArray());
                        packet.reset();
                    }
                }
                off = data;
            }
            return out;
        }
    }
}
