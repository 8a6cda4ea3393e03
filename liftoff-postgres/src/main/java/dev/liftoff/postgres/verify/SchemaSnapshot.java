package dev.liftoff.postgres.verify;

import dev.liftoff.postgres.VerifyResult.SchemaDifference;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The definitions in one database, as normalized descriptions built from the catalog: each object (table, column,
 * constraint, index, trigger, view, materialized view, sequence, type, function, extension, schema) has a kind, a
 * qualified name and named properties whose values come from PostgreSQL's own deparsers ({@code format_type},
 * {@code pg_get_indexdef}, {@code pg_get_constraintdef}, ...) with an empty {@code search_path}, so every name in
 * them is qualified. Owners, grants, tablespaces and OIDs are not part of a description, so they never differ.
 * Objects of extensions and of liftoff's own {@code _liftoff} schema, including liftoff's capture triggers, are left
 * out. Immutable.
 */
record SchemaSnapshot(Map<String, Descriptor> objects) {
    SchemaSnapshot {
        objects = Collections.unmodifiableMap(new LinkedHashMap<>(objects));
    }

    /**
     * One object's description.
     *
     * @param parent the key of the object it belongs to (a column's table), or null
     * @param properties property name to value; a property that is not set is absent
     */
    record Descriptor(String kind, String name, String parent, SortedMap<String, String> properties) {
        String key() {
            return key(kind, name);
        }

        static String key(String kind, String name) {
            return kind + " " + name;
        }
    }

    private static final String RELATIONS_CTE = """
            WITH rels AS (
              SELECT c.*, n.nspname, quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS qname,
                     CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'table' WHEN 'f' THEN 'foreign table'
                       WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' ELSE 'sequence' END AS kind
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE c.relkind IN ('r', 'p', 'f', 'v', 'm', 'S') AND c.relpersistence <> 't'
                AND :user_schemas
                AND NOT EXISTS (SELECT 1 FROM pg_depend d
                                WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'))
            """;

    /** Queries on relations: kind, name, parent key, schema, relation, property, value. */
    private static final List<String> RELATION_QUERIES = List.of(
            RELATIONS_CTE + """
            SELECT r.kind, r.qname, NULL, r.nspname, r.relname, p.prop, p.val FROM rels r
            CROSS JOIN LATERAL (VALUES
              ('partitioned by', CASE WHEN r.relkind = 'p' THEN pg_get_partkeydef(r.oid) END),
              ('partition of', CASE WHEN r.relispartition THEN
                 (SELECT i.inhparent::regclass::text FROM pg_inherits i WHERE i.inhrelid = r.oid)
                 || ' ' || pg_get_expr(r.relpartbound, r.oid) END),
              ('inherits', CASE WHEN NOT r.relispartition THEN
                 (SELECT string_agg(i.inhparent::regclass::text, ', ' ORDER BY i.inhseqno)
                  FROM pg_inherits i WHERE i.inhrelid = r.oid) END),
              ('unlogged', CASE WHEN r.relkind IN ('r', 'p', 'm', 'S') THEN
                 CASE WHEN r.relpersistence = 'u' THEN 'yes' ELSE 'no' END END),
              ('storage options', array_to_string(r.reloptions, ', ')),
              ('row security', CASE WHEN r.relrowsecurity THEN
                 CASE WHEN r.relforcerowsecurity THEN 'enabled, forced' ELSE 'enabled' END END),
              ('replica identity', CASE WHEN r.relkind IN ('r', 'p') THEN
                 CASE r.relreplident WHEN 'f' THEN 'full' WHEN 'n' THEN 'nothing' WHEN 'i' THEN 'index' END END),
              ('definition', CASE WHEN r.relkind IN ('v', 'm') THEN pg_get_viewdef(r.oid, true) END),
              ('populated', CASE WHEN r.relkind = 'm' THEN CASE WHEN r.relispopulated THEN 'yes' ELSE 'no' END END),
              ('comment', obj_description(r.oid, 'pg_class'))
            ) AS p(prop, val)
            """,
            RELATIONS_CTE + """
            SELECT 'sequence', r.qname, NULL, r.nspname, r.relname, p.prop, p.val
            FROM rels r JOIN pg_sequence s ON s.seqrelid = r.oid
            CROSS JOIN LATERAL (VALUES
              ('type', format_type(s.seqtypid, NULL)),
              ('start', s.seqstart::text),
              ('increment', s.seqincrement::text),
              ('minimum', s.seqmin::text),
              ('maximum', s.seqmax::text),
              ('cache', s.seqcache::text),
              ('cycle', CASE WHEN s.seqcycle THEN 'yes' END),
              ('owned by', (SELECT d.refobjid::regclass::text || '.' || quote_ident(a.attname)
                            FROM pg_depend d
                            JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                            WHERE d.classid = 'pg_class'::regclass AND d.objid = r.oid
                              AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0
                              AND d.deptype IN ('a', 'i')
                            LIMIT 1))
            ) AS p(prop, val)
            """,
            RELATIONS_CTE + """
            SELECT 'column', r.qname || '.' || quote_ident(a.attname), r.kind || ' ' || r.qname, r.nspname, r.relname,
                   p.prop, p.val
            FROM rels r
            JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
            JOIN pg_type t ON t.oid = a.atttypid
            LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
            CROSS JOIN LATERAL (VALUES
              ('type', format_type(a.atttypid, a.atttypmod)),
              ('not null', CASE WHEN a.attnotnull THEN 'yes' ELSE 'no' END),
              ('default', CASE WHEN a.attgenerated = '' THEN pg_get_expr(ad.adbin, ad.adrelid) END),
              ('generated', CASE WHEN a.attgenerated = 's' THEN pg_get_expr(ad.adbin, ad.adrelid) END),
              ('identity', CASE a.attidentity WHEN 'a' THEN 'always' WHEN 'd' THEN 'by default' END),
              ('collation', CASE WHEN a.attcollation <> t.typcollation THEN
                 (SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname)
                  FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace
                  WHERE co.oid = a.attcollation) END),
              ('comment', col_description(r.oid, a.attnum))
            ) AS p(prop, val)
            WHERE r.relkind IN ('r', 'p', 'f', 'm')
            """,
            RELATIONS_CTE + """
            SELECT 'constraint', r.qname || '.' || quote_ident(co.conname), r.kind || ' ' || r.qname, r.nspname,
                   r.relname, p.prop, p.val
            FROM rels r JOIN pg_constraint co ON co.conrelid = r.oid
            CROSS JOIN LATERAL (VALUES
              ('definition', pg_get_constraintdef(co.oid)),
              ('comment', obj_description(co.oid, 'pg_constraint'))
            ) AS p(prop, val)
            """,
            RELATIONS_CTE + """
            SELECT 'index', quote_ident(r.nspname) || '.' || quote_ident(ic.relname), r.kind || ' ' || r.qname,
                   r.nspname, r.relname, p.prop, p.val
            FROM rels r JOIN pg_index i ON i.indrelid = r.oid JOIN pg_class ic ON ic.oid = i.indexrelid
            CROSS JOIN LATERAL (VALUES
              ('definition', pg_get_indexdef(i.indexrelid)),
              ('valid', CASE WHEN i.indisvalid THEN 'yes' ELSE 'no' END),
              ('comment', obj_description(i.indexrelid, 'pg_class'))
            ) AS p(prop, val)
            """,
            RELATIONS_CTE + """
            SELECT 'trigger', r.qname || '.' || quote_ident(tg.tgname), r.kind || ' ' || r.qname, r.nspname,
                   r.relname, p.prop, p.val
            FROM rels r JOIN pg_trigger tg ON tg.tgrelid = r.oid JOIN pg_proc f ON f.oid = tg.tgfoid
            CROSS JOIN LATERAL (VALUES
              ('definition', pg_get_triggerdef(tg.oid)),
              ('enabled', CASE tg.tgenabled WHEN 'O' THEN 'yes' WHEN 'D' THEN 'no' WHEN 'R' THEN 'on replica only'
                            WHEN 'A' THEN 'always' END),
              ('comment', obj_description(tg.oid, 'pg_trigger'))
            ) AS p(prop, val)
            WHERE NOT tg.tgisinternal AND tg.tgname NOT LIKE '\\_liftoff%'
              AND NOT EXISTS (SELECT 1 FROM pg_namespace fn WHERE fn.oid = f.pronamespace AND fn.nspname = '_liftoff')
            """);

    /** Queries on objects outside relations: kind, name, parent key, schema, relation (null), property, value. */
    private static final List<String> DATABASE_QUERIES = List.of("""
            SELECT 'type', t.oid::regtype::text, NULL, n.nspname, NULL, p.prop, p.val
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            CROSS JOIN LATERAL (VALUES
              ('enum', CASE WHEN t.typtype = 'e' THEN
                 (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder)
                  FROM pg_enum e WHERE e.enumtypid = t.oid) END),
              ('domain of', CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END),
              ('not null', CASE WHEN t.typtype = 'd' THEN CASE WHEN t.typnotnull THEN 'yes' ELSE 'no' END END),
              ('default', t.typdefault),
              ('checks', CASE WHEN t.typtype = 'd' THEN
                 (SELECT string_agg(quote_ident(co.conname) || ' ' || pg_get_constraintdef(co.oid), ', '
                                    ORDER BY co.conname)
                  FROM pg_constraint co WHERE co.contypid = t.oid) END),
              ('composite of', CASE WHEN t.typtype = 'c' THEN
                 (SELECT string_agg(quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod), ', '
                                    ORDER BY a.attnum)
                  FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped) END),
              ('range of', CASE WHEN t.typtype = 'r' THEN
                 (SELECT format_type(rg.rngsubtype, NULL) FROM pg_range rg WHERE rg.rngtypid = t.oid) END),
              ('base type', CASE WHEN t.typtype = 'b' THEN t.typinput::regproc::text END),
              ('comment', obj_description(t.oid, 'pg_type'))
            ) AS p(prop, val)
            WHERE t.typtype IN ('b', 'c', 'd', 'e', 'r') AND :user_schemas
              AND (t.typrelid = 0 OR (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c')
              AND NOT EXISTS (SELECT 1 FROM pg_type a WHERE a.typarray = t.oid)
              AND NOT EXISTS (SELECT 1 FROM pg_depend d
                              WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
            """, """
            SELECT CASE pr.prokind WHEN 'p' THEN 'procedure' ELSE 'function' END, pr.oid::regprocedure::text, NULL,
                   n.nspname, NULL, p.prop, p.val
            FROM pg_proc pr JOIN pg_namespace n ON n.oid = pr.pronamespace
            CROSS JOIN LATERAL (VALUES
              ('definition', pg_get_functiondef(pr.oid)),
              ('comment', obj_description(pr.oid, 'pg_proc'))
            ) AS p(prop, val)
            WHERE pr.prokind IN ('f', 'p') AND :user_schemas
              AND NOT EXISTS (SELECT 1 FROM pg_depend d
                              WHERE d.classid = 'pg_proc'::regclass AND d.objid = pr.oid AND d.deptype = 'e')
            """, """
            SELECT 'extension', quote_ident(e.extname), NULL, n.nspname, NULL, 'schema', quote_ident(n.nspname)
            FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
            WHERE :user_schemas
            """, """
            SELECT 'schema', quote_ident(n.nspname), NULL, n.nspname, NULL, 'comment',
                   obj_description(n.oid, 'pg_namespace')
            FROM pg_namespace n
            WHERE :user_schemas AND NOT EXISTS (SELECT 1 FROM pg_depend d
                              WHERE d.classid = 'pg_namespace'::regclass AND d.objid = n.oid AND d.deptype = 'e')
            """, """
            SELECT 'database', 'encoding', NULL, NULL, NULL, 'encoding', pg_encoding_to_char(d.encoding)
            FROM pg_database d WHERE d.datname = current_database()
            """);

    /** Reads the definitions the filter selects; must run in a session with an empty search_path. */
    static SchemaSnapshot read(Connection c, NameFilter filter) throws SQLException {
        Map<String, Descriptor> objects = new LinkedHashMap<>();
        List<String> queries = new ArrayList<>(RELATION_QUERIES);
        if (!filter.relationsOnly()) {
            queries.addAll(DATABASE_QUERIES);
        }
        queries.replaceAll(q -> q.replace(":user_schemas", NameFilter.userSchemas("n.nspname")));
        try (Statement st = c.createStatement()) {
            for (String sql : queries) {
                try (ResultSet rs = st.executeQuery(sql)) {
                    while (rs.next()) {
                        String schema = rs.getString(4);
                        String relation = rs.getString(5);
                        boolean selected = relation != null
                                ? filter.relation(schema, relation)
                                : schema == null || filter.schema(schema);
                        if (!selected) {
                            continue;
                        }
                        String kind = rs.getString(1);
                        String name = rs.getString(2);
                        String parent = rs.getString(3);
                        Descriptor d = objects.computeIfAbsent(
                                Descriptor.key(kind, name), k -> new Descriptor(kind, name, parent, new TreeMap<>()));
                        String value = rs.getString(7);
                        if (value != null) {
                            d.properties().put(rs.getString(6), value);
                        }
                    }
                }
            }
        }
        return new SchemaSnapshot(objects);
    }

    /**
     * What differs from this (source) to {@code target}: objects missing on the target, extra on the target, and
     * objects whose properties differ. An object whose parent is missing on a side is not named separately: its
     * parent already is.
     */
    List<SchemaDifference> differences(SchemaSnapshot target) {
        List<SchemaDifference> out = new ArrayList<>();
        objects.forEach((key, d) -> {
            Descriptor other = target.objects.get(key);
            if (other == null) {
                if (d.parent() == null || target.objects.containsKey(d.parent())) {
                    out.add(new SchemaDifference(d.kind(), d.name(), "missing on target"));
                }
            } else if (!other.properties().equals(d.properties())) {
                out.add(new SchemaDifference(d.kind(), d.name(), describe(d.properties(), other.properties())));
            }
        });
        target.objects.forEach((key, d) -> {
            if (!objects.containsKey(key) && (d.parent() == null || objects.containsKey(d.parent()))) {
                out.add(new SchemaDifference(d.kind(), d.name(), "extra on target"));
            }
        });
        return out;
    }

    /** {@code type: integer on source, bigint on target; definition differs}. */
    static String describe(Map<String, String> source, Map<String, String> target) {
        TreeSet<String> names = new TreeSet<>(source.keySet());
        names.addAll(target.keySet());
        List<String> parts = new ArrayList<>();
        for (String name : names) {
            String a = source.get(name);
            String b = target.get(name);
            if (Objects.equals(a, b)) {
                continue;
            }
            if (isShort(a) && isShort(b)) {
                parts.add(name + ": " + show(a) + " on source, " + show(b) + " on target");
            } else {
                parts.add(name + " differs");
            }
        }
        return String.join("; ", parts);
    }

    private static boolean isShort(String v) {
        return v == null || (v.length() <= 60 && v.indexOf('\n') < 0);
    }

    private static String show(String v) {
        return v == null ? "none" : v;
    }
}
