package io.livegate.rtc.rtcp;

import static io.livegate.rtc.rtcp.RtcpHeader.i32;
import static io.livegate.rtc.rtcp.RtcpHeader.need;
import static io.livegate.rtc.rtcp.RtcpHeader.put32;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** SDES: per-source chunks of items, CNAME first (RFC 3550 6.5). */
public record SourceDescription(List<Chunk> chunks) implements RtcpPacket {

    public static final int CNAME = 1;

    public SourceDescription {
        chunks = List.copyOf(chunks);
        if (chunks.size() > 31) {
            throw new RtcpException(RtcpException.Reason.OUT_OF_RANGE, chunks.size() + " SDES chunks, max 31");
        }
    }

    /** One SDES chunk: an SSRC or CSRC and its items. */
    public record Chunk(int ssrc, List<Item> items) {
        public Chunk {
            items = List.copyOf(items);
        }

        int encodedLength() {
            int n = 4;
            for (Item i : items) {
                n += 2 + i.text.length;
            }
            return (n + 1 + 3) & ~3; // at least one null octet, then pad to 32 bits
        }
    }

    /**
     * One item.
     *
     * @param type 1 (CNAME) to 8 (PRIV); 0 is the list terminator and cannot be an item
     * @param text up to 255 bytes, UTF-8 by the RFC
     */
    public record Item(int type, byte[] text) {
        public Item {
            if (type < 1 || type > 255 || text.length > 255) {
                throw new RtcpException(RtcpException.Reason.OUT_OF_RANGE, "SDES item type " + type + " length "
                        + text.length);
            }
            text = text.clone();
        }

        public static Item cname(String cname) {
            return new Item(CNAME, cname.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public byte[] text() {
            return text.clone();
        }

        public String textAsString() {
            return new String(text, StandardCharsets.UTF_8);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Item i && i.type == type && Arrays.equals(i.text, text);
        }

        @Override
        public int hashCode() {
            return type * 31 + Arrays.hashCode(text);
        }
    }

    public static SourceDescription cname(int ssrc, String cname) {
        return new SourceDescription(List.of(new Chunk(ssrc, List.of(Item.cname(cname)))));
    }

    static SourceDescription parse(RtcpHeader h, byte[] b, int off, int len) {
        List<Chunk> chunks = new ArrayList<>(h.count());
        int p = 4;
        for (int c = 0; c < h.count(); c++) {
            need(len - p, 4, "SDES chunk " + c);
            int ssrc = i32(b, off + p);
            p += 4;
            List<Item> items = new ArrayList<>();
            while (true) {
                need(len - p, 1, "SDES item");
                int type = b[off + p] & 0xFF;
                if (type == 0) {
                    p = (p + 4) & ~3; // skip the null octet and padding to the next 32-bit boundary
                    break;
                }
                need(len - p, 2, "SDES item header");
                int l = b[off + p + 1] & 0xFF;
                need(len - p - 2, l, "SDES item text");
                items.add(new Item(type, Arrays.copyOfRange(b, off + p + 2, off + p + 2 + l)));
                p += 2 + l;
            }
            chunks.add(new Chunk(ssrc, items));
        }
        return new SourceDescription(chunks);
    }

    @Override
    public int encodedLength() {
        int n = 4;
        for (Chunk c : chunks) {
            n += c.encodedLength();
        }
        return n;
    }

    @Override
    public int writeTo(byte[] b, int off) {
        int n = encodedLength();
        RtcpHeader.write(b, off, chunks.size(), TYPE_SDES, n);
        int p = off + 4;
        for (Chunk c : chunks) {
            int end = p + c.encodedLength();
            put32(b, p, c.ssrc);
            p += 4;
            for (Item i : c.items) {
                b[p] = (byte) i.type;
                b[p + 1] = (byte) i.text.length;
                System.arraycopy(i.text, 0, b, p + 2, i.text.length);
                p += 2 + i.text.length;
            }
            Arrays.fill(b, p, end, (byte) 0);
            p = end;
        }
        return n;
    }
}
