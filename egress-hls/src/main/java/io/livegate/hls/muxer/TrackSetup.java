package io.livegate.hls.muxer;

import io.livegate.codec.CodecException;
import io.livegate.codec.CodecStrings;
import io.livegate.codec.VideoInfo;
import io.livegate.codec.aac.AudioSpecificConfig;
import io.livegate.codec.av1.Av1CodecConfig;
import io.livegate.codec.h264.AvcDecoderConfig;
import io.livegate.codec.h265.HevcDecoderConfig;
import io.livegate.codec.vp9.Vp9CodecConfig;
import io.livegate.hls.fmp4.Fmp4Track;
import io.livegate.hls.fmp4.SampleEntry;
import io.livegate.media.Codec;
import io.livegate.media.CodecParameters;
import io.livegate.media.Track;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a router {@link Track} into what the muxer writes: sample entry, codec string, picture size. The one
 * place that switches on the codec; parameters are parsed by the {@code io.livegate.codec} packages.
 */
final class TrackSetup {

    private static final Logger LOG = LoggerFactory.getLogger(TrackSetup.class);
    /** fMP4 track ids of the two renditions (each rendition is its own file, so 1 would do; distinct helps logs). */
    static final int VIDEO_TRACK_ID = 1;
    static final int AUDIO_TRACK_ID = 2;
    /** Opus packets are 20 ms in practice (WebRTC, OBS); the real duration comes from the next packet. */
    private static final int OPUS_NOMINAL_SAMPLES = 960;
    private static final double DEFAULT_FPS = 30;

    private TrackSetup() {
    }

    /** The muxer's view of {@code track}, or null when HLS cannot carry it (codec, or parameters not yet known). */
    static MuxerTrack of(Track track) {
        if (track.parameters() == null) {
            return null;
        }
        try {
            return switch (track.parameters()) {
                case CodecParameters.H264Parameters p -> video(track, AvcDecoderConfig.of(p).toBytes());
                case CodecParameters.H265Parameters p -> video(track, HevcDecoderConfig.of(p).toBytes());
                case CodecParameters.Av1Parameters p -> video(track, Av1CodecConfig.of(p).toBytes());
                case CodecParameters.VpxParameters p when track.codec() == Codec.VP9 -> video(track, vpcC(p));
                case CodecParameters.AacParameters p -> aac(track, p);
                case CodecParameters.OpusParameters p -> opus(track, p);
                default -> {
                    LOG.info("hls skips track id={} codec={}: not supported in fMP4 HLS", track.id(), track.codec());
                    yield null;
                }
            };
        } catch (CodecException | IllegalArgumentException e) {
            LOG.warn("hls skips track id={} codec={}: bad parameters: {}", track.id(), track.codec(), e.getMessage());
            return null;
        }
    }

    /** The vpcC payload after its version and flags, from what the publisher said of the stream. */
    private static byte[] vpcC(CodecParameters.VpxParameters p) {
        int bitDepth = p.bitDepth() > 0 ? p.bitDepth() : 8;
        // 4:2:0 with chroma co-sited with luma (1) is what libvpx encodes; colour description unspecified (2).
        byte[] full = new Vp9CodecConfig(p.profile(), Vp9CodecConfig.levelFor(p.width(), p.height()), bitDepth, 1,
                false, 2, 2, 2, new byte[0]).toBytes();
        return Arrays.copyOfRange(full, 4, full.length);
    }

    /** A video track with its codec configuration record ({@code avcC}, {@code hvcC}, {@code av1C}, {@code vpcC}). */
    private static MuxerTrack video(Track t, byte[] config) {
        VideoInfo info = VideoInfo.of(t);
        int w = info.width();
        int h = info.height();
        if (w <= 0 || h <= 0) {
            throw new IllegalArgumentException("picture size unknown");
        }
        SampleEntry entry = switch (t.codec()) {
            case H264 -> new SampleEntry.Avc(w, h, config);
            case H265 -> new SampleEntry.Hevc(w, h, config);
            case AV1 -> new SampleEntry.Av1(w, h, config);
            default -> new SampleEntry.Vp9(w, h, config);
        };
        double fps = info.frameRate();
        boolean known = fps > 0 && fps <= 240;
        double nominalFps = known ? fps : DEFAULT_FPS;
        return new MuxerTrack(t, new Fmp4Track(VIDEO_TRACK_ID, t.clockRate(), entry), CodecStrings.of(t),
                w, h, known ? fps : 0, 0, Math.max(1, Math.round(t.clockRate() / nominalFps)));
    }

    private static MuxerTrack aac(Track t, CodecParameters.AacParameters p) {
        AudioSpecificConfig asc = AudioSpecificConfig.parse(p.audioSpecificConfig());
        SampleEntry entry = new SampleEntry.Mp4a(asc.outputChannels(), asc.sampleRate(), p.audioSpecificConfig());
        long nominal = Math.max(1, (long) asc.frameLength() * t.clockRate() / asc.sampleRate());
        return new MuxerTrack(t, new Fmp4Track(AUDIO_TRACK_ID, t.clockRate(), entry), CodecStrings.of(t), 0, 0, 0,
                asc.outputChannels(), nominal);
    }

    private static MuxerTrack opus(Track t, CodecParameters.OpusParameters p) {
        if (p.channels() < 1 || p.channels() > 2) {
            throw new IllegalArgumentException("Opus with " + p.channels() + " channels needs mapping family 1");
        }
        SampleEntry entry = new SampleEntry.Opus(p.channels(), p.preSkip(), p.inputSampleRate());
        long nominal = Math.max(1, (long) OPUS_NOMINAL_SAMPLES * t.clockRate() / 48_000);
        return new MuxerTrack(t, new Fmp4Track(AUDIO_TRACK_ID, t.clockRate(), entry), "opus", 0, 0, 0, p.channels(),
                nominal);
    }
}
