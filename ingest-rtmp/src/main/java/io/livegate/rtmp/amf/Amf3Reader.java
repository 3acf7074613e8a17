package io.livegate.rtmp.amf;

import io.livegate.rtmp.amf.AmfException.Reason;
import io.netty.buffer.ByteBuf;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decodes one AMF3 value (AMF3 spec, section 3), as embedded in AMF0 behind the AVM+ marker when a client
 * connected with {@code objectEncoding} 3. Values map to Java like {@link Amf0Reader}'s; integers become
 * {@link Double} too (so commands read the same whichever encoding the client chose), ByteArray becomes
 * {@code byte[]}, an array with associative entries becomes a {@link Map}.
 *
 * <p>String, object and trait references are resolved; a reference to an object still being read (a cycle)
 * fails as {@link Reason#UNSUPPORTED}, as do externalizable objects, vectors and dictionaries.
 */
final class Amf3Reader {

    private final ByteBuf in;
    private final AmfLimits limits;
    private final Amf0Reader counter;
    private final List<String> strings = new ArrayList<>();
    private final List<Object> objects = new ArrayList<>();
    private final List<Traits> traits = new ArrayList<>();
    private final Set<Object> open = Collections.newSetFromMap(new IdentityHashMap<>());

    private record Traits(boolean dynamic, List<String> members) {
    }

    Amf3Reader(ByteBuf in, AmfLimits limits, Amf0Reader counter) {
        this.in = in;
        this.limits = limits;
        this.counter = counter;
    }

    Object read(int depth) {
        if (depth >= limits.maxDepth()) {
            throw new AmfException(Reason.TOO_DEEP, "nesting depth " + (depth + 1) + " > limit " + limits.maxDepth());
        }
        counter.count();
        int marker = counter.need(1).readUnsignedByte();
        return switch (marker) {
            case 0x00, 0x01 -> null;
            case 0x02 -> false;
            case 0x03 -> true;
            case 0x04 -> (double) ((u29() << 3) >> 3); // sign-extend 29 bits
            case 0x05 -> Double.longBitsToDouble(counter.need(8).readLong());
            case 0x06, 0x07, 0x0B -> string();
            case 0x08 -> {
                int ref = u29();
                if ((ref & 1) == 0) {
                    yield reference(ref >>> 1);
                }
                double millis = Double.longBitsToDouble(counter.need(8).readLong());
                Instant date = Double.isFinite(millis) && Math.abs(millis) < 8.64e15
                        ? Instant.ofEpochMilli((long) millis) : Instant.EPOCH;
                objects.add(date);
                yield date;
            }
            case 0x09 -> array(depth);
            case 0x0A -> object(depth);
            case 0x0C -> {
                int ref = u29();
                if ((ref & 1) == 0) {
                    yield reference(ref >>> 1);
                }
                int n = ref >>> 1;
                if (n > limits.maxStringLength()) {
                    throw new AmfException(Reason.STRING_TOO_LONG,
                            "ByteArray of " + n + " bytes > limit " + limits.maxStringLength());
                }
                byte[] bytes = new byte[n];
                counter.need(n).readBytes(bytes);
                objects.add(bytes);
                yield bytes;
            }
            case 0x0D, 0x0E, 0x0F, 0x10, 0x11 -> throw new AmfException(Reason.UNSUPPORTED, "AMF3 marker " + marker);
            default -> throw new AmfException(Reason.UNKNOWN_MARKER, "AMF3 marker " + marker);
        };
    }

    private Object array(int depth) {
        int ref = u29();
        if ((ref & 1) == 0) {
            return reference(ref >>> 1);
        }
        int dense = ref >>> 1;
        Map<String, Object> assoc = new LinkedHashMap<>();
        Object placeholder = new Object();
        open.add(placeholder);
        int index = objects.size();
        objects.add(placeholder);
        while (true) {
            String key = string();
            if (key.isEmpty()) {
                break;
            }
            assoc.put(key, read(depth + 1));
        }
        if (dense > in.readableBytes()) {
            throw new AmfException(Reason.TRUNCATED, "array of " + dense + " items, " + in.readableBytes() + " bytes left");
        }
        List<Object> list = new ArrayList<>(dense);
        for (int i = 0; i < dense; i++) {
            list.add(read(depth + 1));
        }
        Object result;
        if (assoc.isEmpty()) {
            result = list;
        } else {
            for (int i = 0; i < list.size(); i++) {
                assoc.put(Integer.toString(i), list.get(i));
            }
            result = assoc;
        }
        open.remove(placeholder);
        objects.set(index, result);
        return result;
    }

    private Object object(int depth) {
        int ref = u29();
        if ((ref & 1) == 0) {
            return reference(ref >>> 1);
        }
        Traits t;
        if ((ref & 2) == 0) {
            int i = ref >>> 2;
            if (i >= traits.size()) {
                throw new AmfException(Reason.UNSUPPORTED, "traits reference " + i + " of " + traits.size());
            }
            t = traits.get(i);
        } else {
            if ((ref & 4) != 0) {
                throw new AmfException(Reason.UNSUPPORTED, "externalizable AMF3 object");
            }
            boolean dynamic = (ref & 8) != 0;
            int n = ref >>> 4;
            if (n > in.readableBytes()) {
                throw new AmfException(Reason.TRUNCATED, "traits with " + n + " members, " + in.readableBytes()
                        + " bytes left");
            }
            string(); // class name, unused
            List<String> members = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                counter.count();
                members.add(string());
            }
            t = new Traits(dynamic, members);
            counter.count();
            traits.add(t);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        open.add(map);
        objects.add(map);
        for (String member : t.members()) {
            map.put(member, read(depth + 1));
        }
        if (t.dynamic()) {
            while (true) {
                String key = string();
                if (key.isEmpty()) {
                    break;
                }
                map.put(key, read(depth + 1));
            }
        }
        open.remove(map);
        return map;
    }

    private Object reference(int i) {
        if (i >= objects.size()) {
            throw new AmfException(Reason.UNSUPPORTED, "object reference " + i + " of " + objects.size());
        }
        Object o = objects.get(i);
        if (open.contains(o)) {
            throw new AmfException(Reason.UNSUPPORTED, "cyclic object reference " + i);
        }
        return o;
    }

    private String string() {
        int ref = u29();
        if ((ref & 1) == 0) {
            int i = ref >>> 1;
            if (i >= strings.size()) {
                throw new AmfException(Reason.UNSUPPORTED, "string reference " + i + " of " + strings.size());
            }
            return strings.get(i);
        }
        String s = counter.string(ref >>> 1);
        if (!s.isEmpty()) {
            counter.count();
            strings.add(s);
        }
        return s;
    }

    /** AMF3 variable-length unsigned 29-bit integer. */
    private int u29() {
        int value = 0;
        for (int i = 0; i < 3; i++) {
            int b = counter.need(1).readUnsignedByte();
            value = (value << 7) | (b & 0x7F);
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        return (value << 8) | counter.need(1).readUnsignedByte();
    }
}
