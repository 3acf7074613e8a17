package io.livegate.gateway;

import io.livegate.gateway.api.HealthApi;
import io.livegate.gateway.api.ModuleDetails;
import io.livegate.gateway.api.StreamDetails;
import io.livegate.gateway.api.StreamsApi;
import io.livegate.gateway.config.GatewayConfig;
import io.livegate.gateway.http.HttpChannelInitializer;
import io.livegate.gateway.http.HttpRequestRouter;
import io.livegate.gateway.http.HttpResponses;
import io.livegate.gateway.http.HttpRoute;
import io.livegate.gateway.http.HttpServer;
import io.livegate.gateway.metrics.BusMetrics;
import io.livegate.gateway.metrics.MetricsEndpoint;
import io.livegate.gateway.pages.PagesRoute;
import io.livegate.gateway.pages.PublishHints;
import io.livegate.hls.HlsEgress;
import io.livegate.rtc.transport.WebRtcPort;
import io.livegate.transcode.OpusTranscoding;
import io.livegate.whep.WhepEgress;
import io.livegate.whip.WhipIngest;
import io.livegate.router.PublishHook;
import io.livegate.router.StreamRouter;
import io.livegate.rtmp.RtmpServer;
import io.livegate.srt.SrtServer;
import io.livegate.srt.binding.SrtException;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One running LiveGate: the router, every enabled protocol module, and the HTTP server in front of them. */
public final class Gateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final GatewayConfig config;
    private final StreamRouter router;
    private final EventLoopGroup group;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private HttpServer http;
    private RtmpServer rtmp;
    private SrtServer srt;
    private HlsEgress hls;
    private WebRtcPort webrtc;
    private OpusTranscoding opus;
    private WhepEgress whep;
    private WhipIngest whip;
    private boolean closed;

    public Gateway(GatewayConfig config) {
        this.config = config;
        this.router = new StreamRouter(config.router(), PublishHook.ALLOW_ALL);
        this.group = new MultiThreadIoEventLoopGroup(0,
                Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    /** Binds every listener; throws (after releasing what was bound) when one cannot start. */
    public Gateway start() throws Exception {
        try {
            // Modules first, so the API and metrics can describe them; HTTP last, so nothing half-built is served.
            if (config.hls() != null) {
                hls = new HlsEgress(config.hls(), router, group);
                closeables.add(hls);
            }
            if (config.rtmp() != null) {
                rtmp = new RtmpServer(config.rtmp(), router, group);
                closeables.add(rtmp);
                rtmp.start();
            }
            startSrt();
            if (config.whep() != null || config.whip() != null) {
                webrtc = new WebRtcPort(config.webrtc(), group);
                closeables.add(webrtc);
                webrtc.start();
            }
            if (config.whip() != null) {
                whip = new WhipIngest(config.whip(), router, webrtc);
                closeables.add(whip);
            }
            if (config.whep() != null) {
                opus = new OpusTranscoding(config.transcode(), router);
                closeables.add(opus);
                whep = new WhepEgress(config.whep(), router, webrtc, config.transcode().enabled() ? opus : null);
                whep.setServerOffer(config.whepServerOffer().enabled(), config.whepServerOffer().answerTimeout());
                closeables.add(whep);
            }

            HttpResponses responses = new HttpResponses(config.http().corsOrigin());
            List<HttpRoute> routes = new ArrayList<>();
            routes.add(new HealthApi(router, responses));
            if (config.metricsEnabled()) {
                MetricsEndpoint metrics = new MetricsEndpoint(new BusMetrics(router), responses);
                metrics.bindSessions(rtmp, srt, whip, hls, whep);
                closeables.add(metrics);
                routes.add(metrics);
            }
            List<StreamDetails> details = new ArrayList<>();
            if (rtmp != null) {
                details.add(ModuleDetails.rtmp(rtmp));
            }
            if (srt != null) {
                details.add(ModuleDetails.srt(srt));
            }
            if (hls != null) {
                details.add(ModuleDetails.hls(hls));
                routes.add(hls.handler()::handle);
            }
            if (whep != null) {
                details.add(ModuleDetails.whep(whep, opus));
            }
            if (whip != null) {
                details.add(ModuleDetails.whip(whip));
            }
            routes.add(new StreamsApi(router, responses, details));
            // WHEP and WHIP after the API: /api/v1/streams/live/whep is the API's (a stream may be named "whep").
            if (whep != null) {
                routes.add(whep::handle);
            }
            if (whip != null) {
                routes.add(whip::handle);
            }
            if (config.pages().enabled()) {
                // Last: the pages keep to their own prefixes and leave every stream URL to the modules above.
                routes.add(new PagesRoute(new PublishHints(rtmp == null ? -1 : rtmp.port(),
                        rtmp == null ? -1 : rtmp.tlsPort(), srt == null ? -1 : srt.port(), whip != null, whep != null,
                        hls != null)));
            }
            HttpRequestRouter httpRouter = new HttpRequestRouter(routes, responses);
            http = new HttpServer(config.http().host(), config.http().port(), group,
                    new HttpChannelInitializer(config.http().maxBodySize(), config.http().idleTimeout(), httpRouter));
            http.start();
            LOG.info("gateway started version={} http={}:{} rtmp={} rtmps={} srt={} hls={} whep={} whip={} webrtc={} "
                            + "transport={}",
                    Version.current(), config.http().host(), http.port(), rtmp == null ? "off" : rtmp.port(),
                    rtmp == null || rtmp.tlsPort() < 0 ? "off" : rtmp.tlsPort(), srt == null ? "off" : srt.port(),
                    hls == null ? "off" : "on", whep == null ? "off" : "on", whip == null ? "off" : "on",
                    webrtc == null ? "off" : webrtc.port(),
                    Epoll.isAvailable() ? "epoll" : "nio");
            return this;
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    private void startSrt() {
        if (config.srt() == null) {
            return;
        }
        srt = new SrtServer(config.srt(), router);
        try {
            srt.start();
            closeables.add(srt);
        } catch (SrtException e) {
            if (e.reason() != SrtException.Reason.LIBRARY_MISSING) {
                throw e;
            }
            // The rest of the gateway is useful without SRT; say plainly why it is off.
            LOG.warn("msg=\"srt disabled\" reason=\"{}\"", e.getMessage());
            srt = null;
        }
    }

    public int httpPort() {
        return http.port();
    }

    /** The RTMP server, or null when disabled. */
    public RtmpServer rtmp() {
        return rtmp;
    }

    /** The SRT server, or null when disabled or libsrt is missing. */
    public SrtServer srt() {
        return srt;
    }

    /** HLS egress, or null when disabled. */
    public HlsEgress hls() {
        return hls;
    }

    /** WHIP ingest, or null when disabled. */
    public WhipIngest whip() {
        return whip;
    }

    /** WHEP egress, or null when disabled. */
    public WhepEgress whep() {
        return whep;
    }

    public StreamRouter router() {
        return router;
    }

    /** Stops listeners, ends streams (publishers are disconnected, viewers told), then the event loops. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (http != null) {
            http.close();
        }
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                LOG.warn("msg=\"close failed\" component={}", closeables.get(i).getClass().getSimpleName(), e);
            }
        }
        router.close();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        LOG.info("gateway stopped");
    }
}
