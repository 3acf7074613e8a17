package io.livegate.rtc.transport;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.RejectedExecutionException;

/**
 * Writes to one channel and flushes once per event-loop turn, so a burst of packets written in one
 * turn leaves in one sendmmsg (epoll) instead of one syscall each. Writes from other threads hop
 * onto the loop first: the pending-flush flag is then only ever touched by the loop thread.
 */
final class BatchingWriter {
    private final Channel channel;
    private final EventLoop loop;
    private final Runnable flushTask = this::flushNow;
    private boolean flushPending;

    BatchingWriter(Channel channel) {
        this.channel = channel;
        this.loop = channel.eventLoop();
    }

    Channel channel() {
        return channel;
    }

    /** Queues {@code msg} (ownership passes here) and makes sure a flush follows this loop turn. */
    void write(Object msg) {
        if (loop.inEventLoop()) {
            writeInLoop(msg);
            return;
        }
        try {
            loop.execute(() -> writeInLoop(msg));
        } catch (RejectedExecutionException e) {
            ReferenceCountUtil.release(msg);
        }
    }

    private void writeInLoop(Object msg) {
        if (!channel.isActive()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        channel.write(msg, channel.voidPromise());
        if (!flushPending) {
            flushPending = true;
            loop.execute(flushTask);
        }
    }

    private void flushNow() {
        flushPending = false;
        channel.flush();
    }
}
