package io.livegate.rtmp;

import io.livegate.rtmp.amf.Amf0Reader;
import io.livegate.rtmp.amf.Amf0Writer;
import io.livegate.rtmp.amf.AmfLimits;
import io.livegate.rtmp.chunk.RtmpChunkDecoder;
import io.livegate.rtmp.chunk.RtmpChunkEncoder;
import io.livegate.rtmp.chunk.RtmpControl;
import io.livegate.rtmp.chunk.RtmpLimits;
import io.livegate.rtmp.chunk.RtmpMessage;
import io.livegate.rtmp.chunk.RtmpMessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A minimal blocking RTMP publisher for tests: simple handshake, connect/createStream/publish, raw media
 * messages. Chunking uses the module's own encoder/decoder (tested separately against crafted bytes).
 */
final class TestRtmpClient implements AutoCloseable {
    final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final EmbeddedChannel encoder = new EmbeddedChannel(new RtmpChunkEncoder());
    private final EmbeddedChannel decoder = new EmbeddedChannel(new RtmpChunkDecoder(RtmpLimits.DEFAULTS));
    private double txn = 1;

    TestRtmpClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    void handshake() throws IOException {
        byte[] c0c1 = new byte[1537];
        c0c1[0] = 3;
        out.write(c0c1);
        byte[] s = in.readNBytes(3073);
        if (s.length != 3073) {
            throw new IOException("short handshake reply: " + s.length);
        }
        out.write(s, 1, 1536); // C2 echoes S1
        out.flush();
    }

    void send(RtmpMessage msg) throws IOException {
        encoder.writeOutbound(msg);
        ByteBuf b;
        while ((b = encoder.readOutbound()) != null) {
            try {
                b.readBytes(out, b.readableBytes());
            } finally {
                b.release();
            }
        }
        out.flush();
    }

    void command(int streamId, Object... values) throws IOException {
        ByteBuf body = Unpooled.buffer();
        Amf0Writer.write(body, values);
        send(new RtmpMessage(3, RtmpMessageType.COMMAND_AMF0, 0, streamId, body));
    }

    void setChunkSize(int size) throws IOException {
        send(RtmpControl.setChunkSize(size));
    }

    /** connect, createStream, publish; returns the onStatus code of the publish. */
    String publish(String app, String name) throws IOException {
        command(0, "connect", txn++, Map.of("app", app, "tcUrl", "rtmp://127.0.0.1/" + app, "flashVer",
                "FMLE/3.0 (compatible; test)", "type", "nonprivate"));
        return publishConnected(name);
    }

    /** releaseStream, FCPublish, createStream, publish on an already connected client. */
    String publishConnected(String name) throws IOException {
        command(0, "releaseStream", txn++, null, name);
        command(0, "FCPublish", txn++, null, name);
        command(0, "createStream", txn++, null);
        command(1, "publish", txn++, null, name, "live");
        return awaitStatus();
    }

    /** Reads until an onStatus arrives; returns its code, or null if the server closed first. */
    String awaitStatus() throws IOException {
        return awaitCommand("onStatus");
    }

    /**
     * Reads until the named command arrives; returns the code of its info object (4th value) or, for _result, of
     * its 4th value when that is an object; null if the server closed first.
     */
    String awaitCommand(String wanted) throws IOException {
        while (true) {
            for (RtmpMessage m : readMessages()) {
                try {
                    if (m.typeId() == RtmpMessageType.COMMAND_AMF0) {
                        List<Object> v = new Amf0Reader(m.body(), AmfLimits.DEFAULTS).readAll();
                        if (wanted.equals(v.get(0)) && v.size() > 3 && v.get(3) instanceof Map<?, ?> info) {
                            return (String) info.get("code");
                        }
                    }
                } finally {
                    m.release();
                }
            }
            if (!socket.isConnected() || closedByPeer) {
                return null;
            }
        }
    }

    private boolean closedByPeer;

    /** Reads what has arrived (blocking up to the socket timeout for the first bytes). */
    List<RtmpMessage> readMessages() throws IOException {
        byte[] buf = new byte[65536];
        int n;
        try {
            n = in.read(buf);
        } catch (SocketTimeoutException e) {
            return List.of();
        }
        if (n < 0) {
            closedByPeer = true;
            return List.of();
        }
        decoder.writeInbound(Unpooled.wrappedBuffer(buf, 0, n));
        List<RtmpMessage> msgs = new ArrayList<>();
        RtmpMessage m;
        while ((m = decoder.readInbound()) != null) {
            msgs.add(m);
        }
        decoder.releaseOutbound();
        return msgs;
    }

    /** True once the server closed the connection (reads until EOF, bounded by the socket timeout). */
    boolean waitClosed(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            try {
                for (RtmpMessage m : readMessages()) {
                    m.release();
                }
            } catch (IOException e) {
                return true; // reset
            }
            if (closedByPeer) {
                return true;
            }
        }
        return false;
    }

    void video(long ts, byte[] tag) throws IOException {
        send(new RtmpMessage(6, RtmpMessageType.VIDEO, ts, 1, Unpooled.wrappedBuffer(tag)));
    }

    void audio(long ts, byte[] tag) throws IOException {
        send(new RtmpMessage(4, RtmpMessageType.AUDIO, ts, 1, Unpooled.wrappedBuffer(tag)));
    }

    @Override
    public void close() throws IOException {
        socket.close();
        encoder.finishAndReleaseAll();
        decoder.finishAndReleaseAll();
    }
}
