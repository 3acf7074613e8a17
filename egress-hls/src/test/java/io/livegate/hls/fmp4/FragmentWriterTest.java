package io.livegate.hls.fmp4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class FragmentWriterTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void oneSampleFragmentIsByteExact() {
        byte[] f = FragmentWriter.write(7, 1, 0x1_0000_0002L, List.of(new Sample(3000, 0, true, new byte[] {1, 2, 3})));
        String expected = ""
                + "00000068" + "6d6f6f66" // moof, 104 bytes
                + "00000010" + "6d666864" + "00000000" + "00000007" // mfhd seq 7
                + "00000050" + "74726166" // traf
                + "00000010" + "74666864" + "00020000" + "00000001" // tfhd default-base-is-moof, track 1
                + "00000014" + "74666474" + "01000000" + "0000000100000002" // tfdt v1, 64-bit time
                + "00000024" + "7472756e" + "01000f01" + "00000001" + "00000070" // trun v1, 1 sample, offset 112
                + "00000bb8" + "00000003" + "02000000" + "00000000" // duration, size, flags (sync), cto
                + "0000000b" + "6d646174" + "010203"; // mdat
        assertThat(HEX.formatHex(f)).isEqualTo(expected);
    }

    @Test
    void bFramesGetSignedCompositionOffsetsAndNonSyncFlags() {
        List<Sample> samples = List.of(
                new Sample(3000, 6000, true, new byte[10]),
                new Sample(3000, -3000, false, new byte[20]),
                new Sample(3000, 0, false, new byte[30]));
        byte[] f = FragmentWriter.write(1, 1, 9000, samples);
        List<BoxReader.Box> top = BoxReader.read(f);
        assertThat(top).extracting(BoxReader.Box::type).containsExactly("moof", "mdat");
        ByteBuffer trun = top.get(0).child("traf", "trun").buf();
        assertThat(trun.get(0)).isEqualTo((byte) 1); // version 1: signed offsets
        assertThat(trun.getInt(4)).isEqualTo(3);
        int dataOffset = trun.getInt(8);
        assertThat(dataOffset).isEqualTo(top.get(0).payload().length + 8 + 8); // moof size + mdat header
        assertThat(trun.getInt(12 + 12)).isEqualTo(6000);
        assertThat(trun.getInt(12 + 16 + 8)).isEqualTo(FragmentWriter.NON_SYNC_SAMPLE_FLAGS);
        assertThat(trun.getInt(12 + 16 + 12)).isEqualTo(-3000);
        assertThat(trun.getInt(12 + 32 + 4)).isEqualTo(30);
        assertThat(top.get(1).payload()).hasSize(60);
        assertThat(f[dataOffset]).isZero();
    }

    @Test
    void decodeTimesPastThirtyTwoBitsSurvive() {
        long t = 90_000L * 3600 * 24 * 400; // 400 days at 90 kHz
        byte[] f = FragmentWriter.write(1, 1, t, List.of(new Sample(1, 0, true, new byte[1])));
        ByteBuffer tfdt = BoxReader.read(f).get(0).child("traf", "tfdt").buf();
        assertThat(tfdt.get(0)).isEqualTo((byte) 1);
        assertThat(tfdt.getLong(4)).isEqualTo(t);
    }

    @Test
    void emptyFragmentsAreRefused() {
        assertThatThrownBy(() -> FragmentWriter.write(1, 1, 0, List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
