package io.livegate.rtc.signaling;

import io.livegate.rtc.dtls.DtlsRole;
import io.livegate.rtc.dtls.SrtpKeyingMaterial;
import io.livegate.rtc.srtp.SrtpContext;
import io.livegate.rtc.srtp.SrtpKeys;
import io.livegate.rtc.srtp.SrtpProfile;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;

/**
 * The two SRTP contexts of one WebRTC session, keyed from its DTLS-SRTP exporter output (RFC 5764 4.2): {@code in}
 * unprotects what the peer sends, {@code out} protects what we send. Each context belongs to one thread (the
 * session's event loop).
 */
public record SessionSrtp(SrtpContext in, SrtpContext out) {

    /** The contexts for our side, {@code localRole} of the DTLS handshake. */
    public static SessionSrtp of(SrtpKeyingMaterial keys, DtlsRole localRole) {
        SrtpProfile profile = SrtpProfile.fromDtlsId(keys.profile().id());
        return new SessionSrtp(
                new SrtpContext(new SrtpKeys(keys.unprotectKey(localRole), keys.unprotectSalt(localRole), profile)),
                new SrtpContext(new SrtpKeys(keys.protectKey(localRole), keys.protectSalt(localRole), profile)));
    }

    public SrtpProfile profile() {
        return out.profile();
    }

    /** One compound RTCP packet SRTCP-protected into a new pooled buffer that the caller owns (and sends). */
    public ByteBuf protectRtcp(byte[] compound) {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.heapBuffer(compound.length + out.profile().rtcpOverhead());
        try {
            buf.writeBytes(compound);
            out.protectRtcp(buf);
            return buf;
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
    }
}
