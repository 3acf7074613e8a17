package io.livegate.srt.binding;

import com.sun.jna.Pointer;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Linux {@code struct sockaddr_in} (16 bytes) and {@code sockaddr_in6} (28 bytes) in native byte order for the
 * family, network order for port and address.
 */
public final class SockAddr {
    private SockAddr() {
    }

    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    /** Room for either form ({@code sizeof(sockaddr_storage)} is larger, but libsrt writes at most 28). */
    public static final int MAX_SIZE = 128;

    public static byte[] encode(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        int port = address.getPort();
        byte[] raw = ip.getAddress();
        byte[] out;
        int offset;
        if (ip instanceof Inet4Address) {
            out = new byte[16];
            putFamily(out, AF_INET);
            offset = 4;
        } else {
            out = new byte[28];
            putFamily(out, AF_INET6);
            offset = 8;
            if (ip instanceof Inet6Address v6 && v6.getScopeId() != 0) {
                int scope = v6.getScopeId();
                out[24] = (byte) scope;
                out[25] = (byte) (scope >> 8);
                out[26] = (byte) (scope >> 16);
                out[27] = (byte) (scope >> 24);
            }
        }
        out[2] = (byte) (port >> 8);
        out[3] = (byte) port;
        System.arraycopy(raw, 0, out, offset, raw.length);
        return out;
    }

    /** Decodes a sockaddr, or returns null for an unknown family or a short buffer. */
    public static InetSocketAddress decode(byte[] buf, int len) {
        if (len < 2) {
            return null;
        }
        int family = (buf[0] & 0xff) | (buf[1] & 0xff) << 8; // sa_family_t is host order (little-endian here)
        try {
            if (family == AF_INET && len >= 8) {
                int port = (buf[2] & 0xff) << 8 | buf[3] & 0xff;
                byte[] ip = new byte[4];
                System.arraycopy(buf, 4, ip, 0, 4);
                return new InetSocketAddress(InetAddress.getByAddress(ip), port);
            }
            if (family == AF_INET6 && len >= 24) {
                int port = (buf[2] & 0xff) << 8 | buf[3] & 0xff;
                byte[] ip = new byte[16];
                System.arraycopy(buf, 8, ip, 0, 16);
                return new InetSocketAddress(InetAddress.getByAddress(ip), port);
            }
        } catch (UnknownHostException e) {
            return null; // only thrown for a wrong array length, excluded above
        }
        return null;
    }

    /** Decodes the sockaddr libsrt passes to the listen callback. */
    public static InetSocketAddress decode(Pointer p) {
        if (p == null) {
            return null;
        }
        int family = p.getShort(0) & 0xffff;
        int len = family == AF_INET6 ? 28 : 16;
        return decode(p.getByteArray(0, len), len);
    }

    private static void putFamily(byte[] out, int family) {
        out[0] = (byte) family;
        out[1] = (byte) (family >> 8);
    }
}
