package dev.liftoff.plan.pricing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.report.Json;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the prices liftoff uses out of an AWS Price List bulk region file ({@code offers/v1.0/aws/<offer>/current/
 * <region>/index.json}): {@code products} by SKU with their attributes, and {@code terms.OnDemand.<sku>.<term>.
 * priceDimensions.<dim>.pricePerUnit.USD}. The files run to hundreds of megabytes, so they are streamed: only the
 * products liftoff prices and their terms are ever held in memory. Understood: Fargate vCPU- and GB-hours (x86 and
 * ARM), RDS PostgreSQL instance-hours by class (Single- and Multi-AZ) and gp3 storage, ElastiCache node-hours (Redis
 * and Valkey), ALB hours and LCU-hours, NAT gateway hours and GB, public IPv4 address-hours.
 */
final class PriceListReader {
    private static final Pattern FARGATE =
            Pattern.compile("^(?:[A-Z0-9]+-)?Fargate-(ARM-)?(vCPU-Hours:perCPU|GB-Hours)$");

    private PriceListReader() {}

    static boolean looksLikePriceList(Path file) throws IOException {
        byte[] head = new byte[4096];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        String start = new String(head, 0, n, StandardCharsets.UTF_8);
        return start.contains("\"offerCode\"") || start.contains("\"formatVersion\"") || start.contains("\"products\"");
    }

    static PriceCatalog read(Path file) {
        Map<String, String> keyBySku = new HashMap<>();
        Map<String, Price> prices = new LinkedHashMap<>();
        String offer = "";
        String published = "";
        String region = "";
        try (JsonParser p = Json.mapper().getFactory().createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw notPriceList(file);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "offerCode" -> offer = p.getText();
                    case "publicationDate" -> published = p.getText();
                    case "products" -> {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String sku = p.currentName();
                            p.nextToken();
                            JsonNode product = p.readValueAsTree();
                            String key = keyFor(product);
                            if (key != null) {
                                keyBySku.put(sku, key);
                                String code = product.path("attributes")
                                        .path("regionCode")
                                        .asText("");
                                if (!code.isBlank()) {
                                    region = code;
                                }
                            }
                        }
                    }
                    case "terms" -> {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String kind = p.currentName();
                            p.nextToken();
                            if (!kind.equals("OnDemand")) {
                                p.skipChildren();
                                continue;
                            }
                            while (p.nextToken() == JsonToken.FIELD_NAME) {
                                String sku = p.currentName();
                                p.nextToken();
                                String key = keyBySku.get(sku);
                                if (key == null) {
                                    p.skipChildren();
                                    continue;
                                }
                                JsonNode terms = p.readValueAsTree();
                                BigDecimal usd = firstTierPrice(terms);
                                if (usd != null && !prices.containsKey(key)) {
                                    String source = "AWS Price List " + offer + " " + region + ", published "
                                            + published + ", SKU " + sku;
                                    prices.put(key, new Price(key, usd, unitName(key), region, source));
                                }
                            }
                        }
                    }
                    default -> p.skipChildren();
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw LiftoffException.usage("--prices " + file + ": not valid JSON at line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()));
        } catch (IOException e) {
            throw LiftoffException.environment("--prices " + file + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (prices.isEmpty()) {
            throw LiftoffException.usage("--prices " + file + ": an AWS Price List file"
                    + (offer.isBlank() ? "" : " (" + offer + ")")
                    + " with none of the prices liftoff uses; pass the region files of AmazonECS (Fargate), "
                    + "AmazonRDS, AmazonElastiCache, AWSELB or AmazonVPC/AmazonEC2 (NAT, public IPv4)");
        }
        String date = published.length() >= 10 ? published.substring(0, 10) : published;
        return PriceCatalog.of(prices, offer + " " + region + " " + date, region);
    }

    private static LiftoffException notPriceList(Path file) {
        return LiftoffException.usage("--prices " + file + ": not a JSON object");
    }

    /** Which catalog key a Price List product is, or null when liftoff does not price it. */
    static String keyFor(JsonNode product) {
        JsonNode a = product.path("attributes");
        String family = product.path("productFamily").asText("");
        String usage = a.path("usagetype").asText("");
        var fargate = FARGATE.matcher(usage);
        if (fargate.matches()) {
            String arch = fargate.group(1) == null ? "x86" : "arm";
            return "aws.fargate." + arch + (fargate.group(2).startsWith("vCPU") ? ".vcpu-hour" : ".gb-hour");
        }
        switch (family) {
            case "Database Instance" -> {
                String deployment = a.path("deploymentOption").asText("");
                if (!a.path("databaseEngine").asText("").equals("PostgreSQL")) {
                    return null;
                }
                String az =
                        switch (deployment) {
                            case "Single-AZ" -> "single-az";
                            case "Multi-AZ" -> "multi-az";
                            default -> null;
                        };
                return az == null
                        ? null
                        : "aws.rds.postgres." + az + "."
                                + a.path("instanceType").asText();
            }
            case "Database Storage" -> {
                boolean gp3 = a.path("volumeType").asText("").equals("General Purpose-GP3");
                boolean postgres = a.path("databaseEngine").asText("PostgreSQL").matches("PostgreSQL|Any");
                boolean single = a.path("deploymentOption").asText("Single-AZ").equals("Single-AZ");
                return gp3 && postgres && single ? "aws.rds.gp3.gb-month" : null;
            }
            case "Cache Instance" -> {
                String engine = a.path("cacheEngine").asText("");
                if (!engine.equals("Redis") && !engine.equals("Valkey")) {
                    return null;
                }
                return "aws.elasticache." + engine.toLowerCase(java.util.Locale.ROOT) + "."
                        + a.path("instanceType").asText();
            }
            case "Load Balancer-Application" -> {
                if (usage.endsWith("LoadBalancerUsage")) {
                    return "aws.alb.hour";
                }
                return usage.endsWith("LCUUsage") ? "aws.alb.lcu-hour" : null;
            }
            case "NAT Gateway" -> {
                if (usage.endsWith("NatGateway-Hours")) {
                    return "aws.nat.hour";
                }
                return usage.endsWith("NatGateway-Bytes") ? "aws.nat.gb" : null;
            }
            default -> {
                return usage.endsWith("PublicIPv4:InUseAddress") ? "aws.ipv4.hour" : null;
            }
        }
    }

    /** The price of the first tier (from 0) of an on-demand offer. */
    private static BigDecimal firstTierPrice(JsonNode terms) {
        for (JsonNode term : terms) {
            for (JsonNode dim : term.path("priceDimensions")) {
                String begin = dim.path("beginRange").asText("0");
                String usd = dim.path("pricePerUnit").path("USD").asText("");
                if (begin.equals("0") && !usd.isBlank()) {
                    return new BigDecimal(usd);
                }
            }
        }
        return null;
    }

    private static String unitName(String key) {
        if (key.endsWith(".gb-month")) {
            return "GB-month";
        }
        if (key.equals("aws.nat.gb")) {
            return "GB processed";
        }
        return key.endsWith("gb-hour") ? "GB-hour" : "hour";
    }
}
