package io.livegate.hls.muxer;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts HLS viewers from playlist polling: a viewer is a client key (address and user agent) that fetched a
 * media playlist within the session timeout. Bounded: past {@code max} keys, new ones are counted only once old
 * ones expire. Used on the muxer's event loop only.
 */
final class ViewerSessions {

    private final long timeoutNanos;
    private final int max;
    private final LinkedHashMap<String, Long> lastSeen = new LinkedHashMap<>(16, 0.75f, true);

    ViewerSessions(long timeoutNanos, int max) {
        this.timeoutNanos = timeoutNanos;
        this.max = max;
    }

    void touch(String key, long nowNanos) {
        expire(nowNanos);
        if (lastSeen.containsKey(key) || lastSeen.size() < max) {
            lastSeen.put(key, nowNanos);
        }
    }

    int count(long nowNanos) {
        expire(nowNanos);
        return lastSeen.size();
    }

    private void expire(long nowNanos) {
        // Access order: the least recently seen come first.
        Iterator<Map.Entry<String, Long>> it = lastSeen.entrySet().iterator();
        while (it.hasNext()) {
            if (nowNanos - it.next().getValue() > timeoutNanos) {
                it.remove();
            } else {
                break;
            }
        }
    }
}
