package dev.liftoff.migrate;

/**
 * One store's live sync as {@code migrate status} shows it.
 *
 * @param store {@code postgres} or {@code redis}
 * @param phase the sync's phase ({@code copying}, {@code streaming} ...), or {@code unknown} when it could not be read
 * @param running whether a sync process applies changes now
 * @param lagSeconds how far the target is behind, when known
 * @param note why the figures are missing, when they are
 */
public record SyncLag(String store, String phase, boolean running, Double lagSeconds, String note) {}
