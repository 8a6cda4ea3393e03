package dev.liftoff.postgres.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liftoff.postgres.verify.Catalog.Column;
import dev.liftoff.postgres.verify.Catalog.Key;
import dev.liftoff.postgres.verify.TablePlan.Chunk;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TablePlanTest {
    private static final List<Column> COLUMNS =
            List.of(new Column("a", "a", "integer"), new Column("Select", "\"Select\"", "text"));

    @Test
    void readsRowsOfTheTableItselfNotOfItsChildren() {
        TablePlan p = new TablePlan("public.t", COLUMNS, Optional.empty(), new Split.None());
        assertThat(p.digestSql(Chunk.ALL))
                .isEqualTo("SELECT 0, count(*), sum((coalesce(hashint4extended(t.a, 1), -1)"
                        + " # coalesce(hashtextextended(t.\"Select\" COLLATE \"C\", 2), -2))) FROM ONLY public.t t"
                        + " WHERE true");
    }

    @Test
    void hashesTypesWithoutAnExactBinaryHashThroughTheirText() {
        List<Column> columns = List.of(
                new Column("id", "id", "bigint"),
                new Column("price", "price", "numeric(10,2)"),
                new Column("doc", "doc", "jsonb"),
                new Column("mood", "mood", "app.mood"),
                new Column("at", "at", "timestamp with time zone"));
        TablePlan p = new TablePlan("t", columns, Optional.empty(), new Split.None());
        assertThat(p.rowHash())
                .isEqualTo("(hashtextextended(ROW(t.price, t.doc, t.mood)::text COLLATE \"C\", 0)"
                        + " # coalesce(hashint8extended(t.id, 1), -1)"
                        + " # coalesce(timestamp_hash_extended(t.at::timestamp, 5), -5))");
    }

    @Test
    void hashesARowWithoutColumnsToo() {
        TablePlan p = new TablePlan("t", List.of(), Optional.empty(), new Split.None());
        assertThat(p.rowHash()).isEqualTo("(hashtextextended(ROW()::text COLLATE \"C\", 0))");
    }

    @Test
    void showsKeysWithTheirColumnNames() {
        Key single = new Key(List.of("id"), List.of("id"), List.of("integer"));
        Key pair = new Key(List.of("a", "b"), List.of("a", "b"), List.of("integer", "text"));
        assertThat(new TablePlan("t", COLUMNS, Optional.of(single), new Split.None()).keyLabel("42"))
                .isEqualTo("id=42");
        assertThat(new TablePlan("t", COLUMNS, Optional.of(pair), new Split.None()).keyLabel("(1,x)"))
                .isEqualTo("(a, b)=(1,x)");
    }

    @Test
    void hashesEachRowOnceWhenBucketsComeFromTheRowHash() {
        TablePlan p = new TablePlan("t", COLUMNS, Optional.empty(), new Split.Hash(4, false));
        String sql = p.digestSql(new Chunk(10, 20));
        assertThat(sql).containsOnlyOnce("hashint4extended(");
        assertThat(sql)
                .contains("t.ctid >= '(10,0)'::tid AND t.ctid < '(20,0)'::tid")
                .contains("OFFSET 0");
    }

    @Test
    void chunksCoverEveryPageAndLeaveTheLastOneOpen() {
        List<Chunk> chunks = TablePlan.chunks(100, 1_000_000, 250_000, true);
        assertThat(chunks).containsExactly(new Chunk(0, 25), new Chunk(25, 50), new Chunk(50, 75), new Chunk(75, -1));
        assertThat(chunks.get(0).predicate()).isEqualTo("t.ctid < '(25,0)'::tid");
        assertThat(chunks.get(3).predicate()).isEqualTo("t.ctid >= '(75,0)'::tid");
    }

    @Test
    void readsSmallTablesAndOldServersInOnePiece() {
        assertThat(TablePlan.chunks(100, 1_000, 250_000, true)).containsExactly(Chunk.ALL);
        assertThat(TablePlan.chunks(100, 1_000_000, 250_000, false)).containsExactly(Chunk.ALL);
        assertThat(TablePlan.chunks(2, 1_000_000, 1_000, true)).hasSize(2);
    }
}
