package io.livegate.whip.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.livegate.media.Codec;
import io.livegate.media.CodecParameters;
import io.livegate.media.Frame;
import io.livegate.media.Payload;
import io.livegate.media.Track;
import io.livegate.testing.RecordingPublisher;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Track parameters from SDP and in band, and keyframe gating before frames reach the bus. */
class WhipPublisherTest {

    static final byte[] SPS = HexFormat.of().parseHex("6742c00dd90141fb0110000003001000000303c0f142a480");
    static final byte[] PPS = HexFormat.of().parseHex("68cb83cb20");

    private final RecordingPublisher bus = new RecordingPublisher("live/x");
    private final List<Track> tracks = bus.tracks;
    private final List<Frame> frames = bus.frames;

    private WhipPublisher publisher(Duration hold) {
        return new WhipPublisher(bus, new LipSync(0, hold, 100), "test");
    }

    private static Payload nals(byte[]... units) {
        return new Payload.NalUnits(List.of(units));
    }

    @Test
    void h264WaitsForAKeyframeWithParameterSetsAndAgainAfterALoss() {
        WhipPublisher p = publisher(Duration.ZERO);
        p.addTrack(0, Codec.H264, 90_000, 0, Map.of());
        byte[] slice = {0x41, 1};
        byte[] idr = {0x65, 1};
        p.sync().packet(0, 0, 0);
        p.frame(0, 0, false, nals(slice), 0);
        p.frame(0, 3000, true, nals(idr), 0); // keyframe, but no SPS/PPS known yet
        assertThat(tracks).isEmpty();
        assertThat(p.waitingForKeyframe(0)).isTrue();
        p.frame(0, 6000, true, nals(SPS, PPS, idr), 0);
        p.frame(0, 9000, false, nals(slice), 0);
        assertThat(tracks).singleElement().satisfies(t -> assertThat(t.parameters())
                .isEqualTo(new CodecParameters.H264Parameters(List.of(SPS), List.of(PPS))));
        assertThat(frames).extracting(Frame::keyframe).containsExactly(true, false);
        p.lost(0);
        p.frame(0, 12000, false, nals(slice), 0);
        p.frame(0, 15000, true, nals(idr), 0);
        assertThat(frames).hasSize(3);
        assertThat(frames.get(2).pts() - frames.get(0).pts()).isEqualTo(9000);
        assertThat(p.skipped(0)).isEqualTo(3);
        assertThat(p.frames(0)).isEqualTo(3);
    }

    @Test
    void spropParameterSetsGiveTheTrackBeforeInBandOnes() {
        WhipPublisher p = publisher(Duration.ZERO);
        String sprop = Base64.getEncoder().encodeToString(SPS) + "," + Base64.getEncoder().encodeToString(PPS);
        p.addTrack(0, Codec.H264, 90_000, 0, Map.of("sprop-parameter-sets", sprop));
        p.sync().packet(0, 0, 0);
        p.frame(0, 0, true, nals(new byte[] {0x65, 1}), 0);
        assertThat(tracks).singleElement().satisfies(t -> assertThat(t.codec()).isEqualTo(Codec.H264));
        assertThat(frames).hasSize(1);
        assertThat(WhipPublisher.spropH264(Map.of("sprop-parameter-sets", "!!,??"))).isNull();
    }

    @Test
    void opusIsATrackAtOnceAndVp8TakesItsSizeFromTheKeyframe() {
        WhipPublisher p = publisher(Duration.ZERO);
        p.addTrack(1, Codec.OPUS, 48_000, 2, Map.of("useinbandfec", "1"));
        p.addTrack(0, Codec.VP8, 90_000, 0, Map.of());
        p.sync().packet(1, 0, 0);
        p.frame(1, 0, true, new Payload.OpusPacket(new byte[] {(byte) 0xFC}), 0);
        // VP8 keyframe: tag (bit 0 clear = key, profile 0), start code, 640x360.
        byte[] key = {0x10, 0x02, 0x00, (byte) 0x9d, 0x01, 0x2a, (byte) 0x80, 0x02, 0x68, 0x01, 0};
        p.sync().packet(0, 0, 0);
        p.frame(0, 0, true, new Payload.VpxFrame(key), 0);
        assertThat(tracks).containsExactly(new Track(1, Codec.OPUS, 48_000, new CodecParameters.OpusParameters(2, 0,
                48_000)), new Track(0, Codec.VP8, 90_000, new CodecParameters.VpxParameters(0, 8, 640, 360)));
        assertThat(frames).hasSize(2);
    }
}
