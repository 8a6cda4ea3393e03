package dev.liftoff.postgres.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NameFilterTest {
    @Test
    void leavesOutSystemSchemasAndLiftoffsOwn() {
        NameFilter all = NameFilter.all();
        assertThat(all.schema("public")).isTrue();
        assertThat(all.schema("_liftoff")).isFalse();
        assertThat(all.schema("pg_catalog")).isFalse();
        assertThat(all.schema("information_schema")).isFalse();
        assertThat(all.schema("pg_toast")).isFalse();
        assertThat(all.schema("pg_temp_3")).isFalse();
        assertThat(all.relation("_liftoff", "journal")).isFalse();
    }

    @Test
    void keepsOnlyTheNamedSchemas() {
        NameFilter f = new NameFilter(List.of("app"), List.of(), List.of());
        assertThat(f.relation("app", "orders")).isTrue();
        assertThat(f.relation("public", "orders")).isFalse();
        assertThat(f.relationsOnly()).isFalse();
    }

    @Test
    void matchesQualifiedAndUnqualifiedPatternsWithWildcards() {
        NameFilter f = new NameFilter(List.of(), List.of("public.order*", "users"), List.of("*_old"));
        assertThat(f.relation("public", "orders")).isTrue();
        assertThat(f.relation("public", "order_items")).isTrue();
        assertThat(f.relation("other", "orders")).isFalse();
        assertThat(f.relation("other", "users")).isTrue();
        assertThat(f.relation("public", "orders_old")).isFalse();
        assertThat(f.relation("public", "customers")).isFalse();
        assertThat(f.relationsOnly()).isTrue();
    }

    @Test
    void treatsRegexCharactersLiterally() {
        NameFilter f = new NameFilter(List.of(), List.of("a+b", "x.y(z)"), List.of());
        assertThat(f.relation("s", "a+b")).isTrue();
        assertThat(f.relation("s", "aab")).isFalse();
        assertThat(f.relation("x", "y(z)")).isTrue();
        assertThat(f.relation("xay", "(z)")).isFalse();
    }

    @Test
    void namesAreCaseSensitiveAsPostgresStoresThem() {
        NameFilter f = new NameFilter(List.of(), List.of("Order"), List.of());
        assertThat(f.relation("app", "Order")).isTrue();
        assertThat(f.relation("app", "order")).isFalse();
    }
}
