package io.livegate.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Test;

class BitReaderTest {

    @Test
    void readsBitsAcrossBytes() {
        BitReader r = new BitReader(new byte[] {(byte) 0b1010_1100, (byte) 0b0101_0011, (byte) 0xff});
        assertThat(r.readBit()).isEqualTo(1);
        assertThat(r.readBits(3)).isEqualTo(0b010);
        assertThat(r.readBits(8)).isEqualTo(0b1100_0101);
        assertThat(r.bitsLeft()).isEqualTo(12);
        assertThat(r.readBitsLong(12)).isEqualTo(0b0011_1111_1111);
        assertThat(r.bitsLeft()).isZero();
    }

    @Test
    void reads32And64BitFields() {
        BitReader r = new BitReader(Hex.bytes("fedcba9876543210 89abcdef"));
        assertThat(r.readBitsLong(64)).isEqualTo(0xfedcba9876543210L);
        assertThat(r.readBits(32)).isEqualTo(0x89abcdef);
    }

    @Test
    void expGolombTable() {
        // H.264 Table 9-2: codeNum 0..8 are 1, 010, 011, 00100, 00101, 00110, 00111, 0001000, 0001001
        // concatenated: 1 010 011 00100 00101 00110 00111 0001000 0001001 (+ padding ones)
        String bits = "1" + "010" + "011" + "00100" + "00101" + "00110" + "00111" + "0001000" + "0001001";
        BitReader r = new BitReader(toBytes(bits));
        for (int i = 0; i <= 8; i++) {
            assertThat(r.readUE()).isEqualTo(i);
        }
    }

    @Test
    void signedExpGolombMapsPerTable9_3() {
        String bits = "1" + "010" + "011" + "00100" + "00101";
        BitReader r = new BitReader(toBytes(bits));
        assertThat(new int[] {r.readSE(), r.readSE(), r.readSE(), r.readSE(), r.readSE()})
                .containsExactly(0, 1, -1, 2, -2);
    }

    @Test
    void largestUeValueAndOverflow() {
        // 31 zeros, 1, then 31 bits of ones = 2^32 - 2: above int range
        BitReader r = new BitReader(toBytes("0".repeat(31) + "1" + "1".repeat(31)));
        assertThatThrownBy(r::readUE).isInstanceOf(CodecException.class)
                .hasFieldOrPropertyWithValue("reason", CodecException.Reason.MALFORMED);
        BitReader tooMany = new BitReader(new byte[8]);
        assertThatThrownBy(tooMany::readUE).isInstanceOf(CodecException.class)
                .hasMessageContaining("31 leading zero");
        BitReader max = new BitReader(toBytes("0".repeat(30) + "1" + "1".repeat(30)));
        assertThat(max.readUE()).isEqualTo(Integer.MAX_VALUE - 1);
    }

    @Test
    void boundsChecked() {
        BitReader r = new BitReader(new byte[] {1, 2, 3}, 1, 1);
        assertThat(r.readBits(8)).isEqualTo(2);
        assertThatThrownBy(r::readBit).isInstanceOf(CodecException.class)
                .hasFieldOrPropertyWithValue("reason", CodecException.Reason.TRUNCATED)
                .hasMessageContaining("needs 1 more, 0 left");
        BitReader s = new BitReader(new byte[2]);
        assertThatThrownBy(() -> s.skip(17)).isInstanceOf(CodecException.class);
        s.skip(3);
        s.byteAlign();
        assertThat(s.position()).isEqualTo(8);
        assertThat(s.byteAligned()).isTrue();
        BitReader u = new BitReader(new byte[] {0});
        assertThatThrownBy(u::readUE).isInstanceOf(CodecException.class)
                .hasFieldOrPropertyWithValue("reason", CodecException.Reason.TRUNCATED);
    }

    @Test
    void rangeChecks() {
        BitReader r = new BitReader(toBytes("00101" + "00101"));
        assertThatThrownBy(() -> r.readUE("x", 3)).isInstanceOf(CodecException.class).hasMessageContaining("x 4 exceeds 3");
        assertThatThrownBy(() -> r.readSE("y", -1, 1)).isInstanceOf(CodecException.class).hasMessageContaining("y -2");
    }

    /** Any sequence of reads on any bytes either returns a value or fails with CodecException. */
    @FuzzTest(maxDuration = "10s")
    void fuzzReads(FuzzedDataProvider in) {
        int ops = in.consumeInt(0, 64);
        int[] kinds = new int[ops];
        for (int i = 0; i < ops; i++) {
            kinds[i] = in.consumeInt(0, 4);
        }
        BitReader r = new BitReader(in.consumeRemainingAsBytes());
        try {
            for (int kind : kinds) {
                long before = r.bitsLeft();
                switch (kind) {
                    case 0 -> r.readBit();
                    case 1 -> r.readBits(13);
                    case 2 -> assertThat(r.readUE()).isNotNegative();
                    case 3 -> r.readSE();
                    default -> r.readBitsLong(64);
                }
                assertThat(r.bitsLeft()).isLessThan(before);
            }
        } catch (CodecException expected) {
            // the only failure allowed
        }
    }

    static byte[] toBytes(String bits) {
        String padded = bits + "1".repeat((8 - bits.length() % 8) % 8);
        byte[] out = new byte[padded.length() / 8];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(padded.substring(i * 8, i * 8 + 8), 2);
        }
        return out;
    }
}
