package io.livegate.rtmp.amf;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Encodes Java values as AMF0 (the inverse of {@link Amf0Reader}): {@code null}, {@link Number}, {@link Boolean},
 * {@link String} (long string past 65535 bytes), {@link AmfEcmaArray}, other {@link Map}s as anonymous
 * objects, {@link List} as strict array, {@link Instant} as date.
 */
public final class Amf0Writer {

    private Amf0Writer() {
    }

    public static ByteBuf write(ByteBuf out, Object... values) {
        for (Object v : values) {
            writeValue(out, v);
        }
        return out;
    }

    public static void writeValue(ByteBuf out, Object value) {
        switch (value) {
            case null -> out.writeByte(Amf0Reader.NULL);
            case Number n -> out.writeByte(Amf0Reader.NUMBER).writeLong(Double.doubleToRawLongBits(n.doubleValue()));
            case Boolean b -> out.writeByte(Amf0Reader.BOOLEAN).writeByte(b ? 1 : 0);
            case String s -> {
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                if (utf8.length <= 0xFFFF) {
                    out.writeByte(Amf0Reader.STRING).writeShort(utf8.length).writeBytes(utf8);
                } else {
                    out.writeByte(Amf0Reader.LONG_STRING).writeInt(utf8.length).writeBytes(utf8);
                }
            }
            case AmfEcmaArray a -> {
                out.writeByte(Amf0Reader.ECMA_ARRAY).writeInt(a.size());
                writeProperties(out, a);
            }
            case Map<?, ?> m -> {
                out.writeByte(Amf0Reader.OBJECT);
                writeProperties(out, m);
            }
            case List<?> l -> {
                out.writeByte(Amf0Reader.STRICT_ARRAY).writeInt(l.size());
                for (Object o : l) {
                    writeValue(out, o);
                }
            }
            case Instant t -> out.writeByte(Amf0Reader.DATE).writeLong(Double.doubleToRawLongBits(t.toEpochMilli()))
                    .writeShort(0);
            default -> throw new IllegalArgumentException("no AMF0 form for " + value.getClass().getName());
        }
    }

    private static void writeProperties(ByteBuf out, Map<?, ?> m) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
            writeKey(out, String.valueOf(e.getKey()));
            writeValue(out, e.getValue());
        }
        out.writeShort(0).writeByte(Amf0Reader.OBJECT_END);
    }

    private static void writeKey(ByteBuf out, String key) {
        byte[] utf8 = key.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > 0xFFFF) {
            throw new IllegalArgumentException("AMF0 property name of " + utf8.length + " bytes");
        }
        out.writeShort(utf8.length).writeBytes(utf8);
    }
}
