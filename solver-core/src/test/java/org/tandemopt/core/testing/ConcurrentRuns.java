package org.tandemopt.core.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The concurrency harness of the robustness tests: runs every task sequentially, then in {@code threads} threads
 * released together by a latch (each thread starting at a different task, so that different solvers overlap),
 * and hands each concurrent result with its sequential twin to an equality assertion.
 */
public final class ConcurrentRuns {

    private ConcurrentRuns() {
    }

    /**
     * @return the sequential results (for further checks), after every concurrent result has been asserted equal
     *         to them
     */
    public static <T> List<T> assertSameAsSequential(int threads, List<Callable<T>> tasks,
                                                     BiConsumer<T, T> assertEqual) throws Exception {
        List<T> sequential = new ArrayList<>();
        for (Callable<T> t : tasks) {
            sequential.add(t.call());
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<T>>> futures = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                int offset = thread;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    List<T> out = new ArrayList<>(tasks.size());
                    for (int k = 0; k < tasks.size(); k++) {
                        out.add(null);
                    }
                    for (int k = 0; k < tasks.size(); k++) {
                        int i = (k + offset) % tasks.size();
                        out.set(i, tasks.get(i).call());
                    }
                    return out;
                }));
            }
            assertTrue(ready.await(30, TimeUnit.SECONDS), "threads did not start");
            go.countDown();
            for (Future<List<T>> f : futures) {
                List<T> got = f.get(300, TimeUnit.SECONDS);
                for (int i = 0; i < tasks.size(); i++) {
                    assertEqual.accept(sequential.get(i), got.get(i));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return sequential;
    }
}
