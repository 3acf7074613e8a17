package io.livegate.rtmp.amf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.livegate.rtmp.amf.AmfException.Reason;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Amf0ReaderTest {

    private static List<Object> read(byte[] bytes) {
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        try {
            return new Amf0Reader(in, AmfLimits.DEFAULTS).readAll();
        } finally {
            in.release();
        }
    }

    private static byte[] write(Object... values) {
        ByteBuf out = Unpooled.buffer();
        try {
            Amf0Writer.write(out, values);
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    private static byte[] hex(String s) {
        return ByteBufUtil.decodeHexDump(s.replace(" ", ""));
    }

    @Test
    void roundTripsEveryType() {
        Map<String, Object> obj = new LinkedHashMap<>();
        obj.put("app", "live");
        obj.put("tcUrl", "rtmp://127.0.0.1:1935/live");
        obj.put("fpad", false);
        obj.put("capabilities", 15.0);
        obj.put("nested", new LinkedHashMap<>(Map.of("x", 1.0)));
        AmfEcmaArray meta = new AmfEcmaArray();
        meta.put("width", 1920.0);
        meta.put("encoder", "obs-output module (libobs version 30.0.0)");
        List<Object> values = Arrays.asList("connect", 1.0, obj, null, meta, List.of(1.0, "two", true),
                Instant.ofEpochMilli(1_700_000_000_000L), "x".repeat(70_000), -0.0, Double.NaN);
        ByteBuf in = Unpooled.wrappedBuffer(write(values.toArray()));
        List<Object> back = new Amf0Reader(in, new AmfLimits(16, 4096, 100_000)).readAll();
        in.release();
        assertThat(back).isEqualTo(values);
        assertThat(back.get(4)).isInstanceOf(AmfEcmaArray.class);
    }

    @Test
    void readsTheConnectCommandOfFfmpeg() {
        // "connect", 1, {app: "live", type: "nonprivate"} as ffmpeg encodes it
        byte[] bytes = hex("02 0007 636f6e6e656374 00 3ff0000000000000 03 0003 617070 02 0004 6c697665"
                + " 0004 74797065 02 000a 6e6f6e70726976617465 0000 09");
        List<Object> v = read(bytes);
        assertThat(v).hasSize(3);
        assertThat(v.get(0)).isEqualTo("connect");
        assertThat(v.get(1)).isEqualTo(1.0);
        assertThat(map(v.get(2))).containsEntry("app", "live").containsEntry("type", "nonprivate");
    }

    @Test
    void readsUndefinedTypedObjectAndUnsupportedMarkers() {
        byte[] bytes = hex("06 0d 10 0003 466f6f 0001 61 01 01 0000 09");
        List<Object> v = read(bytes);
        assertThat(v.get(0)).isNull();
        assertThat(v.get(1)).isNull();
        assertThat(map(v.get(2))).containsEntry("a", true);
    }

    @Test
    void readsAmf3ValuesBehindTheAvmPlusMarker() {
        // 0x11 switch, then an AMF3 dynamic anonymous object {app: "live", n: 5, s: <ref to "live">}
        byte[] bytes = hex("11 0a 0b 01 07 617070 06 09 6c697665 03 6e 04 05 03 73 06 02 01");
        List<Object> v = read(bytes);
        assertThat(v).hasSize(1);
        Map<String, Object> m = map(v.get(0));
        assertThat(m).containsEntry("app", "live").containsEntry("n", 5.0).containsEntry("s", "live");
    }

    @Test
    void readsAmf3ArraysIntegersAndByteArrays() {
        // dense array [-1 (29-bit), 1.5, true, ByteArray(ab cd), reference to that ByteArray]
        byte[] bytes = hex("11 09 0b 01 04 ffffffff 05 3ff8000000000000 03 0c 05 abcd 0c 02");
        List<Object> v = read(bytes);
        List<?> list = (List<?>) v.get(0);
        assertThat(list.subList(0, 3)).isEqualTo(List.of(-1.0, 1.5, true));
        assertThat((byte[]) list.get(3)).containsExactly(0xAB, 0xCD);
        assertThat(list.get(4)).isSameAs(list.get(3));
    }

    @Test
    void amf3CyclicReferenceIsRefused() {
        // object whose member refers to itself (object reference 0)
        byte[] bytes = hex("11 0a 0b 01 03 61 0a 00 01");
        assertThatThrownBy(() -> read(bytes)).isInstanceOf(AmfException.class)
                .satisfies(e -> assertThat(((AmfException) e).reason()).isEqualTo(Reason.UNSUPPORTED));
    }

    @Test
    void nestingBombIsStopped() {
        ByteBuf b = Unpooled.buffer();
        for (int i = 0; i < 100_000; i++) {
            b.writeByte(0x0A).writeInt(1); // strict array of one element, nested
        }
        byte[] bytes = ByteBufUtil.getBytes(b);
        b.release();
        assertThatThrownBy(() -> read(bytes)).isInstanceOf(AmfException.class)
                .satisfies(e -> assertThat(((AmfException) e).reason()).isEqualTo(Reason.TOO_DEEP));
    }

    @Test
    void hugeDeclaredArrayIsRefusedBeforeAllocation() {
        assertThatThrownBy(() -> read(hex("0a 7fffffff 05"))).isInstanceOf(AmfException.class)
                .satisfies(e -> assertThat(((AmfException) e).reason()).isEqualTo(Reason.TOO_MANY_ITEMS));
    }

    @Test
    void tooManyItemsIsStopped() {
        List<Object> many = new ArrayList<>();
        for (int i = 0; i < AmfLimits.DEFAULT_MAX_ITEMS + 1; i++) {
            many.add(null);
        }
        byte[] bytes = write(many.toArray());
        assertThatThrownBy(() -> read(bytes)).isInstanceOf(AmfException.class)
                .satisfies(e -> assertThat(((AmfException) e).reason()).isEqualTo(Reason.TOO_MANY_ITEMS));
    }

    @Test
    void longStringBeyondLimitIsRefused() {
        assertThatThrownBy(() -> read(hex("0c 00100000 41"))).isInstanceOf(AmfException.class)
                .satisfies(e -> assertThat(((AmfException) e).reason()).isEqualTo(Reason.STRING_TOO_LONG));
    }

    @Test
    void truncatedValuesFail() {
        for (String h : List.of("00 3ff0", "02 0005 6162", "03 0001 61", "01", "0b 0000")) {
            assertThatThrownBy(() -> read(hex(h))).as(h).isInstanceOf(AmfException.class)
                    .satisfies(e -> assertThat(((AmfException) e).reason()).isEqualTo(Reason.TRUNCATED));
        }
    }

    @Test
    void unknownAndUnsupportedMarkers() {
        assertThatThrownBy(() -> read(hex("20"))).isInstanceOf(AmfException.class)
                .satisfies(e -> assertThat(((AmfException) e).reason()).isEqualTo(Reason.UNKNOWN_MARKER));
        assertThatThrownBy(() -> read(hex("07 0001"))).isInstanceOf(AmfException.class)
                .satisfies(e -> assertThat(((AmfException) e).reason()).isEqualTo(Reason.UNSUPPORTED));
    }

    /** Only {@link AmfException} may escape; what AMF0 decodes re-encodes to the same values. */
    @FuzzTest(maxDuration = "10s")
    void fuzzRoundTrip(byte[] data) {
        ByteBuf in = Unpooled.wrappedBuffer(data);
        try {
            Amf0Reader reader = new Amf0Reader(in, AmfLimits.DEFAULTS);
            List<Object> values = reader.readAll();
            if (!reader.sawAmf3()) {
                assertThat(read(write(values.toArray()))).isEqualTo(values);
            }
        } catch (AmfException expected) {
            // the only failure allowed
        } finally {
            in.release();
        }
    }
}
