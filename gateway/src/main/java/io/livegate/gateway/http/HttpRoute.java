package io.livegate.gateway.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;

/**
 * One endpoint (or family of endpoints) of the HTTP server. Runs on the connection's event loop and must not
 * block. It must not release {@code request} (the router does, after it returns); to answer later it retains
 * what it keeps.
 */
@FunctionalInterface
public interface HttpRoute {

    /** Writes a response and returns true, or returns false when the request is not for this route. */
    boolean handle(ChannelHandlerContext ctx, FullHttpRequest request) throws Exception;
}
