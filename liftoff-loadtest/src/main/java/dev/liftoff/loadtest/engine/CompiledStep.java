package dev.liftoff.loadtest.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.liftoff.loadtest.scenario.Extraction;
import dev.liftoff.loadtest.scenario.Header;
import dev.liftoff.loadtest.scenario.JsonPath;
import dev.liftoff.loadtest.scenario.Step;
import dev.liftoff.loadtest.scenario.Template;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A step ready to send: its request encoded once when nothing in it varies per session (the common case, sent as a
 * shared read-only buffer), otherwise encoded per request from the session's variables. Immutable; shared by all
 * event loops.
 */
final class CompiledStep {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER_AGENT = "liftoff-loadtest";

    final Step step;
    final int name;
    final int origin;
    final boolean head;
    final boolean capture;
    private final ByteBuf fixed;
    private final JsonPath[] paths;
    private final Pattern[] patterns;

    CompiledStep(Step step, int name, int origin) {
        this.step = step;
        this.name = name;
        this.origin = origin;
        this.head = step.method().equals("HEAD");
        List<Extraction> ex = step.extractions();
        this.capture = !ex.isEmpty();
        this.paths = new JsonPath[ex.size()];
        this.patterns = new Pattern[ex.size()];
        for (int i = 0; i < ex.size(); i++) {
            Extraction e = ex.get(i);
            if (e.kind() == Extraction.Kind.JSONPATH) {
                paths[i] = JsonPath.compile(e.expression());
            } else {
                patterns[i] = Pattern.compile(e.expression());
            }
        }
        boolean isStatic = step.target().isStatic()
                && step.headers().stream().allMatch(h -> h.value().isStatic())
                && step.body().map(Template::isStatic).orElse(true);
        // Direct memory, so the transport writes it without a copy; unreleasable, so every send can share it.
        this.fixed = isStatic ? Unpooled.unreleasableBuffer(direct(encode(Map.of()))) : null;
    }

    /** True when the request is the same for every session. */
    boolean isStatic() {
        return fixed != null;
    }

    /** The request bytes; the caller writes them to the channel, which releases them. */
    ByteBuf request(ByteBufAllocator alloc, Map<String, String> vars) {
        if (fixed != null) {
            return fixed.duplicate();
        }
        byte[] bytes = encode(vars);
        return alloc.buffer(bytes.length).writeBytes(bytes);
    }

    private static ByteBuf direct(byte[] bytes) {
        return Unpooled.directBuffer(bytes.length).writeBytes(bytes);
    }

    private byte[] encode(Map<String, String> vars) {
        StringBuilder sb = new StringBuilder(256);
        sb.append(step.method())
                .append(' ')
                .append(clean(step.target().render(vars)))
                .append(" HTTP/1.1\r\nHost: ")
                .append(step.origin().authority())
                .append("\r\n");
        boolean agent = false;
        for (Header h : step.headers()) {
            agent |= h.name().equalsIgnoreCase("user-agent");
            sb.append(h.name())
                    .append(": ")
                    .append(clean(h.value().render(vars)))
                    .append("\r\n");
        }
        if (!agent) {
            sb.append("User-Agent: ").append(USER_AGENT).append("\r\n");
        }
        byte[] body = step.body()
                .map(b -> b.render(vars).getBytes(StandardCharsets.UTF_8))
                .orElse(null);
        if (body != null || needsLength(step.method())) {
            sb.append("Content-Length: ").append(body == null ? 0 : body.length).append("\r\n");
        }
        sb.append("\r\n");
        byte[] headBytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        if (body == null || body.length == 0) {
            return headBytes;
        }
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    private static boolean needsLength(String method) {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    /** Values spliced into the request line or a header must not be able to start a new line. */
    private static String clean(String s) {
        return s.indexOf('\r') < 0 && s.indexOf('\n') < 0
                ? s
                : s.replace("\r", "").replace("\n", "");
    }

    /**
     * Puts the extracted values into {@code vars}; returns false when one could not be found (the session cannot go
     * on meaningfully). Releases nothing: the caller owns {@code body}.
     */
    boolean extract(ByteBuf body, Map<String, String> vars) {
        String text = body == null ? "" : body.toString(StandardCharsets.UTF_8);
        JsonNode json = null;
        List<Extraction> ex = step.extractions();
        for (int i = 0; i < ex.size(); i++) {
            Optional<String> value;
            if (paths[i] != null) {
                if (json == null) {
                    try {
                        json = JSON.readTree(text);
                    } catch (IOException e) {
                        return false;
                    }
                    if (json == null) {
                        return false;
                    }
                }
                value = paths[i].evaluate(json);
            } else {
                Matcher m = patterns[i].matcher(text);
                value = m.find() ? Optional.ofNullable(m.groupCount() > 0 ? m.group(1) : m.group()) : Optional.empty();
            }
            if (value.isEmpty()) {
                return false;
            }
            vars.put(ex.get(i).variable(), value.get());
        }
        return true;
    }
}
