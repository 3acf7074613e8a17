package io.livegate.whep.session;

import io.livegate.media.Codec;
import io.livegate.rtc.rtp.RtpPacket;
import io.livegate.rtc.sdp.NegotiatedCodec;
import io.livegate.rtc.srtp.SrtpContext;
import io.livegate.rtc.srtp.SrtpKeys;
import io.livegate.rtc.srtp.SrtpProfile;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.Map;

/**
 * The per-viewer cost of one video packet on the send path, without the socket: header rewrite and history
 * ({@link OutboundTrack#next}), write into a pooled buffer, SRTP protect, release. Not a test: run with
 * {@code java -cp <test classpath> io.livegate.whep.session.WhepSendPathBench [seconds]}.
 */
public final class WhepSendPathBench {

    private WhepSendPathBench() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        byte[] payload = new byte[1200];
        for (SrtpProfile profile : new SrtpProfile[] {SrtpProfile.AEAD_AES_128_GCM,
                SrtpProfile.AES_CM_128_HMAC_SHA1_80}) {
            SrtpContext srtp = new SrtpContext(new SrtpKeys(new byte[profile.keyLength()],
                    new byte[profile.saltLength()], profile));
            OutboundTrack t = new OutboundTrack("video", 90_000);
            t.bind(new NegotiatedCodec(Codec.H264, 108, 90_000, 0, Map.of(), 109));
            run(t, srtp, payload, 1.0); // warm up
            long n = run(t, srtp, payload, seconds);
            double perPacketUs = seconds * 1e6 / n;
            double gbps = n * (payload.length + 12 + profile.rtpTagLength()) * 8 / seconds / 1e9;
            System.out.printf("%s: %.2f us/packet, %.0f packets/s, %.2f Gbit/s of SRTP per core%n", profile,
                    perPacketUs, n / seconds, gbps);
        }
    }

    private static long run(OutboundTrack t, SrtpContext srtp, byte[] payload, double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long n = 0;
        long ts = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 256; i++) {
                RtpPacket p = t.next(payload, (i & 7) == 7, ts, 0);
                ByteBuf buf = PooledByteBufAllocator.DEFAULT.heapBuffer(p.encodedLength()
                        + srtp.profile().rtpTagLength());
                p.writeTo(buf);
                srtp.protectRtp(buf);
                buf.release();
                ts += (i & 7) == 7 ? 3000 : 0;
            }
            n += 256;
        }
        return n;
    }
}
