package io.livegate.rtc.rtp;

import java.util.Arrays;

/**
 * One RFC 8285 header extension element.
 *
 * @param id   1-14 in the one-byte form, 1-255 in the two-byte form
 * @param data 1-16 bytes (one-byte form) or 0-255 bytes (two-byte form)
 */
public record RtpHeaderExtension(int id, byte[] data) {

    public RtpHeaderExtension {
        if (id < 1 || id > 255) {
            throw new RtpException(RtpException.Reason.OUT_OF_RANGE, "extension id " + id + " not in 1..255");
        }
        if (data.length > 255) {
            throw new RtpException(RtpException.Reason.OUT_OF_RANGE, "extension length " + data.length + " > 255");
        }
    }

    /** True when this element fits the one-byte form (RFC 8285 4.2). */
    public boolean fitsOneByte() {
        return id <= 14 && data.length >= 1 && data.length <= 16;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RtpHeaderExtension e && e.id == id && Arrays.equals(e.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * id + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "RtpHeaderExtension[id=" + id + ", len=" + data.length + "]";
    }
}
