package dev.liftoff.plan.pricing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.report.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prices by key, with the date and source of each. {@link #bundled()} is the catalog shipped in the jar (us-east-1,
 * dated); {@link #load} reads an override file in the same JSON format or an AWS Price List region file, and
 * {@link #overriddenBy} lays one over the other. Immutable and thread-safe.
 */
public final class PriceCatalog {
    private static final String RESOURCE = "catalog.json";

    private final Map<String, Price> prices;
    private final List<String> dated;
    private final String region;
    private final int hoursPerMonth;

    private PriceCatalog(Map<String, Price> prices, List<String> dated, String region, int hoursPerMonth) {
        this.prices = Map.copyOf(prices);
        this.dated = List.copyOf(dated);
        this.region = region;
        this.hoursPerMonth = hoursPerMonth;
    }

    /** The catalog bundled with liftoff. */
    public static PriceCatalog bundled() {
        try (InputStream in = PriceCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the bundled price catalog " + RESOURCE + " is missing from the jar");
            }
            return fromJson("the bundled catalog", Json.mapper().readTree(in), "bundled");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a price file: liftoff's JSON format ({@code prices}), or an AWS Price List region file. */
    public static PriceCatalog load(Path file) {
        try {
            if (PriceListReader.looksLikePriceList(file)) {
                return PriceListReader.read(file);
            }
            JsonNode root = Json.mapper().readTree(file.toFile());
            return fromJson(file.toString(), root, file.getFileName().toString());
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw LiftoffException.usage("--prices " + file + ": no such file");
        } catch (JsonProcessingException e) {
            throw LiftoffException.usage("--prices " + file + ": not valid JSON at line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + " (" + e.getOriginalMessage()
                    + ")");
        } catch (IOException e) {
            throw LiftoffException.environment("--prices " + file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    static PriceCatalog of(Map<String, Price> prices, String dated, String region) {
        return new PriceCatalog(prices, List.of(dated), region, 730);
    }

    private static PriceCatalog fromJson(String where, JsonNode root, String label) {
        if (root == null || !root.isObject() || !root.path("prices").isArray()) {
            throw LiftoffException.usage(where + ": not a price file; liftoff reads {\"dated\": \"2026-01\", "
                    + "\"region\": \"us-east-1\", \"prices\": [{\"key\": ..., \"usd\": \"0.04048\", \"unit\": ..., "
                    + "\"source\": ...}]} or an AWS Price List region file (products and terms)");
        }
        String dated = root.path("dated").asText("");
        if (dated.isBlank()) {
            throw LiftoffException.usage(where + ": field 'dated' is missing; say when the prices were taken");
        }
        String region = root.path("region").asText("");
        Map<String, Price> prices = new LinkedHashMap<>();
        JsonNode list = root.get("prices");
        for (int i = 0; i < list.size(); i++) {
            JsonNode p = list.get(i);
            String key = p.path("key").asText("");
            String usd = p.path("usd").asText("");
            if (key.isBlank()) {
                throw LiftoffException.usage(where + ": prices[" + i + "].key is missing");
            }
            BigDecimal amount;
            try {
                amount = new BigDecimal(usd);
            } catch (NumberFormatException e) {
                throw LiftoffException.usage(where + ": prices[" + i + "].usd ('" + usd + "', key " + key
                        + ") is not a number; write it as a string such as \"0.04048\"");
            }
            if (amount.signum() < 0) {
                throw LiftoffException.usage(where + ": prices[" + i + "].usd of " + key + " is negative");
            }
            String source = p.path("source").asText("");
            prices.put(
                    key,
                    new Price(
                            key,
                            amount,
                            p.path("unit").asText(""),
                            key.startsWith("aws.") ? p.path("region").asText(region) : "",
                            source.isBlank() ? label + ", dated " + dated : source));
        }
        int hours = root.path("hours_per_month").asInt(730);
        return new PriceCatalog(
                prices, List.of(label + " " + dated), root.path("region").asText(""), hours);
    }

    /** This catalog with {@code override}'s prices in place of its own. */
    public PriceCatalog overriddenBy(PriceCatalog override) {
        Map<String, Price> merged = new LinkedHashMap<>(prices);
        merged.putAll(override.prices);
        List<String> d = new ArrayList<>(dated);
        d.addAll(override.dated);
        return new PriceCatalog(
                merged, d, override.region.isBlank() ? region : override.region, override.hoursPerMonth);
    }

    /** The price for a key; a missing one is a usage error saying how to add it. */
    public Price price(String key) {
        Price p = prices.get(key);
        if (p == null) {
            throw LiftoffException.usage("price '" + key + "' is not in the catalog (" + String.join("; ", dated)
                    + "); add it with --prices FILE: {\"dated\": \"...\", \"prices\": [{\"key\": \"" + key
                    + "\", \"usd\": \"...\", \"source\": \"...\"}]}");
        }
        return p;
    }

    public Optional<Price> find(String key) {
        return Optional.ofNullable(prices.get(key));
    }

    /** The catalog's dates: the bundled one and each override's, in the order laid over each other. */
    public String dated() {
        return String.join("; ", dated);
    }

    /** The AWS region the prices are for. */
    public String region() {
        return region;
    }

    /** Hours in the month the catalog prices by (730). */
    public int hoursPerMonth() {
        return hoursPerMonth;
    }

    public int size() {
        return prices.size();
    }
}
