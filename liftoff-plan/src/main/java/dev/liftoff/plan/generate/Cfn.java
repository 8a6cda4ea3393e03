package dev.liftoff.plan.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Represent;
import org.yaml.snakeyaml.representer.Representer;

/**
 * CloudFormation in YAML through snakeyaml: intrinsic functions are values of {@link Fn}, written as the short tags
 * ({@code !Ref}, {@code !Sub}, {@code !GetAtt}, {@code !If}, ...) CloudFormation reads; maps keep their insertion
 * order so output is stable; long lines are never folded.
 */
final class Cfn {
    /** An intrinsic function: its tag and argument (a string, or a list). */
    record Fn(String tag, Object argument) {}

    private Cfn() {}

    static Fn ref(String name) {
        return new Fn("!Ref", name);
    }

    static Fn sub(String template) {
        return new Fn("!Sub", template);
    }

    /**
     * {@code !Sub [template, {name: value}]}: for attributes with a dot in their name ({@code Endpoint.Address}),
     * which the short {@code ${Resource.Endpoint.Address}} form also takes but some readers (moto's emulator among
     * them) split at the wrong dot.
     */
    static Fn sub(String template, Map<String, Object> variables) {
        return new Fn("!Sub", Arrays.asList(template, variables));
    }

    /**
     * {@code !GetAtt Resource.Attribute}; for attributes with a dot in their name ({@code Endpoint.Address}) the long
     * form {@code Fn::GetAtt: [Resource, Endpoint.Address]}, which no reader can split at the wrong dot (moto's
     * emulator splits the short form at every dot).
     */
    static Object getAtt(String resourceDotAttribute) {
        int dot = resourceDotAttribute.indexOf('.');
        if (resourceDotAttribute.indexOf('.', dot + 1) > 0) {
            return map(
                    "Fn::GetAtt",
                    List.of(resourceDotAttribute.substring(0, dot), resourceDotAttribute.substring(dot + 1)));
        }
        return new Fn("!GetAtt", resourceDotAttribute);
    }

    static Fn ifThen(String condition, Object then, Object otherwise) {
        return new Fn("!If", Arrays.asList(condition, then, otherwise));
    }

    static Fn equalsFn(Object a, Object b) {
        return new Fn("!Equals", Arrays.asList(a, b));
    }

    static Fn not(Object condition) {
        return new Fn("!Not", List.of(condition));
    }

    static Fn select(int index, Object list) {
        return new Fn("!Select", Arrays.asList(index, list));
    }

    static Fn getAzs() {
        return new Fn("!GetAZs", "");
    }

    static Fn noValue() {
        return ref("AWS::NoValue");
    }

    /** An ordered map from alternating keys and values; null values are left out. */
    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                m.put((String) kv[i], kv[i + 1]);
            }
        }
        return m;
    }

    @SafeVarargs
    static <T> List<T> list(T... items) {
        return new ArrayList<>(Arrays.asList(items));
    }

    /** A resource: {@code Type} and {@code Properties}, with attributes such as DependsOn added by the caller. */
    static Map<String, Object> resource(String type, Map<String, Object> properties) {
        return map("Type", type, "Properties", properties);
    }

    static List<Map<String, Object>> tags(String name) {
        return List.of(map("Key", "Name", "Value", sub(name)));
    }

    /** The document as YAML. */
    static String dump(Object document) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(0);
        options.setWidth(Integer.MAX_VALUE);
        options.setSplitLines(false);
        options.setLineBreak(DumperOptions.LineBreak.UNIX);
        // Shared values are written out each time: CloudFormation readers need not follow YAML aliases.
        options.setDereferenceAliases(true);
        return new Yaml(new FnRepresenter(options), options).dump(document);
    }

    private static final class FnRepresenter extends Representer {
        FnRepresenter(DumperOptions options) {
            super(options);
            this.representers.put(Fn.class, new RepresentFn());
            this.representers.put(String.class, new RepresentText());
        }

        /** Multi-line text (inline buildspecs, dashboard bodies) as a literal block, as a person would write it. */
        private final class RepresentText implements Represent {
            @Override
            public Node representData(Object data) {
                String s = (String) data;
                return s.contains("\n")
                        ? representScalar(Tag.STR, s, DumperOptions.ScalarStyle.LITERAL)
                        : representScalar(Tag.STR, s);
            }
        }

        private final class RepresentFn implements Represent {
            @Override
            public Node representData(Object data) {
                Fn fn = (Fn) data;
                Tag tag = new Tag(fn.tag());
                if (fn.argument() instanceof List<?> l) {
                    boolean nested = l.stream().anyMatch(x -> x instanceof Map<?, ?> || x instanceof List<?>);
                    return representSequence(
                            tag, l, nested ? DumperOptions.FlowStyle.BLOCK : DumperOptions.FlowStyle.FLOW);
                }
                String s = String.valueOf(fn.argument());
                return s.contains("\n")
                        ? representScalar(tag, s, DumperOptions.ScalarStyle.LITERAL)
                        : representScalar(tag, s);
            }
        }
    }
}
