package io.livegate.codec.vp9;

import static io.livegate.codec.Hex.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.livegate.codec.CodecException;
import io.livegate.media.CodecParameters.VpxParameters;
import org.junit.jupiter.api.Test;

class Vp9FrameHeaderTest {

    /** First bytes of libvpx-vp9 frames (ffmpeg, 640x360, -deadline realtime). */
    static final byte[] LIBVPX_KEYFRAME = bytes("824983420027f016760438241c184a1007807fd9fa3e8fe7");
    static final byte[] LIBVPX_INTER = bytes("86004092f031400400826b5cdf0ebebad4f035045af81bbb");
    /** Profile 2 (yuv420p10le) key frame. */
    static final byte[] LIBVPX_PROFILE2_KEYFRAME = bytes("924983420013f80b3b031c120e0c2c0803b47fd9fa3e8fe7");
    /** The vpcC body ffmpeg's mp4 muxer wrote for the profile 0 stream. */
    static final byte[] FFMPEG_VPCC = bytes("010000000015820202020000");

    @Test
    void libvpxKeyframe() {
        Vp9FrameHeader h = Vp9FrameHeader.parse(LIBVPX_KEYFRAME);
        assertThat(h.profile()).isZero();
        assertThat(h.keyframe()).isTrue();
        assertThat(h.showFrame()).isTrue();
        assertThat(h.bitDepth()).isEqualTo(8);
        assertThat(h.subsamplingX()).isEqualTo(1);
        assertThat(h.subsamplingY()).isEqualTo(1);
        assertThat(h.width()).isEqualTo(640);
        assertThat(h.height()).isEqualTo(360);
        assertThat(h.toParameters()).isEqualTo(new VpxParameters(0, 8, 640, 360));
    }

    @Test
    void libvpxInterFrameHasNoSize() {
        Vp9FrameHeader h = Vp9FrameHeader.parse(LIBVPX_INTER);
        assertThat(h.keyframe()).isFalse();
        assertThat(h.intraOnly()).isFalse();
        assertThat(h.width()).isZero();
        assertThatThrownBy(h::toParameters).isInstanceOf(CodecException.class);
    }

    @Test
    void libvpxProfile2TenBit() {
        Vp9FrameHeader h = Vp9FrameHeader.parse(LIBVPX_PROFILE2_KEYFRAME);
        assertThat(h.profile()).isEqualTo(2);
        assertThat(h.bitDepth()).isEqualTo(10);
        assertThat(h.width()).isEqualTo(640);
        assertThat(h.height()).isEqualTo(360);
    }

    @Test
    void showExistingFrame() {
        // marker 10, profile 0, show_existing_frame 1, index 011
        Vp9FrameHeader h = Vp9FrameHeader.parse(bytes("8b"));
        assertThat(h.showExistingFrame()).isTrue();
        assertThat(h.keyframe()).isFalse();
    }

    @Test
    void vpcCFromFfmpegAndFromTheKeyframe() {
        Vp9CodecConfig c = Vp9CodecConfig.parse(FFMPEG_VPCC);
        assertThat(c.profile()).isZero();
        assertThat(c.level()).isEqualTo(21);
        assertThat(c.bitDepth()).isEqualTo(8);
        assertThat(c.chromaSubsampling()).isEqualTo(1);
        assertThat(c.videoFullRange()).isFalse();
        assertThat(c.toBytes()).isEqualTo(FFMPEG_VPCC);
        assertThat(Vp9CodecConfig.of(Vp9FrameHeader.parse(LIBVPX_KEYFRAME))).isEqualTo(c);
        assertThat(Vp9CodecConfig.levelFor(1280, 720)).isEqualTo(31);
        assertThat(Vp9CodecConfig.levelFor(1920, 1080)).isEqualTo(40);
        assertThat(Vp9CodecConfig.levelFor(0, 0)).isZero();
    }

    @Test
    void rejectsBadFrames() {
        assertThatThrownBy(() -> Vp9FrameHeader.parse(bytes("42"))).isInstanceOf(CodecException.class)
                .hasMessageContaining("frame_marker 1");
        assertThatThrownBy(() -> Vp9FrameHeader.parse(bytes("82498300"))).isInstanceOf(CodecException.class)
                .hasMessageContaining("frame_sync_code");
        assertThatThrownBy(() -> Vp9FrameHeader.parse(bytes("824983420027"))).isInstanceOf(CodecException.class)
                .hasFieldOrPropertyWithValue("reason", CodecException.Reason.TRUNCATED);
        assertThatThrownBy(() -> Vp9FrameHeader.parse(new byte[0])).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> Vp9CodecConfig.parse(bytes("0100000000158202020200"))).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> Vp9CodecConfig.parse(bytes("010000000015820202020001"))).isInstanceOf(CodecException.class)
                .hasFieldOrPropertyWithValue("reason", CodecException.Reason.TRUNCATED);
    }

    @FuzzTest(maxDuration = "10s")
    void fuzzParse(byte[] data) {
        try {
            Vp9FrameHeader h = Vp9FrameHeader.parse(data);
            assertThat(h.bitDepth()).isIn(8, 10, 12);
        } catch (CodecException expected) {
            // the only failure allowed
        }
        try {
            Vp9CodecConfig c = Vp9CodecConfig.parse(data);
            assertThat(Vp9CodecConfig.parse(c.toBytes())).isEqualTo(c);
        } catch (CodecException expected) {
            // the only failure allowed
        }
    }
}
