package io.livegate.srt.mpegts;

import java.util.function.Consumer;

/** Turns the PES packets of one elementary stream into access units; one instance per stream. */
interface ElementaryStreamReader {

    /**
     * Reads one PES packet. Emits each access unit to {@code out}, or null for each unit dropped (counted by the
     * caller). The packet's bytes are valid only during the call.
     */
    void read(PesPacket pes, Consumer<MediaUnit> out);

    /** End of input: emits a unit still held back, if any. */
    default void flush(Consumer<MediaUnit> out) {
    }
}
