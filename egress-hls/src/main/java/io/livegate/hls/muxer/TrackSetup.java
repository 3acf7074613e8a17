package io.livegate.hls.muxer;

import io.livegate.codec.CodecException;
import io.livegate.codec.aac.AudioSpecificConfig;
import io.livegate.codec.h264.AvcDecoderConfig;
import io.livegate.codec.h264.H264Sps;
import io.livegate.hls.fmp4.Fmp4Track;
import io.livegate.hls.fmp4.SampleEntry;
import io.livegate.media.CodecParameters;
import io.livegate.media.Track;
import java.util.Locale;
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
                case CodecParameters.H264Parameters p -> h264(track, p);
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

    private static MuxerTrack h264(Track t, CodecParameters.H264Parameters p) {
        AvcDecoderConfig avcc = AvcDecoderConfig.of(p);
        H264Sps sps = H264Sps.parse(p.sps().get(0));
        String codecs = String.format(Locale.ROOT, "avc1.%02x%02x%02x", avcc.profileIdc(),
                avcc.profileCompatibility(), avcc.levelIdc());
        SampleEntry entry = new SampleEntry.Avc(sps.width(), sps.height(), avcc.toBytes());
        return video(t, entry, codecs, sps.width(), sps.height(), sps.frameRate());
    }

    private static MuxerTrack video(Track t, SampleEntry entry, String codecs, int w, int h, double fps) {
        double nominalFps = fps > 0 && fps <= 240 ? fps : DEFAULT_FPS;
        return new MuxerTrack(t, new Fmp4Track(VIDEO_TRACK_ID, t.clockRate(), entry), codecs, w, h,
                fps > 0 && fps <= 240 ? fps : 0, 0, Math.max(1, Math.round(t.clockRate() / nominalFps)));
    }

    private static MuxerTrack aac(Track t, CodecParameters.AacParameters p) {
        AudioSpecificConfig asc = AudioSpecificConfig.parse(p.audioSpecificConfig());
        SampleEntry entry = new SampleEntry.Mp4a(asc.outputChannels(), asc.sampleRate(), p.audioSpecificConfig());
        long nominal = Math.max(1, (long) asc.frameLength() * t.clockRate() / asc.sampleRate());
        return new MuxerTrack(t, new Fmp4Track(AUDIO_TRACK_ID, t.clockRate(), entry),
                "mp4a.40." + asc.signalledObjectType(), 0, 0, 0, asc.outputChannels(), nominal);
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
