package dev.liftoff.postgres.verify;

import java.math.BigInteger;

/**
 * An order-independent digest of a multiset of rows: how many, and the sum of a 64-bit hash of each row's text.
 * A sum, unlike XOR, does not cancel duplicates, so one extra copy of a row changes it; digests of disjoint parts add
 * up to the digest of the whole, which is what lets a table be read in parallel pieces. Immutable.
 */
record Digest(long rows, BigInteger sum) {
    static final Digest EMPTY = new Digest(0, BigInteger.ZERO);

    Digest plus(Digest other) {
        return new Digest(rows + other.rows, sum.add(other.sum));
    }
}
