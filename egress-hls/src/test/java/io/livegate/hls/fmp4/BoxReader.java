package io.livegate.hls.fmp4;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A tiny ISO BMFF reader for tests: walks box headers and hands out payloads. */
final class BoxReader {

    /** One box: its type and the bytes after its 8-byte header. */
    record Box(String type, byte[] payload) {
        ByteBuffer buf() {
            return ByteBuffer.wrap(payload);
        }

        /** Child boxes, starting {@code skip} bytes into the payload (full box header, entry counts, ...). */
        List<Box> children(int skip) {
            return BoxReader.read(payload, skip, payload.length);
        }

        Box child(String... path) {
            Box b = this;
            for (String t : path) {
                Box parent = b;
                b = parent.children(skipFor(parent.type)).stream().filter(c -> c.type.equals(t)).findFirst()
                        .orElseThrow(() -> new AssertionError("no " + t + " in " + parent.type));
            }
            return b;
        }

        private static int skipFor(String type) {
            return switch (type) {
                case "stsd", "dref" -> 8;
                case "avc1", "hvc1", "av01", "vp09" -> 78;
                case "mp4a", "Opus" -> 28;
                default -> 0;
            };
        }
    }

    private BoxReader() {
    }

    static List<Box> read(byte[] b) {
        return read(b, 0, b.length);
    }

    static List<Box> read(byte[] b, int from, int to) {
        List<Box> out = new ArrayList<>();
        int at = from;
        while (at < to) {
            if (to - at < 8) {
                throw new AssertionError("truncated box header at " + at);
            }
            int size = ByteBuffer.wrap(b, at, 4).getInt();
            String type = new String(b, at + 4, 4, StandardCharsets.ISO_8859_1);
            if (size < 8 || at + size > to) {
                throw new AssertionError("bad size " + size + " of " + type + " at " + at);
            }
            out.add(new Box(type, Arrays.copyOfRange(b, at + 8, at + size)));
            at += size;
        }
        return out;
    }

    static Box find(List<Box> boxes, String type) {
        return boxes.stream().filter(x -> x.type().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " in " + boxes.stream().map(Box::type).toList()));
    }
}
