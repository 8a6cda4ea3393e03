package dev.liftoff.postgres.copy;

import dev.liftoff.postgres.journal.CopyJournal.ChunkState;
import dev.liftoff.postgres.journal.JournalStore.Chunk;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits the copy into chunks. A table larger than the chunk size is cut into ctid block ranges, as many as needed
 * and rounded up to a multiple of the jobs so the ranges share out evenly; the last range is open-ended, so rows that
 * sit in blocks added after the size was measured are still copied. TID range scans (PostgreSQL 14+) read only each
 * range's blocks; on older servers tables are copied whole. Large objects go in batches. Stateless.
 */
final class ChunkPlanner {
    /** Large objects per batch: one transaction each on the target. */
    static final int LARGE_OBJECTS_PER_CHUNK = 500;

    private ChunkPlanner() {}

    static List<Chunk> plan(SourceCatalog catalog, long chunkBytes, int jobs, boolean tidRanges) {
        List<Chunk> out = new ArrayList<>();
        for (SourceCatalog.Table t : catalog.tables()) {
            long blocks = t.bytes() / t.blockSize();
            int n = 1;
            if (tidRanges && t.bytes() > chunkBytes && blocks > 1) {
                long wanted = (t.bytes() + chunkBytes - 1) / chunkBytes;
                wanted = ((wanted + jobs - 1) / jobs) * jobs;
                n = (int) Math.min(wanted, blocks);
            }
            if (n == 1) {
                out.add(new Chunk(
                        out.size() + 1, t.name(), ChunkState.ROWS, null, null, List.of(), false, 0, 0, 0, null));
                continue;
            }
            long per = (blocks + n - 1) / n;
            for (int i = 0; i < n; i++) {
                Long first = i == 0 ? null : i * per;
                Long end = i == n - 1 ? null : (i + 1) * per;
                out.add(new Chunk(
                        out.size() + 1, t.name(), ChunkState.ROWS, first, end, List.of(), false, 0, 0, 0, null));
            }
        }
        List<Long> los = catalog.largeObjects();
        for (int i = 0; i < los.size(); i += LARGE_OBJECTS_PER_CHUNK) {
            List<Long> batch = los.subList(i, Math.min(los.size(), i + LARGE_OBJECTS_PER_CHUNK));
            out.add(new Chunk(out.size() + 1, null, ChunkState.LARGE_OBJECTS, null, null, batch, false, 0, 0, 0, null));
        }
        return out;
    }
}
