package io.livegate.rtmp.amf;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An AMF0 ECMA array (associative array, marker 0x08): a map that the writer encodes as an ECMA array rather
 * than an anonymous object. onMetaData is sent this way.
 */
public final class AmfEcmaArray extends LinkedHashMap<String, Object> {
    private static final long serialVersionUID = 1L;

    public AmfEcmaArray() {
    }

    public AmfEcmaArray(Map<String, Object> entries) {
        super(entries);
    }
}
