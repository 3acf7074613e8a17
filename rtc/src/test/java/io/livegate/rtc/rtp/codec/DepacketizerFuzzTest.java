package io.livegate.rtc.rtp.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.livegate.media.Codec;
import io.livegate.rtc.rtp.RtpHeader;
import io.livegate.rtc.rtp.RtpPacket;
import java.util.Arrays;

class DepacketizerFuzzTest {

    /**
     * Every depacketizer takes the input cut into up to four payloads (the first bytes give the cut points and
     * the marker/sequence pattern): only RtpCodecException may escape, and the limits hold.
     */
    @FuzzTest(maxDuration = "30s")
    void depacketizersRejectByName(byte[] data) {
        if (data.length < 4) {
            return;
        }
        DepacketizerLimits limits = new DepacketizerLimits(64 * 1024, 64);
        for (Codec codec : new Codec[] {Codec.H264, Codec.H265, Codec.VP8, Codec.VP9, Codec.AV1, Codec.OPUS}) {
            RtpDepacketizer d = PayloadFormats.depacketizer(codec, limits);
            int at = 4;
            for (int i = 0; i < 4 && at <= data.length; i++) {
                int n = Math.min(data[i] & 0x3F, data.length - at);
                if (i == 3) {
                    n = data.length - at;
                }
                byte[] payload = Arrays.copyOfRange(data, at, at + n);
                at += n;
                boolean marker = (data[i] & 0x80) != 0;
                int seq = (data[i] & 0x40) != 0 ? i + 1 : i;
                try {
                    d.push(new RtpPacket(RtpHeader.of(marker, 96, seq, 0, 1), payload));
                } catch (RtpCodecException e) {
                    // a named rejection is the expected outcome for junk
                }
            }
        }
    }
}
