package dev.liftoff.migrate.phases;

import dev.liftoff.migrate.runbook.DataHandoff;
import dev.liftoff.migrate.runbook.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * The cutover's data levers over every store the migration syncs. Finish and verify run on every store at once:
 * they run while writes are frozen, so the freeze lasts as long as the slowest store, not the sum of them.
 */
public final class SyncedData implements DataHandoff {
    private final List<StoreLink> stores;

    public SyncedData(List<StoreLink> stores) {
        this.stores = List.copyOf(stores);
    }

    @Override
    public Duration lag() {
        Duration max = Duration.ZERO;
        for (StoreLink s : stores) {
            Duration lag = s.lag();
            if (lag.compareTo(max) > 0) {
                max = lag;
            }
        }
        return max;
    }

    @Override
    public boolean finish(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            return false;
        }
        return eachAtOnce(s -> s.finish(timeout)).stream().allMatch(Boolean::booleanValue);
    }

    @Override
    public Verdict quickVerify(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            return Verdict.differs("no time left to verify");
        }
        return combined(eachAtOnce(s -> Optional.of(s.quickVerify(timeout)))).orElseThrow();
    }

    @Override
    public Verdict pinForAfterSwitch(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            return Verdict.differs("no time left to verify");
        }
        return combined(eachAtOnce(s -> Optional.of(s.pin(timeout)))).orElseThrow();
    }

    @Override
    public Optional<Verdict> verifyPinned() {
        return combined(eachAtOnce(StoreLink::verifyPinned));
    }

    @Override
    public void releasePinned() {
        stores.forEach(StoreLink::releasePinned);
    }

    /** The first store's difference, else every store's summary; empty when no store gave a verdict. */
    private Optional<Verdict> combined(List<Optional<Verdict>> verdicts) {
        List<String> summaries = new ArrayList<>();
        for (int i = 0; i < stores.size(); i++) {
            if (verdicts.get(i).isEmpty()) {
                continue;
            }
            Verdict v = verdicts.get(i).get();
            if (!v.same()) {
                return Optional.of(Verdict.differs(stores.get(i).name() + ": " + v.summary()));
            }
            summaries.add(stores.get(i).name() + " " + v.summary());
        }
        return summaries.isEmpty() ? Optional.empty() : Optional.of(Verdict.same(String.join("; ", summaries)));
    }

    /** Runs {@code action} on every store on its own thread; rethrows the first store's failure, in store order. */
    private <T> List<T> eachAtOnce(Function<StoreLink, T> action) {
        List<CompletableFuture<T>> futures = new ArrayList<>();
        for (StoreLink s : stores) {
            CompletableFuture<T> f = new CompletableFuture<>();
            Thread.ofPlatform().daemon().name("liftoff-cutover-" + s.name()).start(() -> {
                try {
                    f.complete(action.apply(s));
                } catch (RuntimeException | Error e) {
                    f.completeExceptionally(e);
                }
            });
            futures.add(f);
        }
        List<T> results = new ArrayList<>();
        for (CompletableFuture<T> f : futures) {
            try {
                results.add(f.join());
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw e;
            }
        }
        return results;
    }
}
