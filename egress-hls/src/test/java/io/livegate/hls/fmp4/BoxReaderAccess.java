package io.livegate.hls.fmp4;

import java.util.List;

/** Lets tests in other packages list the top-level boxes of a file. */
public final class BoxReaderAccess {

    private BoxReaderAccess() {
    }

    public static List<String> types(byte[] file) {
        return BoxReader.read(file).stream().map(BoxReader.Box::type).toList();
    }
}
