package io.livegate.media;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Out-of-band parameters of a track, as the publisher sent them (sequence headers, SDP fmtp, in-band
 * parameter sets). Derived facts (resolution, profile, codec string) are parsed from these by the
 * {@code io.livegate.codec} packages. Equality compares bytes, so a repeated identical sequence header is
 * not a parameter change.
 */
public sealed interface CodecParameters {

    /** H.264 sequence and picture parameter sets (NAL units without start codes). */
    record H264Parameters(List<byte[]> sps, List<byte[]> pps) implements CodecParameters {
        public H264Parameters {
            sps = List.copyOf(sps);
            pps = List.copyOf(pps);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof H264Parameters p && Bytes.equal(sps, p.sps) && Bytes.equal(pps, p.pps);
        }

        @Override
        public int hashCode() {
            return Objects.hash(Bytes.hash(sps), Bytes.hash(pps));
        }
    }

    /** H.265 video, sequence and picture parameter sets (NAL units without start codes). */
    record H265Parameters(List<byte[]> vps, List<byte[]> sps, List<byte[]> pps) implements CodecParameters {
        public H265Parameters {
            vps = List.copyOf(vps);
            sps = List.copyOf(sps);
            pps = List.copyOf(pps);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof H265Parameters p && Bytes.equal(vps, p.vps) && Bytes.equal(sps, p.sps)
                    && Bytes.equal(pps, p.pps);
        }

        @Override
        public int hashCode() {
            return Objects.hash(Bytes.hash(vps), Bytes.hash(sps), Bytes.hash(pps));
        }
    }

    /** AV1: the sequence header OBU (with its header and size field), as in the av1C configOBUs. */
    record Av1Parameters(byte[] sequenceHeaderObu) implements CodecParameters {
        @Override
        public boolean equals(Object o) {
            return o instanceof Av1Parameters p && Arrays.equals(sequenceHeaderObu, p.sequenceHeaderObu);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(sequenceHeaderObu);
        }
    }

    /**
     * VP8 or VP9: what the publisher said of the picture (0 where unknown; VP8 has profile 0-3 and bit depth 8).
     * Resolution is also read from keyframes by the codec package.
     */
    record VpxParameters(int profile, int bitDepth, int width, int height) implements CodecParameters {
    }

    /** AAC: the AudioSpecificConfig (ISO/IEC 14496-3 1.6.2.1) bytes. */
    record AacParameters(byte[] audioSpecificConfig) implements CodecParameters {
        @Override
        public boolean equals(Object o) {
            return o instanceof AacParameters p && Arrays.equals(audioSpecificConfig, p.audioSpecificConfig);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(audioSpecificConfig);
        }
    }

    /** Opus: channel count and pre-skip as in the OpusHead (RFC 7845 5.1); the clock is always 48 kHz. */
    record OpusParameters(int channels, int preSkip, int inputSampleRate) implements CodecParameters {
    }

    /** Byte-list equality and hashing, for the records above and the codec packages' own records. */
    final class Bytes {
        private Bytes() {
        }

        public static boolean equal(List<byte[]> a, List<byte[]> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!Arrays.equals(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }

        public static int hash(List<byte[]> a) {
            int h = 1;
            for (byte[] x : a) {
                h = 31 * h + Arrays.hashCode(x);
            }
            return h;
        }
    }
}
