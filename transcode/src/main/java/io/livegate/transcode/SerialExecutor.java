package io.livegate.transcode;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs tasks one at a time, in order, on another executor. A viewer's router subscription and its Opus feed
 * both run on one of these over the viewer's executor, so the viewer's callbacks never overlap even when that
 * executor is a pool.
 */
final class SerialExecutor implements Executor {

    /** Tasks per turn on the underlying executor, so one busy viewer does not monopolise an event loop. */
    private static final int BATCH = 64;

    private final Executor target;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Runnable drain = this::drain;

    SerialExecutor(Executor target) {
        this.target = target;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        schedule();
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                target.execute(drain);
            } catch (RejectedExecutionException e) {
                tasks.clear();
                scheduled.set(false);
                throw e;
            }
        }
    }

    private void drain() {
        try {
            for (int i = 0; i < BATCH; i++) {
                Runnable r = tasks.poll();
                if (r == null) {
                    break;
                }
                r.run();
            }
        } finally {
            scheduled.set(false);
            if (!tasks.isEmpty()) {
                try {
                    schedule();
                } catch (RejectedExecutionException e) {
                    // The target is gone; nothing will run these tasks.
                }
            }
        }
    }
}
