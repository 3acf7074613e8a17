package io.livegate.codec.av1;

import io.livegate.codec.CodecException;
import io.livegate.codec.CodecLimits;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * AV1 open bitstream units (AV1 spec 5.3: OBU header, 4.10.5 leb128) in the low-overhead bitstream format of a
 * temporal unit: split a temporal unit into OBUs, join them back, drop temporal delimiters, tell key frames.
 * Every OBU this class returns carries its size field ({@code obu_has_size_field} = 1), as the media model's
 * {@code Av1TemporalUnit} requires; an OBU read without one (allowed only as the last OBU) is rewritten with it.
 */
public final class Av1Obu {

    public static final int OBU_SEQUENCE_HEADER = 1;
    public static final int OBU_TEMPORAL_DELIMITER = 2;
    public static final int OBU_FRAME_HEADER = 3;
    public static final int OBU_TILE_GROUP = 4;
    public static final int OBU_METADATA = 5;
    public static final int OBU_FRAME = 6;
    public static final int OBU_REDUNDANT_FRAME_HEADER = 7;
    public static final int OBU_TILE_LIST = 8;
    public static final int OBU_PADDING = 15;

    /** leb128 values are at most 8 bytes and below 2^32 (4.10.5). */
    private static final int MAX_LEB128_BYTES = 8;

    private Av1Obu() {
    }

    /**
     * A parsed OBU header.
     *
     * @param type          obu_type
     * @param hasExtension  obu_extension_flag
     * @param hasSizeField  obu_has_size_field
     * @param temporalId    0..7 (0 without extension)
     * @param spatialId     0..3 (0 without extension)
     * @param headerLength  bytes of the header and size field
     * @param payloadLength bytes of the payload (obu_size, or the rest of the data without a size field)
     */
    public record Header(int type, boolean hasExtension, boolean hasSizeField, int temporalId, int spatialId,
                         int headerLength, int payloadLength) {
        /** Header plus payload. */
        public int totalLength() {
            return headerLength + payloadLength;
        }
    }

    /** Reads the OBU header at {@code buf[off]}; without a size field the OBU extends to {@code off + len}. */
    public static Header parseHeader(byte[] buf, int off, int len) {
        checkRange(buf, off, len);
        if (len < 1) {
            throw CodecException.truncated("OBU header", 1, 0);
        }
        int b = buf[off] & 0xff;
        if ((b & 0x80) != 0) {
            throw CodecException.malformed("OBU forbidden bit set");
        }
        int type = (b >> 3) & 0xf;
        boolean ext = (b & 4) != 0;
        boolean hasSize = (b & 2) != 0;
        int p = 1;
        int temporalId = 0;
        int spatialId = 0;
        if (ext) {
            if (len < 2) {
                throw CodecException.truncated("OBU extension header", 1, 0);
            }
            temporalId = (buf[off + 1] & 0xff) >> 5;
            spatialId = ((buf[off + 1] & 0xff) >> 3) & 3;
            p = 2;
        }
        long size;
        if (hasSize) {
            long v = 0;
            int i = 0;
            while (true) {
                if (p >= len) {
                    throw CodecException.truncated("OBU leb128 size", 1, 0);
                }
                if (i == MAX_LEB128_BYTES) {
                    throw CodecException.malformed("leb128 longer than 8 bytes");
                }
                int x = buf[off + p++] & 0xff;
                v |= (long) (x & 0x7f) << (7 * i);
                i++;
                if ((x & 0x80) == 0) {
                    break;
                }
            }
            if (v > 0xffffffffL) {
                throw CodecException.malformed("leb128 value " + v + " exceeds 2^32-1");
            }
            size = v;
            if (size > len - p) {
                throw CodecException.truncated("OBU payload", size, len - p);
            }
        } else {
            size = len - p;
        }
        return new Header(type, ext, hasSize, temporalId, spatialId, p, (int) size);
    }

    /** The obu_type of an OBU (bits 1..4 of its first byte), or -1 for an empty array. */
    public static int type(byte[] obu) {
        return obu.length == 0 ? -1 : (obu[0] >> 3) & 0xf;
    }

    public static List<byte[]> split(byte[] buf, int off, int len) {
        return split(buf, off, len, CodecLimits.DEFAULT);
    }

    /**
     * Splits a temporal unit (low-overhead format) into OBUs, each returned with a size field (copies).
     *
     * @throws CodecException TRUNCATED when a size runs past the end, TOO_LONG past the limits
     */
    public static List<byte[]> split(byte[] buf, int off, int len, CodecLimits limits) {
        checkRange(buf, off, len);
        if (len > limits.maxAccessUnitSize()) {
            throw CodecException.tooLong("temporal unit size", len, limits.maxAccessUnitSize());
        }
        List<byte[]> out = new ArrayList<>();
        int p = off;
        int end = off + len;
        while (p < end) {
            Header h = parseHeader(buf, p, end - p);
            if (out.size() == limits.maxObusPerTemporalUnit()) {
                throw CodecException.tooLong("OBUs per temporal unit", out.size() + 1L, limits.maxObusPerTemporalUnit());
            }
            out.add(h.hasSizeField ? copy(buf, p, h.totalLength()) : withSizeField(buf, p, h));
            p += h.totalLength();
        }
        return out;
    }

    private static byte[] copy(byte[] buf, int off, int len) {
        byte[] b = new byte[len];
        System.arraycopy(buf, off, b, 0, len);
        return b;
    }

    private static byte[] withSizeField(byte[] buf, int off, Header h) {
        byte[] size = leb128(h.payloadLength);
        int headerBytes = h.hasExtension ? 2 : 1;
        byte[] b = new byte[headerBytes + size.length + h.payloadLength];
        System.arraycopy(buf, off, b, 0, headerBytes);
        b[0] |= 2;
        System.arraycopy(size, 0, b, headerBytes, size.length);
        System.arraycopy(buf, off + h.headerLength, b, headerBytes + size.length, h.payloadLength);
        return b;
    }

    /** Concatenates OBUs that carry size fields into a temporal unit. */
    public static byte[] join(List<byte[]> obus) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] o : obus) {
            out.write(o, 0, o.length);
        }
        return out.toByteArray();
    }

    /** The OBUs without temporal delimiters (the media model's canonical temporal unit drops them). */
    public static List<byte[]> dropTemporalDelimiters(List<byte[]> obus) {
        List<byte[]> out = new ArrayList<>(obus.size());
        for (byte[] o : obus) {
            if (type(o) != OBU_TEMPORAL_DELIMITER) {
                out.add(o);
            }
        }
        return out;
    }

    /**
     * True when the temporal unit starts a key frame: a frame header (in an OBU_FRAME or OBU_FRAME_HEADER) with
     * show_existing_frame = 0 and frame_type = KEY_FRAME. Streams using reduced_still_picture_header are not
     * recognised (they are still images, not live video).
     */
    public static boolean isKeyframe(List<byte[]> obus) {
        for (byte[] o : obus) {
            int t = type(o);
            if (t == OBU_FRAME || t == OBU_FRAME_HEADER) {
                Header h = parseHeader(o, 0, o.length);
                if (h.payloadLength > 0) {
                    int first = o[h.headerLength] & 0xff;
                    return (first & 0xe0) == 0; // show_existing_frame 0, frame_type 00 (KEY_FRAME)
                }
            }
        }
        return false;
    }

    /**
     * The first sequence header OBU among {@code obus}, or null: how RTP and TS publishers, which send no av1C,
     * give a track its {@code Av1Parameters}.
     */
    public static byte[] sequenceHeader(List<byte[]> obus) {
        for (byte[] o : obus) {
            if (type(o) == OBU_SEQUENCE_HEADER) {
                return o;
            }
        }
        return null;
    }

    /** The payload (after header and size field) of one OBU. */
    public static byte[] payload(byte[] obu) {
        Header h = parseHeader(obu, 0, obu.length);
        return copy(obu, h.headerLength, h.payloadLength);
    }

    /** Encodes a value in leb128 (the shortest form). */
    public static byte[] leb128(long value) {
        if (value < 0 || value > 0xffffffffL) {
            throw new IllegalArgumentException("leb128 value " + value + " outside 0..2^32-1");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(5);
        do {
            int b = (int) (value & 0x7f);
            value >>>= 7;
            out.write(value != 0 ? b | 0x80 : b);
        } while (value != 0);
        return out.toByteArray();
    }

    private static void checkRange(byte[] buf, int off, int len) {
        if (off < 0 || len < 0 || off + len > buf.length || off + len < 0) {
            throw new IndexOutOfBoundsException("range " + off + "+" + len + " outside " + buf.length);
        }
    }
}
