package io.livegate.rtc.srtp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

class SrtpContextFuzzTest {

    private static final SrtpKeys CM = new SrtpKeys(new byte[16], new byte[14], SrtpProfile.AES_CM_128_HMAC_SHA1_80);
    private static final SrtpKeys GCM = new SrtpKeys(new byte[16], new byte[12], SrtpProfile.AEAD_AES_128_GCM);

    /** Unprotecting arbitrary datagrams: only SrtpException may escape, for both profiles and both packet kinds. */
    @FuzzTest(maxDuration = "30s")
    void unprotectRejectsByName(byte[] data) {
        for (SrtpKeys keys : new SrtpKeys[] {CM, GCM}) {
            SrtpContext rx = new SrtpContext(keys, new SrtpLimits(4, 64));
            try {
                rx.unprotectRtp(Arrays.copyOf(data, data.length), 0, data.length);
            } catch (SrtpException expected) {
                // named rejection
            }
            try {
                rx.unprotectRtcp(Arrays.copyOf(data, data.length), 0, data.length);
            } catch (SrtpException expected) {
                // named rejection
            }
            SrtpContext tx = new SrtpContext(keys);
            byte[] room = Arrays.copyOf(data, data.length + 32);
            try {
                int n = tx.protectRtp(room, 0, data.length);
                byte[] back = Arrays.copyOf(room, n);
                int m = new SrtpContext(keys).unprotectRtp(back, 0, n);
                if (!Arrays.equals(Arrays.copyOf(back, m), data)) {
                    throw new AssertionError("protect/unprotect round trip changed the packet");
                }
            } catch (SrtpException expected) {
                // not an RTP packet
            }
        }
    }
}
