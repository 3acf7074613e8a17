package io.livegate.transcode;

import io.livegate.codec.aac.AudioSpecificConfig;
import io.livegate.media.Codec;
import io.livegate.media.CodecParameters;
import io.livegate.media.Track;
import io.livegate.transcode.aac.AacDecoder;
import io.livegate.transcode.opus.OpusFrameEncoder;
import io.livegate.transcode.resample.PolyphaseResampler;
import java.util.ArrayList;
import java.util.List;

/** Which tracks are transcoded, and the Opus track viewers see in their place. */
final class OpusTrackMapping {

    private OpusTrackMapping() {
    }

    /** An AAC track with a config the decoder and resampler handle; others pass through unchanged. */
    static boolean transcodable(Track t) {
        if (t.codec() != Codec.AAC || !(t.parameters() instanceof CodecParameters.AacParameters p)) {
            return false;
        }
        byte[] asc = p.audioSpecificConfig();
        if (!AacDecoder.supports(asc)) {
            return false;
        }
        AudioSpecificConfig c = AudioSpecificConfig.parse(asc);
        return PolyphaseResampler.supports(c.sampleRate(), OpusFrameEncoder.SAMPLE_RATE)
                && PolyphaseResampler.supports(c.outputSampleRate(), OpusFrameEncoder.SAMPLE_RATE);
    }

    /**
     * The Opus track replacing {@code aac}: same id, 48 kHz clock, always 2 channels (mono is sent as identical
     * stereo, see the README), pre-skip 0 because the transcoder already removed the encoder delay from the
     * timeline, and the AAC output rate as the original input rate.
     */
    static Track toOpus(Track aac) {
        byte[] asc = ((CodecParameters.AacParameters) aac.parameters()).audioSpecificConfig();
        int rate = AudioSpecificConfig.parse(asc).outputSampleRate();
        return new Track(aac.id(), Codec.OPUS, OpusFrameEncoder.SAMPLE_RATE,
                new CodecParameters.OpusParameters(OpusFrameEncoder.CHANNELS, 0, rate));
    }

    /** The list viewers see: transcodable AAC tracks replaced by their Opus track, the rest as they are. */
    static List<Track> map(List<Track> tracks) {
        List<Track> out = new ArrayList<>(tracks.size());
        for (Track t : tracks) {
            out.add(transcodable(t) ? toOpus(t) : t);
        }
        return List.copyOf(out);
    }
}
