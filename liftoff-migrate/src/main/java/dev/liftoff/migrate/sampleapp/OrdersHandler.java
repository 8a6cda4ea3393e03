package dev.liftoff.migrate.sampleapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The web process's routes. An order is committed to PostgreSQL before anything else, so a 201 means it is durable;
 * the Redis cache and queue come after, and a failure there answers 503, which the client retries with the same request
 * id (the insert then finds the order, and the job is queued again: the worker's update is idempotent).
 */
final class OrdersHandler implements HttpHandler {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INSERT = "INSERT INTO orders (request_id, item, quantity) VALUES (?, ?, ?)"
            + " ON CONFLICT (request_id) DO NOTHING RETURNING id";
    private static final String FIND_BY_REQUEST = "SELECT id FROM orders WHERE request_id = ?";
    private static final String FIND = "SELECT id, request_id, item, quantity, status FROM orders WHERE id = ?";

    private final ConnectionPool pool;
    private final RedisCommands<String, String> redis;

    OrdersHandler(ConnectionPool pool, StatefulRedisConnection<String, String> redis) {
        this.pool = pool;
        this.redis = redis.sync();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                route(exchange);
            } catch (SQLException | RuntimeException e) {
                // a database or Redis hiccup: the client retries with the same request id
                sendQuietly(exchange, 503, "{\"error\":\"temporarily unavailable\"}");
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException, SQLException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (path.equals("/health") || path.equals("/")) {
            send(exchange, 200, "{\"ok\":true}");
        } else if (path.equals("/orders") && method.equals("POST")) {
            create(exchange);
        } else if (path.startsWith("/orders/") && method.equals("GET")) {
            show(exchange, path.substring("/orders/".length()));
        } else {
            send(exchange, 404, "{\"error\":\"no such route\"}");
        }
    }

    private void create(HttpExchange exchange) throws IOException, SQLException {
        JsonNode body;
        try (InputStream in = exchange.getRequestBody()) {
            body = JSON.readTree(in);
        } catch (IOException e) {
            send(exchange, 400, "{\"error\":\"body is not JSON\"}");
            return;
        }
        UUID requestId;
        try {
            requestId = UUID.fromString(body.path("request_id").asText());
        } catch (IllegalArgumentException e) {
            send(exchange, 400, "{\"error\":\"request_id must be a UUID\"}");
            return;
        }
        String item = body.path("item").asText("");
        int quantity = body.path("quantity").asInt(0);
        if (item.isBlank() || quantity < 1) {
            send(exchange, 400, "{\"error\":\"item and a quantity of 1 or more are required\"}");
            return;
        }
        long id;
        boolean created;
        Connection c = pool.borrow();
        boolean broken = true;
        try {
            try (PreparedStatement st = c.prepareStatement(INSERT)) {
                st.setObject(1, requestId);
                st.setString(2, item);
                st.setInt(3, quantity);
                try (ResultSet rs = st.executeQuery()) {
                    created = rs.next();
                    id = created ? rs.getLong(1) : -1;
                }
            }
            if (!created) {
                try (PreparedStatement st = c.prepareStatement(FIND_BY_REQUEST)) {
                    st.setObject(1, requestId);
                    try (ResultSet rs = st.executeQuery()) {
                        rs.next();
                        id = rs.getLong(1);
                    }
                }
            }
            broken = false;
        } finally {
            pool.giveBack(c, broken);
        }
        ObjectNode order = JSON.createObjectNode()
                .put("id", id)
                .put("request_id", requestId.toString())
                .put("item", item)
                .put("quantity", quantity)
                .put("status", "new");
        redis.setex("order:" + id, 3600, order.toString());
        redis.lpush(SampleApp.QUEUE, Long.toString(id));
        send(exchange, created ? 201 : 200, "{\"id\":" + id + "}");
    }

    private void show(HttpExchange exchange, String idText) throws IOException, SQLException {
        long id;
        try {
            id = Long.parseLong(idText);
        } catch (NumberFormatException e) {
            send(exchange, 404, "{\"error\":\"no such order\"}");
            return;
        }
        String cached = redis.get("order:" + id);
        if (cached != null) {
            send(exchange, 200, cached);
            return;
        }
        Connection c = pool.borrow();
        boolean broken = true;
        try (PreparedStatement st = c.prepareStatement(FIND)) {
            st.setLong(1, id);
            try (ResultSet rs = st.executeQuery()) {
                broken = false;
                if (!rs.next()) {
                    send(exchange, 404, "{\"error\":\"no such order\"}");
                    return;
                }
                ObjectNode order = JSON.createObjectNode()
                        .put("id", rs.getLong(1))
                        .put("request_id", rs.getString(2))
                        .put("item", rs.getString(3))
                        .put("quantity", rs.getInt(4))
                        .put("status", rs.getString(5));
                send(exchange, 200, order.toString());
            }
        } finally {
            pool.giveBack(c, broken);
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void sendQuietly(HttpExchange exchange, int status, String json) {
        try {
            send(exchange, status, json);
        } catch (IOException | RuntimeException e) {
            // headers already sent or the client left: nothing more to tell it
        }
    }
}
