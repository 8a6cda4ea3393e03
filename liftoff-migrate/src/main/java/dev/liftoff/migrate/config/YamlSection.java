package dev.liftoff.migrate.config;

import dev.liftoff.core.LiftoffException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * One mapping of {@code liftoff.yaml} with the position of each of its fields, so that every error can say
 * {@code FILE:LINE: path.to.field: problem; fix}. Walks snakeyaml's node tree rather than constructed maps, because
 * only nodes keep their line numbers. Not thread-safe; lives for one load.
 */
final class YamlSection {
    private final String file;
    private final String path;
    private final Node node;
    private final Map<String, NodeTuple> fields = new LinkedHashMap<>();

    YamlSection(String file, String path, Node node) {
        this.file = file;
        this.path = path;
        this.node = node;
        if (!(node instanceof MappingNode mapping)) {
            throw error(node, path.isEmpty() ? "the file" : path, "expected a mapping of fields (NAME: VALUE)");
        }
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                throw error(tuple.getKeyNode(), fieldPath("?"), "a field name must be plain text");
            }
            if (fields.put(key.getValue(), tuple) != null) {
                throw error(key, fieldPath(key.getValue()), "appears twice; keep one");
            }
        }
    }

    /** Refuses fields this section does not know: a typo must not silently fall back to a default. */
    void allowOnly(Set<String> known) {
        for (Map.Entry<String, NodeTuple> e : fields.entrySet()) {
            if (!known.contains(e.getKey())) {
                throw error(
                        e.getValue().getKeyNode(),
                        fieldPath(e.getKey()),
                        "unknown field; expected one of "
                                + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    boolean has(String key) {
        return fields.containsKey(key);
    }

    YamlSection section(String key) {
        return optionalSection(key).orElseThrow(() -> missing(key));
    }

    Optional<YamlSection> optionalSection(String key) {
        NodeTuple t = fields.get(key);
        return t == null ? Optional.empty() : Optional.of(new YamlSection(file, fieldPath(key), t.getValueNode()));
    }

    String scalar(String key) {
        return optionalScalar(key).orElseThrow(() -> missing(key));
    }

    Optional<String> optionalScalar(String key) {
        NodeTuple t = fields.get(key);
        if (t == null) {
            return Optional.empty();
        }
        if (!(t.getValueNode() instanceof ScalarNode value) || value.getValue().isBlank()) {
            throw error(t.getValueNode(), fieldPath(key), "expected a single value");
        }
        return Optional.of(value.getValue().strip());
    }

    /** {@code FILE:LINE: path.key}, the prefix of every message about this field. */
    String where(String key) {
        NodeTuple t = fields.get(key);
        return location(t == null ? node : t.getValueNode()) + ": " + fieldPath(key);
    }

    String fieldPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private LiftoffException missing(String key) {
        return LiftoffException.usage(location(node) + ": " + fieldPath(key) + ": missing; add it under "
                + (path.isEmpty() ? "the top level" : path));
    }

    private LiftoffException error(Node at, String what, String problem) {
        return LiftoffException.usage(location(at) + ": " + what + ": " + problem);
    }

    private String location(Node at) {
        return file + ":" + (at.getStartMark().getLine() + 1);
    }
}
