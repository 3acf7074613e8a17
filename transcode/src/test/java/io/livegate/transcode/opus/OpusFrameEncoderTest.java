package io.livegate.transcode.opus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livegate.codec.opus.OpusToc;
import io.livegate.transcode.TestAudio;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpusFrameEncoderTest {

    @Test
    void encodesTwentyMillisecondStereoPacketsNearTheBitrateWithTheDocumentedDelay() throws Exception {
        OpusFrameEncoder e = new OpusFrameEncoder(96_000, 5);
        assertThat(e.lookahead()).isEqualTo(312);
        // A click train: one impulse every 100 ms, to find the delay without ambiguity.
        int frames = 100;
        short[] pcm = new short[960 * 2];
        List<byte[]> packets = new ArrayList<>();
        long bytes = 0;
        for (int f = 0; f < frames; f++) {
            for (int i = 0; i < 960; i++) {
                int t = f * 960 + i;
                short v = (short) (t % 4800 == 0 ? 20000 : Math.round(3000 * Math.sin(2 * Math.PI * 440 * t / 48000.0)));
                pcm[2 * i] = v;
                pcm[2 * i + 1] = v;
            }
            byte[] p = e.encode(pcm);
            assertThat(OpusToc.frameDurationSamples(p)).isEqualTo(960);
            packets.add(p);
            bytes += p.length;
        }
        double kbps = bytes * 8.0 / (frames * 0.02) / 1000;
        assertThat(kbps).isBetween(60.0, 130.0);
        float[][] out = TestAudio.decodeOpus(packets);
        double[] fit = TestAudio.fitSine(out[0], 9600 + 1000, 9600 + 4000, 440, 48_000);
        assertThat(fit[0]).isBetween(2700.0, 3300.0);
    }

    @Test
    void refusesImpossibleSettings() {
        assertThatThrownBy(() -> new OpusFrameEncoder(96_000, 42)).isInstanceOf(OpusEncodeException.class);
    }
}
