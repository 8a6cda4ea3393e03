package dev.liftoff.postgres.verify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Digests every large object inside PostgreSQL: an MD5 per 16 MiB piece read with {@code lo_get}, so only the
 * digests cross the network and no piece needs more server memory than that. Needs read access to each object
 * (its owner, a superuser, or {@code lo_compat_privileges}). Stateless.
 */
final class LargeObjects {
    static final int PIECE = 16 * 1024 * 1024;

    private LargeObjects() {}

    /**
     * One object's size and digest: the MD5 of its single piece, or the MD5s of its pieces joined by commas.
     */
    record Entry(long bytes, String digest) {}

    /** Reads all large objects, by OID. */
    static SortedMap<Long, Entry> read(Connection c) throws SQLException {
        SortedMap<Long, Entry> entries = new TreeMap<>();
        // The fence (OFFSET 0) makes PostgreSQL read each piece once for both md5 and octet_length.
        try (PreparedStatement st =
                c.prepareStatement("SELECT m.oid, md5(x.p), octet_length(x.p) FROM pg_largeobject_metadata m"
                        + " CROSS JOIN LATERAL (SELECT lo_get(m.oid, 0, " + PIECE + ") AS p OFFSET 0) x ORDER BY 1")) {
            st.setFetchSize(10_000);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    entries.put(rs.getLong(1), new Entry(rs.getLong(3), rs.getString(2)));
                }
            }
        }
        for (var e : entries.entrySet()) {
            if (e.getValue().bytes() == PIECE) {
                e.setValue(readRest(c, e.getKey(), e.getValue()));
            }
        }
        return entries;
    }

    private static Entry readRest(Connection c, long oid, Entry first) throws SQLException {
        long bytes = first.bytes();
        StringBuilder digest = new StringBuilder(first.digest());
        try (PreparedStatement st = c.prepareStatement(
                "SELECT md5(x.p), octet_length(x.p) FROM (SELECT lo_get(?::oid, ?, " + PIECE + ") AS p OFFSET 0) x")) {
            long read = PIECE;
            while (read == PIECE) {
                st.setLong(1, oid);
                st.setLong(2, bytes);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    read = rs.getLong(2);
                    if (read > 0) {
                        digest.append(',').append(rs.getString(1));
                    }
                }
                bytes += read;
            }
        }
        return new Entry(bytes, digest.toString());
    }
}
