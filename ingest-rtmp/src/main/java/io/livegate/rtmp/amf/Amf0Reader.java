package io.livegate.rtmp.amf;

import io.livegate.rtmp.amf.AmfException.Reason;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes AMF0 values (AMF0 spec, section 2) from a buffer it does not own. Values map to Java as: number →
 * {@link Double}, boolean → {@link Boolean}, string/long string/XML → {@link String}, object/typed object →
 * {@link Map}, ECMA array → {@link AmfEcmaArray}, strict array → {@link List}, date → {@link Instant}, null and
 * undefined → {@code null}. The AVM+ marker switches one value to AMF3 ({@link Amf3Reader}).
 *
 * <p>Every length and count is checked against the readable bytes and the {@link AmfLimits} before anything
 * is allocated; references (0x07), movie clips and record sets fail as {@link Reason#UNSUPPORTED}.
 */
public final class Amf0Reader {

    static final int NUMBER = 0x00;
    static final int BOOLEAN = 0x01;
    static final int STRING = 0x02;
    static final int OBJECT = 0x03;
    static final int NULL = 0x05;
    static final int UNDEFINED = 0x06;
    static final int REFERENCE = 0x07;
    static final int ECMA_ARRAY = 0x08;
    static final int OBJECT_END = 0x09;
    static final int STRICT_ARRAY = 0x0A;
    static final int DATE = 0x0B;
    static final int LONG_STRING = 0x0C;
    static final int UNSUPPORTED = 0x0D;
    static final int XML_DOCUMENT = 0x0F;
    static final int TYPED_OBJECT = 0x10;
    static final int AVMPLUS = 0x11;

    private final ByteBuf in;
    private final AmfLimits limits;
    private int items;
    private boolean sawAmf3;

    public Amf0Reader(ByteBuf in, AmfLimits limits) {
        this.in = in;
        this.limits = limits;
    }

    public boolean hasMore() {
        return in.isReadable();
    }

    /** True once a value switched to AMF3. */
    public boolean sawAmf3() {
        return sawAmf3;
    }

    /** Reads every remaining value. */
    public List<Object> readAll() {
        List<Object> values = new ArrayList<>();
        while (in.isReadable()) {
            values.add(read());
        }
        return values;
    }

    public Object read() {
        return read(0);
    }

    Object read(int depth) {
        if (depth >= limits.maxDepth()) {
            throw new AmfException(Reason.TOO_DEEP, "nesting depth " + (depth + 1) + " > limit " + limits.maxDepth());
        }
        count();
        int marker = u8();
        return switch (marker) {
            case NUMBER -> Double.longBitsToDouble(need(8).readLong());
            case BOOLEAN -> u8() != 0;
            case STRING -> string(need(2).readUnsignedShort());
            case LONG_STRING, XML_DOCUMENT -> string(need(4).readUnsignedInt());
            case OBJECT -> properties(new LinkedHashMap<>(), depth);
            case TYPED_OBJECT -> {
                string(need(2).readUnsignedShort());
                yield properties(new LinkedHashMap<>(), depth);
            }
            case ECMA_ARRAY -> {
                need(4).skipBytes(4); // the count is advisory: the object-end marker ends the array
                yield properties(new AmfEcmaArray(), depth);
            }
            case STRICT_ARRAY -> {
                long n = need(4).readUnsignedInt();
                if (n > limits.maxItems() - items || n > in.readableBytes()) {
                    throw new AmfException(Reason.TOO_MANY_ITEMS, "strict array of " + n + " items (" + items
                            + " read, limit " + limits.maxItems() + ", " + in.readableBytes() + " bytes left)");
                }
                List<Object> list = new ArrayList<>((int) n);
                for (long i = 0; i < n; i++) {
                    list.add(read(depth + 1));
                }
                yield list;
            }
            case DATE -> {
                double millis = Double.longBitsToDouble(need(10).readLong());
                in.skipBytes(2); // time zone, unused by Flash
                yield Double.isFinite(millis) && Math.abs(millis) < 8.64e15
                        ? Instant.ofEpochMilli((long) millis) : Instant.EPOCH;
            }
            case NULL, UNDEFINED, UNSUPPORTED -> null;
            case AVMPLUS -> {
                sawAmf3 = true;
                yield new Amf3Reader(in, limits, this).read(depth);
            }
            case REFERENCE, 0x04, 0x0E -> throw new AmfException(Reason.UNSUPPORTED, "AMF0 marker " + marker);
            default -> throw new AmfException(Reason.UNKNOWN_MARKER, "AMF0 marker " + marker);
        };
    }

    private Map<String, Object> properties(Map<String, Object> map, int depth) {
        while (true) {
            String key = string(need(2).readUnsignedShort());
            if (key.isEmpty() && need(1).getUnsignedByte(in.readerIndex()) == OBJECT_END) {
                in.skipBytes(1);
                return map;
            }
            map.put(key, read(depth + 1));
        }
    }

    /** Counts one value (or AMF3 table entry) against the item limit. */
    void count() {
        if (++items > limits.maxItems()) {
            throw new AmfException(Reason.TOO_MANY_ITEMS, "more than " + limits.maxItems() + " values");
        }
    }

    String string(long length) {
        if (length > limits.maxStringLength()) {
            throw new AmfException(Reason.STRING_TOO_LONG,
                    "string of " + length + " bytes > limit " + limits.maxStringLength());
        }
        need((int) length);
        String s = in.toString(in.readerIndex(), (int) length, StandardCharsets.UTF_8);
        in.skipBytes((int) length);
        return s;
    }

    private int u8() {
        return need(1).readUnsignedByte();
    }

    ByteBuf need(int n) {
        if (in.readableBytes() < n) {
            throw new AmfException(Reason.TRUNCATED, "need " + n + " bytes, " + in.readableBytes() + " left");
        }
        return in;
    }
}
