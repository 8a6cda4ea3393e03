package dev.liftoff.plan.pricing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A catalog and the prices one plan looked up in it, so the report lists the source of every figure it used. Not
 * thread-safe: one per plan.
 */
public final class PriceBook {
    private final PriceCatalog catalog;
    private final Map<String, Price> used = new LinkedHashMap<>();

    public PriceBook(PriceCatalog catalog) {
        this.catalog = catalog;
    }

    /** The price for a key, remembered as used; a missing one is a usage error saying how to add it. */
    public Price price(String key) {
        Price p = catalog.price(key);
        used.put(key, p);
        return p;
    }

    public PriceCatalog catalog() {
        return catalog;
    }

    /** The prices looked up so far, in first-use order. */
    public List<Price> used() {
        return new ArrayList<>(used.values());
    }
}
