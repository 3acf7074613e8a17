package io.livegate.hls.store;

import java.util.Objects;

/**
 * A finished partial segment: one CMAF chunk (moof + mdat). Immutable.
 *
 * @param id          stream-wide part number of its rendition (parts are named by it, so a preload hint never
 *                    depends on where the segment ends)
 * @param msn         media sequence number of the parent segment
 * @param index       position within the parent segment, from 0
 * @param duration    seconds
 * @param independent starts with a sync sample
 * @param data        the bytes served
 */
public record StoredPart(long id, long msn, int index, double duration, boolean independent, byte[] data) {

    public StoredPart {
        Objects.requireNonNull(data, "data");
    }
}
