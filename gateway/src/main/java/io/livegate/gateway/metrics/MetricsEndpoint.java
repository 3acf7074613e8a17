package io.livegate.gateway.metrics;

import io.livegate.gateway.http.HttpResponses;
import io.livegate.gateway.http.HttpRoute;
import io.livegate.hls.HlsEgress;
import io.livegate.rtmp.RtmpServer;
import io.livegate.srt.SrtServer;
import io.livegate.whip.WhipIngest;
import io.livegate.whep.WhepEgress;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;

/** {@code GET /metrics} in the Prometheus text exposition format 0.0.4. */
public final class MetricsEndpoint implements HttpRoute, AutoCloseable {

    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final BusMetrics bus;
    private volatile SessionMetrics sessions;
    private final HttpResponses responses;
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public MetricsEndpoint(BusMetrics bus, HttpResponses responses) {
        this.bus = bus;
        this.responses = responses;
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        bus.bindTo(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Adds the protocol modules' per-session series (modules that are off are null). */
    public void bindSessions(RtmpServer rtmp, SrtServer srt, WhipIngest whip, HlsEgress hls, WhepEgress whep) {
        sessions = new SessionMetrics(registry, rtmp, srt, whip, hls, whep);
    }

    @Override
    public boolean handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!new QueryStringDecoder(request.uri()).path().equals("/metrics")) {
            return false;
        }
        bus.refresh();
        SessionMetrics s = sessions;
        if (s != null) {
            s.refresh();
        }
        responses.send(ctx, request, HttpResponseStatus.OK, CONTENT_TYPE,
                registry.scrape().getBytes(StandardCharsets.UTF_8));
        return true;
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
