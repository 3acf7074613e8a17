package io.livegate.gateway.pages;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * One file the pages serve, held in memory: its bytes, media type and strong entity tag.
 *
 * @param name        the file name under {@code /pages/}
 * @param contentType the {@code Content-Type} value
 * @param body        the bytes (never modified)
 * @param etag        a strong entity tag, quoted (RFC 9110 8.8.3), derived from the bytes
 */
public record PageFile(String name, String contentType, byte[] body, String etag) {

    /** A file with its tag computed from its bytes. */
    public static PageFile of(String name, String contentType, byte[] body) {
        return new PageFile(name, contentType, body, etagOf(body));
    }

    /** Reads {@code name} from the classpath next to this class; a missing file is a broken build. */
    static PageFile resource(String name) {
        try (InputStream in = PageFile.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("page file " + name + " is missing from the build");
            }
            return of(name, contentTypeOf(name), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("page file " + name + " unreadable", e);
        }
    }

    static String contentTypeOf(String name) {
        String ext = name.substring(name.lastIndexOf('.') + 1);
        return switch (ext) {
            case "html" -> "text/html; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            // RFC 9239: text/javascript is the one media type for JavaScript, modules included.
            case "js" -> "text/javascript; charset=utf-8";
            case "json" -> "application/json; charset=utf-8";
            case "svg" -> "image/svg+xml";
            default -> throw new IllegalArgumentException("no media type for " + name);
        };
    }

    private static String etagOf(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            // 96 bits: collisions between versions of one file are not a concern at this size.
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }
}
