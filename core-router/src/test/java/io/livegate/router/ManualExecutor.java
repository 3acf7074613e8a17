package io.livegate.router;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/** An executor that runs nothing until told: a subscriber whose event loop is stalled. */
final class ManualExecutor implements Executor {
    private final Queue<Runnable> tasks = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable command) {
        tasks.add(command);
    }

    /** Runs queued tasks (and those they schedule) until none remain. */
    void runAll() {
        while (true) {
            Runnable r;
            synchronized (this) {
                r = tasks.poll();
            }
            if (r == null) {
                return;
            }
            r.run();
        }
    }
}
