package io.livegate.rtc.srtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class SrtpContextTest {

    private static SrtpKeys keys(SrtpProfile p, int seed) {
        Random r = new Random(seed);
        byte[] k = new byte[p.keyLength()];
        byte[] s = new byte[p.saltLength()];
        r.nextBytes(k);
        r.nextBytes(s);
        return new SrtpKeys(k, s, p);
    }

    static byte[] rtp(int seq, int ssrc, int payloadLen, boolean extension) {
        int hdr = 12 + (extension ? 8 : 0);
        byte[] b = new byte[hdr + payloadLen];
        b[0] = (byte) (extension ? 0x90 : 0x80);
        b[1] = 96;
        b[2] = (byte) (seq >>> 8);
        b[3] = (byte) seq;
        b[7] = 1;
        AesCmHmacTransform.putInt(b, 8, ssrc);
        if (extension) {
            b[12] = (byte) 0xBE;
            b[13] = (byte) 0xDE;
            b[15] = 1;
            b[16] = 0x10;
            b[17] = 0x42;
        }
        for (int i = hdr; i < b.length; i++) {
            b[i] = (byte) (i * 7);
        }
        return b;
    }

    private static byte[] protect(SrtpContext tx, byte[] plain) {
        byte[] b = Arrays.copyOf(plain, plain.length + 32);
        return Arrays.copyOf(b, tx.protectRtp(b, 0, plain.length));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rtpRoundTripsAndCiphertextDiffers(SrtpProfile p) {
        SrtpContext tx = new SrtpContext(keys(p, 1));
        SrtpContext rx = new SrtpContext(keys(p, 1));
        for (int seq = 100; seq < 110; seq++) {
            byte[] plain = rtp(seq, 0x11223344, 1200, seq % 2 == 0);
            byte[] sealed = protect(tx, plain);
            assertThat(sealed).hasSize(plain.length + p.rtpTagLength());
            assertThat(Arrays.copyOfRange(sealed, 30, 60)).isNotEqualTo(Arrays.copyOfRange(plain, 30, 60));
            int n = rx.unprotectRtp(sealed, 0, sealed.length);
            assertThat(Arrays.copyOf(sealed, n)).isEqualTo(plain);
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rtcpRoundTrips(SrtpProfile p) {
        SrtpContext tx = new SrtpContext(keys(p, 2));
        SrtpContext rx = new SrtpContext(keys(p, 2));
        byte[] rtcp = new byte[28];
        rtcp[0] = (byte) 0x81;
        rtcp[1] = (byte) 201;
        rtcp[3] = 6;
        AesCmHmacTransform.putInt(rtcp, 4, 0xCAFEBABE);
        for (int i = 8; i < rtcp.length; i++) {
            rtcp[i] = (byte) i;
        }
        for (int i = 0; i < 3; i++) {
            byte[] b = Arrays.copyOf(rtcp, rtcp.length + p.rtcpOverhead());
            int n = tx.protectRtcp(b, 0, rtcp.length);
            assertThat(n).isEqualTo(rtcp.length + p.rtcpOverhead());
            int m = rx.unprotectRtcp(b, 0, n);
            assertThat(Arrays.copyOf(b, m)).isEqualTo(rtcp);
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rocAdvancesAcrossSequenceWrap(SrtpProfile p) {
        SrtpContext tx = new SrtpContext(keys(p, 3));
        SrtpContext rx = new SrtpContext(keys(p, 3));
        int seq = 65530;
        for (int i = 0; i < 12; i++, seq = (seq + 1) & 0xFFFF) {
            byte[] plain = rtp(seq, 7, 100, false);
            byte[] sealed = protect(tx, plain);
            assertThat(Arrays.copyOf(sealed, rx.unprotectRtp(sealed, 0, sealed.length))).isEqualTo(plain);
        }
        assertThat(rx.estimateIndex(7, 10)).isEqualTo((1L << 16) | 10);
        // A late packet from before the wrap still maps to ROC 0 and decrypts.
        SrtpContext tx2 = new SrtpContext(keys(p, 3));
        tx2.setIndex(7, 65529);
        byte[] late = protect(tx2, rtp(65529, 7, 100, false));
        assertThat(rx.unprotectRtp(late, 0, late.length)).isEqualTo(112);
    }

    @Test
    void wrongRocGuessFailsAuthentication() {
        SrtpProfile p = SrtpProfile.AES_CM_128_HMAC_SHA1_80;
        SrtpContext tx = new SrtpContext(keys(p, 4));
        tx.setIndex(9, (5L << 16) | 1000);
        byte[] sealed = protect(tx, rtp(1001, 9, 50, false));
        SrtpContext rx = new SrtpContext(keys(p, 4));
        assertThatThrownBy(() -> rx.unprotectRtp(sealed, 0, sealed.length))
                .extracting("reason").isEqualTo(SrtpException.Reason.AUTH_FAILED);
        rx.setIndex(9, (5L << 16) | 999);
        assertThat(rx.unprotectRtp(sealed, 0, sealed.length)).isEqualTo(62);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void replayedAndTooOldPacketsAreRejected(SrtpProfile p) {
        SrtpContext tx = new SrtpContext(keys(p, 5));
        SrtpContext rx = new SrtpContext(keys(p, 5), new SrtpLimits(4, 64));
        byte[][] sealed = new byte[200][];
        for (int i = 0; i < 200; i++) {
            sealed[i] = protect(tx, rtp(i, 1, 20, false));
        }
        byte[] first = sealed[0].clone();
        rx.unprotectRtp(sealed[0], 0, sealed[0].length);
        assertThatThrownBy(() -> rx.unprotectRtp(first, 0, first.length))
                .extracting("reason").isEqualTo(SrtpException.Reason.REPLAYED);
        // Out of order inside the window is fine.
        rx.unprotectRtp(sealed[150], 0, sealed[150].length);
        rx.unprotectRtp(sealed[100], 0, sealed[100].length);
        assertThatThrownBy(() -> rx.unprotectRtp(sealed[50], 0, sealed[50].length))
                .extracting("reason").isEqualTo(SrtpException.Reason.REPLAYED);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void tamperedTagHeaderOrPayloadIsRejected(SrtpProfile p) {
        SrtpContext tx = new SrtpContext(keys(p, 6));
        byte[] sealed = protect(tx, rtp(1, 1, 64, false));
        for (int at : new int[] {1, 20, sealed.length - 1}) {
            SrtpContext rx = new SrtpContext(keys(p, 6));
            byte[] b = sealed.clone();
            b[at] ^= 0x01;
            assertThatThrownBy(() -> rx.unprotectRtp(b, 0, b.length))
                    .isInstanceOf(SrtpException.class).extracting("reason").isEqualTo(SrtpException.Reason.AUTH_FAILED);
            // A failed packet does not poison the replay window.
            assertThat(rx.unprotectRtp(sealed.clone(), 0, sealed.length)).isEqualTo(76);
        }
    }

    @Test
    void rtcpReplayIsRejected() {
        SrtpProfile p = SrtpProfile.AES_CM_128_HMAC_SHA1_80;
        SrtpContext tx = new SrtpContext(keys(p, 7));
        SrtpContext rx = new SrtpContext(keys(p, 7));
        byte[] b = new byte[8 + 14];
        b[0] = (byte) 0x80;
        b[1] = (byte) 200;
        b[3] = 1;
        int n = tx.protectRtcp(b, 0, 8);
        byte[] copy = Arrays.copyOf(b, n);
        rx.unprotectRtcp(b, 0, n);
        assertThatThrownBy(() -> rx.unprotectRtcp(copy, 0, copy.length))
                .extracting("reason").isEqualTo(SrtpException.Reason.REPLAYED);
    }

    @Test
    void malformedPacketsAreNamedFailures() {
        SrtpContext rx = new SrtpContext(keys(SrtpProfile.AES_CM_128_HMAC_SHA1_80, 8));
        byte[] shortPacket = new byte[15];
        assertThatThrownBy(() -> rx.unprotectRtp(shortPacket, 0, 15)).extracting("reason")
                .isEqualTo(SrtpException.Reason.MALFORMED);
        byte[] badCsrc = new byte[30];
        badCsrc[0] = (byte) 0x8F;
        assertThatThrownBy(() -> rx.unprotectRtp(badCsrc, 0, 30)).extracting("reason")
                .isEqualTo(SrtpException.Reason.MALFORMED);
        SrtpContext tx = new SrtpContext(keys(SrtpProfile.AES_CM_128_HMAC_SHA1_80, 8));
        byte[] full = rtp(1, 1, 10, false);
        assertThatThrownBy(() -> tx.protectRtp(full, 0, full.length)).extracting("reason")
                .isEqualTo(SrtpException.Reason.NO_ROOM);
    }

    @Test
    void ssrcCountIsBounded() {
        SrtpProfile p = SrtpProfile.AES_CM_128_HMAC_SHA1_80;
        SrtpContext tx = new SrtpContext(keys(p, 9), new SrtpLimits(2, 64));
        protect(tx, rtp(1, 1, 10, false));
        protect(tx, rtp(1, 2, 10, false));
        assertThatThrownBy(() -> protect(tx, rtp(1, 3, 10, false))).extracting("reason")
                .isEqualTo(SrtpException.Reason.TOO_MANY_SSRCS);
    }

    @Test
    void forgedPacketsDoNotUseUpSsrcSlots() {
        SrtpProfile p = SrtpProfile.AES_CM_128_HMAC_SHA1_80;
        SrtpContext rx = new SrtpContext(keys(p, 12), new SrtpLimits(2, 64));
        for (int ssrc = 100; ssrc < 110; ssrc++) {
            byte[] forged = Arrays.copyOf(rtp(1, ssrc, 20, false), 42);
            assertThatThrownBy(() -> rx.unprotectRtp(forged, 0, forged.length)).extracting("reason")
                    .isEqualTo(SrtpException.Reason.AUTH_FAILED);
        }
        SrtpContext tx = new SrtpContext(keys(p, 12));
        byte[] a = protect(tx, rtp(1, 1, 20, false));
        byte[] b = protect(tx, rtp(1, 2, 20, false));
        byte[] c = protect(tx, rtp(1, 3, 20, false));
        rx.unprotectRtp(a, 0, a.length);
        rx.unprotectRtp(b, 0, b.length);
        assertThatThrownBy(() -> rx.unprotectRtp(c, 0, c.length)).extracting("reason")
                .isEqualTo(SrtpException.Reason.TOO_MANY_SSRCS);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void byteBufHeapAndDirectGiveTheSameBytes(SrtpProfile p) {
        byte[] plain = rtp(77, 5, 300, true);
        ByteBuf heap = Unpooled.buffer(plain.length).writeBytes(plain);
        ByteBuf direct = Unpooled.directBuffer(plain.length).writeBytes(plain);
        try {
            new SrtpContext(keys(p, 10)).protectRtp(heap);
            new SrtpContext(keys(p, 10)).protectRtp(direct);
            assertThat(heap).isEqualTo(direct);
            assertThat(heap.readableBytes()).isEqualTo(plain.length + p.rtpTagLength());
            SrtpContext rx = new SrtpContext(keys(p, 10));
            rx.unprotectRtp(direct);
            assertThat(direct).isEqualTo(Unpooled.wrappedBuffer(plain));
        } finally {
            heap.release();
            direct.release();
        }
    }

    @Test
    void gcmCanSendTheSamePacketTwice() {
        // NACK retransmission without RTX reuses the index; the JDK's IV-reuse guard must not break it.
        SrtpContext tx = new SrtpContext(keys(SrtpProfile.AEAD_AES_128_GCM, 11));
        byte[] a = protect(tx, rtp(5, 5, 40, false));
        byte[] b = protect(tx, rtp(5, 5, 40, false));
        assertThat(a).isEqualTo(b);
    }
}
