package io.livegate.rtc.srtp;

import java.util.HexFormat;

final class Hex {
    private Hex() {
    }

    static byte[] of(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s", ""));
    }
}
