package io.livegate.rtc.srtp;

import io.livegate.rtc.srtp.SrtpException.Reason;
import io.livegate.rtc.srtp.SrtpKeyDerivation.SessionKeys;
import io.netty.buffer.ByteBuf;

/**
 * The SRTP/SRTCP crypto context of one direction: {@code new SrtpContext(pair.local())} protects what we
 * send, {@code new SrtpContext(pair.remote())} unprotects what we receive. Per-SSRC state (ROC, replay
 * windows, SRTCP index) is kept inside, bounded by {@link SrtpLimits#maxSsrcs()}.
 *
 * <p>All methods work in place. The {@code byte[]} forms take (offset, length) and return the new length;
 * protect needs {@link SrtpProfile#rtpTagLength()} (RTP) or {@link SrtpProfile#rtcpOverhead()} (RTCP) spare
 * bytes after the packet. The {@link ByteBuf} forms act on the readable bytes and move the writer index.
 * Not thread-safe: the JCE objects are reused per packet, so use one context from one event loop.
 */
public final class SrtpContext {

    private static final int RTP_MIN = 12;

    private final SrtpProfile profile;
    private final SrtpTransform transform;
    private final SsrcTable ssrcs;
    private byte[] scratch = new byte[0];

    public SrtpContext(SrtpKeys keys) {
        this(keys, SrtpLimits.DEFAULT);
    }

    public SrtpContext(SrtpKeys keys, SrtpLimits limits) {
        this(keys.profile(), SrtpKeyDerivation.sessionKeys(keys, false), SrtpKeyDerivation.sessionKeys(keys, true),
                limits);
    }

    /** From session keys directly: the RFC test vectors give those. */
    SrtpContext(SrtpProfile profile, SessionKeys rtp, SessionKeys rtcp, SrtpLimits limits) {
        this.profile = profile;
        this.transform = profile.isAead() ? new AesGcmTransform(rtp, rtcp) : new AesCmHmacTransform(profile, rtp, rtcp);
        this.ssrcs = new SsrcTable(limits);
    }

    public SrtpProfile profile() {
        return profile;
    }

    /** Encrypts and authenticates an RTP packet in place; returns the SRTP length (len + tag). */
    public int protectRtp(byte[] b, int off, int len) {
        int headerLen = rtpHeaderLength(b, off, len);
        need(b, off, len, profile.rtpTagLength());
        int ssrc = getInt(b, off + 8);
        int seq = ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
        SsrcState s = ssrcs.get(ssrc);
        long index = s.estimateIndex(seq);
        if (index < 0) {
            index = seq; // sending never goes back before the first packet; restart the count
        }
        int n = transform.protectRtp(b, off, len, headerLen, ssrc, index);
        s.update(index);
        return n;
    }

    /**
     * Verifies, replay-checks and decrypts an SRTP packet in place; returns the RTP length.
     *
     * @throws SrtpException MALFORMED, REPLAYED, AUTH_FAILED or TOO_MANY_SSRCS; the packet must be dropped
     */
    public int unprotectRtp(byte[] b, int off, int len) {
        int tag = profile.rtpTagLength();
        if (len < RTP_MIN + tag) {
            throw new SrtpException(Reason.MALFORMED, "SRTP packet of " + len + " bytes, need " + (RTP_MIN + tag));
        }
        int headerLen = rtpHeaderLength(b, off, len - tag);
        int ssrc = getInt(b, off + 8);
        int seq = ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
        // State is created only once a packet authenticates, so forged SSRCs cannot fill the table.
        SsrcState known = ssrcs.find(ssrc);
        SsrcState s = known != null ? known : ssrcs.candidate(ssrc);
        long index = s.estimateIndex(seq);
        if (index < 0 || !s.rtpReplay.check(index)) {
            throw new SrtpException(Reason.REPLAYED, "SRTP index " + index + " ssrc=" + Integer.toUnsignedString(ssrc)
                    + " replayed or older than the window");
        }
        if (known == null) {
            requireRoom(ssrc);
        }
        int n = transform.unprotectRtp(b, off, len, headerLen, ssrc, index);
        if (known == null) {
            ssrcs.add(s);
        }
        s.rtpReplay.accept(index);
        s.update(index);
        return n;
    }

    /** Encrypts and authenticates an RTCP compound packet in place; returns the SRTCP length. */
    public int protectRtcp(byte[] b, int off, int len) {
        if (len < 8) {
            throw new SrtpException(Reason.MALFORMED, "RTCP packet of " + len + " bytes, need 8");
        }
        need(b, off, len, profile.rtcpOverhead());
        int ssrc = getInt(b, off + 4);
        SsrcState s = ssrcs.get(ssrc);
        int index = s.nextSrtcpIndex;
        s.nextSrtcpIndex = (index + 1) & 0x7FFFFFFF;
        return transform.protectRtcp(b, off, len, ssrc, index);
    }

    /** Verifies, replay-checks and decrypts an SRTCP packet in place; returns the RTCP length. */
    public int unprotectRtcp(byte[] b, int off, int len) {
        int min = 8 + profile.rtcpOverhead();
        if (len < min) {
            throw new SrtpException(Reason.MALFORMED, "SRTCP packet of " + len + " bytes, need " + min);
        }
        int ssrc = getInt(b, off + 4);
        int indexWord = profile.isAead() ? getInt(b, off + len - 4) : getInt(b, off + len - profile.rtcpTagLength() - 4);
        long index = indexWord & 0x7FFFFFFFL;
        SsrcState known = ssrcs.find(ssrc);
        SsrcState s = known != null ? known : ssrcs.candidate(ssrc);
        if (!s.rtcpReplay.check(index)) {
            throw new SrtpException(Reason.REPLAYED, "SRTCP index " + index + " ssrc=" + Integer.toUnsignedString(ssrc)
                    + " replayed or older than the window");
        }
        if (known == null) {
            requireRoom(ssrc);
        }
        int n = transform.unprotectRtcp(b, off, len, ssrc, indexWord);
        if (known == null) {
            ssrcs.add(s);
        }
        s.rtcpReplay.accept(index);
        return n;
    }

    /** {@link #protectRtp(byte[], int, int)} on the readable bytes; grows the buffer for the tag if needed. */
    public void protectRtp(ByteBuf buf) {
        buf.ensureWritable(profile.rtpTagLength());
        apply(buf, Op.PROTECT_RTP, profile.rtpTagLength());
    }

    public void unprotectRtp(ByteBuf buf) {
        apply(buf, Op.UNPROTECT_RTP, 0);
    }

    public void protectRtcp(ByteBuf buf) {
        buf.ensureWritable(profile.rtcpOverhead());
        apply(buf, Op.PROTECT_RTCP, profile.rtcpOverhead());
    }

    public void unprotectRtcp(ByteBuf buf) {
        apply(buf, Op.UNPROTECT_RTCP, 0);
    }

    private enum Op { PROTECT_RTP, UNPROTECT_RTP, PROTECT_RTCP, UNPROTECT_RTCP }

    private void apply(ByteBuf buf, Op op, int grow) {
        int r = buf.readerIndex();
        int len = buf.readableBytes();
        byte[] b;
        int off;
        if (buf.hasArray()) {
            b = buf.array();
            off = buf.arrayOffset() + r;
        } else {
            // Direct buffer: one copy through the scratch array (JCE copies direct buffers anyway).
            if (scratch.length < len + grow) {
                scratch = new byte[Math.max(len + grow, 1500)];
            }
            b = scratch;
            off = 0;
            buf.getBytes(r, b, 0, len);
        }
        int n = switch (op) {
            case PROTECT_RTP -> protectRtp(b, off, len);
            case UNPROTECT_RTP -> unprotectRtp(b, off, len);
            case PROTECT_RTCP -> protectRtcp(b, off, len);
            case UNPROTECT_RTCP -> unprotectRtcp(b, off, len);
        };
        if (!buf.hasArray()) {
            buf.setBytes(r, b, 0, n);
        }
        buf.writerIndex(r + n);
    }

    /** Refuses a new SSRC before decrypting when the table is full (the packet would be dropped anyway). */
    private void requireRoom(int ssrc) {
        if (ssrcs.full()) {
            throw new SrtpException(Reason.TOO_MANY_SSRCS, "ssrc " + Integer.toUnsignedString(ssrc)
                    + " would exceed the SSRC limit");
        }
    }

    private static void need(byte[] b, int off, int len, int extra) {
        if (b.length - off - len < extra) {
            throw new SrtpException(Reason.NO_ROOM, "need " + extra + " bytes after the packet, have "
                    + (b.length - off - len));
        }
    }

    /** RTP fixed header, CSRCs and extension: the part SRTP leaves in clear (RFC 3550 5.1, 5.3.1). */
    static int rtpHeaderLength(byte[] b, int off, int len) {
        if (len < RTP_MIN) {
            throw new SrtpException(Reason.MALFORMED, "RTP packet of " + len + " bytes, need 12");
        }
        int first = b[off] & 0xFF;
        if ((first >>> 6) != 2) {
            throw new SrtpException(Reason.MALFORMED, "RTP version " + (first >>> 6) + ", need 2");
        }
        int n = RTP_MIN + 4 * (first & 0x0F);
        if ((first & 0x10) != 0) {
            if (n + 4 > len) {
                throw new SrtpException(Reason.MALFORMED, "extension header at " + n + " past length " + len);
            }
            n += 4 + 4 * (((b[off + n + 2] & 0xFF) << 8) | (b[off + n + 3] & 0xFF));
        }
        if (n > len) {
            throw new SrtpException(Reason.MALFORMED, "RTP header of " + n + " bytes past length " + len);
        }
        return n;
    }

    static int getInt(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    /** Sets the known index of an SSRC (tests; streams resumed with a known ROC). */
    void setIndex(int ssrc, long index) {
        ssrcs.get(ssrc).set(index);
    }

    /** The index the next packet with this sequence number would get (tests). */
    long estimateIndex(int ssrc, int seq) {
        return ssrcs.get(ssrc).estimateIndex(seq);
    }

    void setSrtcpIndex(int ssrc, int index) {
        ssrcs.get(ssrc).nextSrtcpIndex = index;
    }
}
