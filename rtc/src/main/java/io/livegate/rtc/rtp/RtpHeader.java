package io.livegate.rtc.rtp;

import io.livegate.rtc.rtp.RtpException.Reason;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The RTP fixed header, CSRCs and header extension (RFC 3550 5.1, 5.3.1; RFC 8285).
 *
 * @param marker            M bit
 * @param payloadType       0-127
 * @param sequenceNumber    0-65535
 * @param timestamp         0-2^32-1
 * @param ssrc              the SSRC (an unsigned 32-bit value carried in an int)
 * @param csrcs             0-15 contributing sources
 * @param extensionProfile  {@link #NO_EXTENSION}, {@link #ONE_BYTE_PROFILE}, 0x1000-0x100F (two-byte, low
 *                          4 bits are appbits) or any other profile (kept in {@code rawExtension})
 * @param extensions        RFC 8285 elements (one-byte or two-byte profiles)
 * @param rawExtension      the extension body of other profiles, a multiple of 4 bytes; empty otherwise
 */
public record RtpHeader(boolean marker, int payloadType, int sequenceNumber, long timestamp, int ssrc, int[] csrcs,
                        int extensionProfile, List<RtpHeaderExtension> extensions, byte[] rawExtension) {

    public static final int NO_EXTENSION = -1;
    public static final int ONE_BYTE_PROFILE = 0xBEDE;
    public static final int TWO_BYTE_PROFILE = 0x1000;
    public static final int FIXED_LENGTH = 12;

    public RtpHeader {
        if (payloadType < 0 || payloadType > 127) {
            throw new RtpException(Reason.OUT_OF_RANGE, "payload type " + payloadType + " not in 0..127");
        }
        if (sequenceNumber < 0 || sequenceNumber > 0xFFFF) {
            throw new RtpException(Reason.OUT_OF_RANGE, "sequence number " + sequenceNumber + " not in 0..65535");
        }
        if (timestamp < 0 || timestamp > 0xFFFFFFFFL) {
            throw new RtpException(Reason.OUT_OF_RANGE, "timestamp " + timestamp + " not in 0..2^32-1");
        }
        csrcs = csrcs == null ? new int[0] : csrcs.clone();
        if (csrcs.length > 15) {
            throw new RtpException(Reason.OUT_OF_RANGE, csrcs.length + " CSRCs, at most 15");
        }
        extensions = extensions == null ? List.of() : List.copyOf(extensions);
        rawExtension = rawExtension == null ? new byte[0] : rawExtension.clone();
        if (extensionProfile == NO_EXTENSION && !extensions.isEmpty()) {
            extensionProfile = extensions.stream().allMatch(RtpHeaderExtension::fitsOneByte)
                    ? ONE_BYTE_PROFILE : TWO_BYTE_PROFILE;
        }
        if (extensionProfile == ONE_BYTE_PROFILE && !extensions.stream().allMatch(RtpHeaderExtension::fitsOneByte)) {
            extensionProfile = TWO_BYTE_PROFILE;
        }
        if (extensionProfile < NO_EXTENSION || extensionProfile > 0xFFFF) {
            throw new RtpException(Reason.OUT_OF_RANGE, "extension profile " + extensionProfile);
        }
        if (!isElementProfile(extensionProfile) && !extensions.isEmpty()) {
            throw new RtpException(Reason.OUT_OF_RANGE, "elements need profile 0xBEDE or 0x100X");
        }
        if (rawExtension.length % 4 != 0 || rawExtension.length > 0xFFFF * 4
                || (rawExtension.length > 0 && isElementProfile(extensionProfile))) {
            throw new RtpException(Reason.OUT_OF_RANGE, "raw extension of " + rawExtension.length + " bytes");
        }
    }

    /** A header with no CSRCs and no extension. */
    public static RtpHeader of(boolean marker, int payloadType, int sequenceNumber, long timestamp, int ssrc) {
        return new RtpHeader(marker, payloadType, sequenceNumber, timestamp, ssrc, null, NO_EXTENSION, null, null);
    }

    public RtpHeader withExtensions(List<RtpHeaderExtension> elements) {
        return new RtpHeader(marker, payloadType, sequenceNumber, timestamp, ssrc, csrcs, NO_EXTENSION, elements, null);
    }

    public RtpHeader withSequenceAndTimestamp(int seq, long ts) {
        return new RtpHeader(marker, payloadType, seq, ts, ssrc, csrcs, extensionProfile, extensions, rawExtension);
    }

    @Override
    public int[] csrcs() {
        return csrcs.clone();
    }

    @Override
    public byte[] rawExtension() {
        return rawExtension.clone();
    }

    /** The data of the element with this id, or null. */
    public byte[] extension(int id) {
        for (RtpHeaderExtension e : extensions) {
            if (e.id() == id) {
                return e.data();
            }
        }
        return null;
    }

    static boolean isElementProfile(int profile) {
        return profile == ONE_BYTE_PROFILE || (profile & 0xFFF0) == TWO_BYTE_PROFILE;
    }

    private int extensionBodyLength() {
        if (extensionProfile == NO_EXTENSION) {
            return 0;
        }
        if (!isElementProfile(extensionProfile)) {
            return rawExtension.length;
        }
        int per = extensionProfile == ONE_BYTE_PROFILE ? 1 : 2;
        int n = 0;
        for (RtpHeaderExtension e : extensions) {
            n += per + e.data().length;
        }
        return (n + 3) & ~3;
    }

    public int encodedLength() {
        return FIXED_LENGTH + 4 * csrcs.length + (extensionProfile == NO_EXTENSION ? 0 : 4 + extensionBodyLength());
    }

    /** Writes the header with padding bit {@code padding}; returns the bytes written. */
    public int writeTo(byte[] b, int off, boolean padding) {
        boolean x = extensionProfile != NO_EXTENSION;
        b[off] = (byte) (0x80 | (padding ? 0x20 : 0) | (x ? 0x10 : 0) | csrcs.length);
        b[off + 1] = (byte) ((marker ? 0x80 : 0) | payloadType);
        b[off + 2] = (byte) (sequenceNumber >>> 8);
        b[off + 3] = (byte) sequenceNumber;
        putInt(b, off + 4, (int) timestamp);
        putInt(b, off + 8, ssrc);
        int p = off + FIXED_LENGTH;
        for (int c : csrcs) {
            putInt(b, p, c);
            p += 4;
        }
        if (!x) {
            return p - off;
        }
        int body = extensionBodyLength();
        b[p] = (byte) (extensionProfile >>> 8);
        b[p + 1] = (byte) extensionProfile;
        b[p + 2] = (byte) (body / 4 >>> 8);
        b[p + 3] = (byte) (body / 4);
        p += 4;
        int end = p + body;
        if (!isElementProfile(extensionProfile)) {
            System.arraycopy(rawExtension, 0, b, p, rawExtension.length);
            return end - off;
        }
        boolean one = extensionProfile == ONE_BYTE_PROFILE;
        for (RtpHeaderExtension e : extensions) {
            byte[] d = e.data();
            if (one) {
                b[p++] = (byte) ((e.id() << 4) | (d.length - 1));
            } else {
                b[p++] = (byte) e.id();
                b[p++] = (byte) d.length;
            }
            System.arraycopy(d, 0, b, p, d.length);
            p += d.length;
        }
        while (p < end) {
            b[p++] = 0;
        }
        return end - off;
    }

    /** Parsed header and where its payload starts. */
    record Parsed(RtpHeader header, int length, boolean padding) {
    }

    static Parsed parse(byte[] b, int off, int len) {
        if (len < FIXED_LENGTH) {
            throw new RtpException(Reason.TRUNCATED, "RTP packet of " + len + " bytes, need 12");
        }
        int b0 = b[off] & 0xFF;
        if (b0 >>> 6 != 2) {
            throw new RtpException(Reason.BAD_VERSION, "RTP version " + (b0 >>> 6));
        }
        int cc = b0 & 0x0F;
        int p = FIXED_LENGTH + 4 * cc;
        if (p > len) {
            throw new RtpException(Reason.TRUNCATED, cc + " CSRCs need " + p + " bytes, have " + len);
        }
        int[] csrcs = new int[cc];
        for (int i = 0; i < cc; i++) {
            csrcs[i] = getInt(b, off + FIXED_LENGTH + 4 * i);
        }
        int profile = NO_EXTENSION;
        List<RtpHeaderExtension> elements = List.of();
        byte[] raw = null;
        if ((b0 & 0x10) != 0) {
            if (p + 4 > len) {
                throw new RtpException(Reason.TRUNCATED, "extension header at " + p + " past " + len);
            }
            profile = ((b[off + p] & 0xFF) << 8) | (b[off + p + 1] & 0xFF);
            int body = 4 * (((b[off + p + 2] & 0xFF) << 8) | (b[off + p + 3] & 0xFF));
            p += 4;
            if (p + body > len) {
                throw new RtpException(Reason.TRUNCATED, "extension of " + body + " bytes past " + len);
            }
            if (profile == ONE_BYTE_PROFILE) {
                elements = parseOneByte(b, off + p, body);
            } else if ((profile & 0xFFF0) == TWO_BYTE_PROFILE) {
                elements = parseTwoByte(b, off + p, body);
            } else {
                raw = Arrays.copyOfRange(b, off + p, off + p + body);
            }
            p += body;
        }
        RtpHeader h = new RtpHeader((b[off + 1] & 0x80) != 0, b[off + 1] & 0x7F,
                ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF), getInt(b, off + 4) & 0xFFFFFFFFL,
                getInt(b, off + 8), csrcs, profile, elements, raw);
        return new Parsed(h, p, (b0 & 0x20) != 0);
    }

    private static List<RtpHeaderExtension> parseOneByte(byte[] b, int from, int n) {
        List<RtpHeaderExtension> out = new ArrayList<>();
        int i = from;
        int end = from + n;
        while (i < end) {
            int h = b[i] & 0xFF;
            if (h == 0) {
                i++;
                continue;
            }
            int id = h >>> 4;
            if (id == 15) {
                break; // RFC 8285 4.2: reserved id, stop processing the rest
            }
            int l = (h & 0x0F) + 1;
            if (i + 1 + l > end) {
                throw new RtpException(Reason.BAD_EXTENSION, "one-byte element id " + id + " of " + l
                        + " bytes past the extension end");
            }
            out.add(new RtpHeaderExtension(id, Arrays.copyOfRange(b, i + 1, i + 1 + l)));
            i += 1 + l;
        }
        return out;
    }

    private static List<RtpHeaderExtension> parseTwoByte(byte[] b, int from, int n) {
        List<RtpHeaderExtension> out = new ArrayList<>();
        int i = from;
        int end = from + n;
        while (i < end) {
            int id = b[i] & 0xFF;
            if (id == 0) {
                i++;
                continue;
            }
            if (i + 2 > end) {
                throw new RtpException(Reason.BAD_EXTENSION, "two-byte element id " + id + " has no length");
            }
            int l = b[i + 1] & 0xFF;
            if (i + 2 + l > end) {
                throw new RtpException(Reason.BAD_EXTENSION, "two-byte element id " + id + " of " + l
                        + " bytes past the extension end");
            }
            out.add(new RtpHeaderExtension(id, Arrays.copyOfRange(b, i + 2, i + 2 + l)));
            i += 2 + l;
        }
        return out;
    }

    static int getInt(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RtpHeader h && h.marker == marker && h.payloadType == payloadType
                && h.sequenceNumber == sequenceNumber && h.timestamp == timestamp && h.ssrc == ssrc
                && Arrays.equals(h.csrcs, csrcs) && h.extensionProfile == extensionProfile
                && h.extensions.equals(extensions) && Arrays.equals(h.rawExtension, rawExtension);
    }

    @Override
    public int hashCode() {
        return ((sequenceNumber * 31 + ssrc) * 31 + Long.hashCode(timestamp)) * 31 + extensions.hashCode();
    }

    @Override
    public String toString() {
        return "RtpHeader[pt=" + payloadType + " seq=" + sequenceNumber + " ts=" + timestamp + " ssrc="
                + Integer.toUnsignedString(ssrc) + (marker ? " M" : "") + " csrcs=" + csrcs.length
                + " ext=" + extensions + "]";
    }
}
