package io.livegate.gateway.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.livegate.gateway.http.HttpResponses;
import io.livegate.gateway.http.HttpRoute;
import io.livegate.router.Stream;
import io.livegate.router.StreamRegistry;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** {@code GET /api/v1/streams} and {@code GET /api/v1/streams/{path}}. */
public final class StreamsApi implements HttpRoute {

    static final String PREFIX = "/api/v1/streams";

    private final StreamRegistry registry;
    private final HttpResponses responses;
    private final List<StreamDetails> details;
    private final ObjectMapper mapper = new ObjectMapper();

    public StreamsApi(StreamRegistry registry, HttpResponses responses, List<StreamDetails> details) {
        this.registry = registry;
        this.responses = responses;
        this.details = List.copyOf(details);
    }

    private ObjectNode render(Stream s) {
        ObjectNode o = StreamJson.of(s);
        details.forEach(d -> d.describe(s.path(), o));
        return o;
    }

    @Override
    public boolean handle(ChannelHandlerContext ctx, FullHttpRequest request) throws Exception {
        String path = new QueryStringDecoder(request.uri()).path();
        if (!path.equals(PREFIX) && !path.startsWith(PREFIX + "/")) {
            return false;
        }
        if (HttpMethod.OPTIONS.equals(request.method())) {
            return false; // the router answers CORS preflights for every gateway endpoint
        }
        if (!HttpMethod.GET.equals(request.method()) && !HttpMethod.HEAD.equals(request.method())) {
            responses.error(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, "use GET");
            return true;
        }
        if (path.equals(PREFIX) || path.equals(PREFIX + "/")) {
            ObjectNode body = mapper.createObjectNode();
            ArrayNode items = body.putArray("streams");
            List<Stream> streams = registry.streams().stream().sorted(Comparator.comparing(Stream::path)).toList();
            streams.forEach(s -> items.add(render(s)));
            responses.send(ctx, request, HttpResponseStatus.OK, HttpResponses.JSON, mapper.writeValueAsBytes(body));
            return true;
        }
        String streamPath = path.substring(PREFIX.length() + 1);
        Optional<Stream> stream = registry.find(streamPath);
        if (stream.isEmpty()) {
            responses.error(ctx, request, HttpResponseStatus.NOT_FOUND, "no stream at " + streamPath);
            return true;
        }
        responses.send(ctx, request, HttpResponseStatus.OK, HttpResponses.JSON,
                mapper.writeValueAsBytes(render(stream.get())));
        return true;
    }
}
