package io.livegate.router;

/** Nothing publishes at the requested path. */
public final class StreamNotFoundException extends Exception {

    public StreamNotFoundException(String path) {
        super("no stream at " + path);
    }
}
