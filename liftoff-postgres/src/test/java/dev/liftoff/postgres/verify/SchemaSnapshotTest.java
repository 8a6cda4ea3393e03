package dev.liftoff.postgres.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.liftoff.postgres.VerifyResult.SchemaDifference;
import dev.liftoff.postgres.verify.SchemaSnapshot.Descriptor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SchemaSnapshotTest {
    private static SchemaSnapshot snapshot(Descriptor... descriptors) {
        Map<String, Descriptor> m = new LinkedHashMap<>();
        for (Descriptor d : descriptors) {
            m.put(d.key(), d);
        }
        return new SchemaSnapshot(m);
    }

    private static Descriptor d(String kind, String name, String parent, String... props) {
        TreeMap<String, String> p = new TreeMap<>();
        for (int i = 0; i < props.length; i += 2) {
            p.put(props[i], props[i + 1]);
        }
        return new Descriptor(kind, name, parent, p);
    }

    @Test
    void equalDefinitionsHaveNoDifferences() {
        SchemaSnapshot a =
                snapshot(d("table", "public.t", null), d("column", "public.t.id", "table public.t", "type", "integer"));
        SchemaSnapshot b =
                snapshot(d("table", "public.t", null), d("column", "public.t.id", "table public.t", "type", "integer"));
        assertThat(a.differences(b)).isEmpty();
    }

    @Test
    void namesWhatDiffersWithBothValues() {
        SchemaSnapshot a = snapshot(d("column", "public.t.qty", null, "type", "integer", "not null", "yes"));
        SchemaSnapshot b = snapshot(d("column", "public.t.qty", null, "type", "bigint"));
        assertThat(a.differences(b))
                .containsExactly(new SchemaDifference(
                        "column",
                        "public.t.qty",
                        "not null: yes on source, none on target; type: integer on source," + " bigint on target"));
    }

    @Test
    void longValuesAreSaidToDifferWithoutBeingPrinted() {
        SchemaSnapshot a = snapshot(d("function", "public.f()", null, "definition", "CREATE FUNCTION\nbody one"));
        SchemaSnapshot b = snapshot(d("function", "public.f()", null, "definition", "CREATE FUNCTION\nbody two"));
        assertThat(a.differences(b))
                .containsExactly(new SchemaDifference("function", "public.f()", "definition differs"));
    }

    @Test
    void aMissingTableIsNamedOnceNotWithEachOfItsColumns() {
        SchemaSnapshot a = snapshot(
                d("table", "public.t", null),
                d("column", "public.t.id", "table public.t", "type", "integer"),
                d("index", "public.t_pkey", "table public.t", "definition", "CREATE UNIQUE INDEX ..."));
        SchemaSnapshot b = snapshot(d("table", "public.u", null));
        assertThat(a.differences(b))
                .containsExactly(
                        new SchemaDifference("table", "public.t", "missing on target"),
                        new SchemaDifference("table", "public.u", "extra on target"));
    }

    @Test
    void aMissingIndexOfAnExistingTableIsNamed() {
        SchemaSnapshot a = snapshot(
                d("table", "public.t", null), d("index", "public.t_x", "table public.t", "definition", "CREATE INDEX"));
        SchemaSnapshot b = snapshot(d("table", "public.t", null));
        assertThat(a.differences(b)).containsExactly(new SchemaDifference("index", "public.t_x", "missing on target"));
    }
}
