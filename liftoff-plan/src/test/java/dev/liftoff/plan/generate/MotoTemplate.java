package dev.liftoff.plan.generate;

import dev.liftoff.core.report.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A generated CloudFormation template made deployable on {@code moto_server} (5.2), with the smallest change that
 * works: every resource of a type moto's CloudFormation has no model for is dropped, and a String parameter of the
 * same logical id takes its place. A {@code !Ref X} or {@code ${X}} to a dropped resource therefore resolves to the
 * parameter's value (a real ARN the test created through the service's own API, or a placeholder), and a
 * {@code GetAtt} of one becomes the placeholder text {@code moto-placeholder:X.Attribute}. Nothing else changes:
 * every resource of a supported type is deployed exactly as generated.
 *
 * <p>Why not leave them in: moto skips an unknown type with a log warning only, but then crashes with a 500 on an
 * output that reads an attribute of one ({@code RedisEndpoint}) and refuses the HTTPS listener whose certificate
 * ARN vanished. Dropping them explicitly also lets the test name exactly what it did not deploy.
 */
final class MotoTemplate {
    /**
     * The generated templates' resource types moto 5.2's CloudFormation cannot create (it has no model for them:
     * {@code moto.cloudformation.parsing.get_model_map()}), with what stands in for each.
     */
    static final Map<String, String> UNSUPPORTED = Map.ofEntries(
            Map.entry(
                    "AWS::SecretsManager::Secret",
                    "moto's Secrets Manager API exists but its CloudFormation has no model: the test creates the"
                            + " secret through the API and passes its ARN"),
            Map.entry(
                    "AWS::CertificateManager::Certificate",
                    "no CloudFormation model; the HTTPS listener needs a certificate that exists in moto's ACM, so"
                            + " the test requests one through the ACM API and passes its ARN"),
            Map.entry("AWS::ElastiCache::ReplicationGroup", "no CloudFormation model (placeholder endpoint)"),
            Map.entry("AWS::ElastiCache::SubnetGroup", "no CloudFormation model"),
            Map.entry("AWS::ApplicationAutoScaling::ScalableTarget", "no CloudFormation model"),
            Map.entry("AWS::ApplicationAutoScaling::ScalingPolicy", "no CloudFormation model"),
            Map.entry("AWS::CloudWatch::Alarm", "no CloudFormation model (moto has one for dashboards only)"),
            Map.entry("AWS::SNS::Subscription", "no CloudFormation model (the topic itself is deployed)"),
            Map.entry("AWS::CodeBuild::Project", "no CloudFormation model"),
            Map.entry("AWS::CodePipeline::Pipeline", "no CloudFormation model"),
            Map.entry("AWS::CodeStarConnections::Connection", "no CloudFormation model"));

    static final String PLACEHOLDER = "moto-placeholder:";

    /** The deployable template as JSON (which CloudFormation reads as well as YAML). */
    final String json;
    /** Dropped resources: logical id → type, sorted. */
    final Map<String, String> dropped;
    /** Resources deployed: logical id → type, in template order. */
    final Map<String, String> kept;
    /** The deployed resources whose definition the transform touched (a dropped resource's GetAtt, DependsOn). */
    final List<String> changed;
    /** Every resource as generated (short tags in long form), for tests to compare with what was created. */
    final Map<String, Object> generated;

    private MotoTemplate(
            String json,
            Map<String, String> dropped,
            Map<String, String> kept,
            List<String> changed,
            Map<String, Object> generated) {
        this.json = json;
        this.dropped = dropped;
        this.kept = kept;
        this.changed = changed;
        this.generated = generated;
    }

    /** A property of a resource as generated. */
    @SuppressWarnings("unchecked")
    Object property(String resource, String name) {
        return ((Map<String, Object>) ((Map<String, Object>) generated.get(resource)).get("Properties")).get(name);
    }

    @SuppressWarnings("unchecked")
    static MotoTemplate of(String yaml) {
        Map<String, Object> template = new Yaml(new CfnConstructor()).load(yaml);
        Map<String, Object> resources = (Map<String, Object>) template.get("Resources");
        Map<String, Object> parameters =
                (Map<String, Object>) template.computeIfAbsent("Parameters", k -> new LinkedHashMap<>());
        Map<String, String> dropped = new TreeMap<>();
        Map<String, String> kept = new LinkedHashMap<>();
        resources.forEach((id, r) -> {
            String type = (String) ((Map<String, Object>) r).get("Type");
            (UNSUPPORTED.containsKey(type) ? dropped : kept).put(id, type);
        });
        for (String id : dropped.keySet()) {
            resources.remove(id);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("Type", "String");
            p.put("Default", PLACEHOLDER + id);
            p.put("Description", "stands in for " + dropped.get(id) + " " + id + ", which moto cannot create");
            parameters.put(id, p);
        }
        Map<String, Object> replaced = (Map<String, Object>) replaceGetAtts(template, dropped);
        Map<String, Object> deployed = (Map<String, Object>) replaced.get("Resources");
        for (Object r : deployed.values()) {
            pruneDependsOn((Map<String, Object>) r, dropped);
        }
        // what differs from the generated definition, compared with a second, untouched parse
        Map<String, Object> original = (Map<String, Object>)
                new Yaml(new CfnConstructor()).<Map<String, Object>>load(yaml).get("Resources");
        List<String> changed = kept.keySet().stream()
                .filter(id -> !original.get(id).equals(deployed.get(id)))
                .toList();
        return new MotoTemplate(Json.toJson(replaced), dropped, kept, changed, original);
    }

    /** {@code Fn::GetAtt: [Dropped, Attr]} → the placeholder text; a parameter has no attributes to read. */
    @SuppressWarnings("unchecked")
    private static Object replaceGetAtts(Object node, Map<String, String> dropped) {
        if (node instanceof Map<?, ?> m) {
            if (m.size() == 1 && m.get("Fn::GetAtt") instanceof List<?> args && dropped.containsKey(args.get(0))) {
                return PLACEHOLDER + args.get(0) + "." + args.get(1);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) m).forEach((k, v) -> out.put(k, replaceGetAtts(v, dropped)));
            return out;
        }
        if (node instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(replaceGetAtts(v, dropped)));
            return out;
        }
        return node;
    }

    private static void pruneDependsOn(Map<String, Object> resource, Map<String, String> dropped) {
        Object on = resource.get("DependsOn");
        List<Object> names = on instanceof List<?> l ? new ArrayList<>(l) : on == null ? null : List.of(on);
        if (names == null || names.stream().noneMatch(dropped::containsKey)) {
            return;
        }
        List<Object> left = names.stream().filter(n -> !dropped.containsKey(n)).toList();
        if (left.isEmpty()) {
            resource.remove("DependsOn");
        } else {
            resource.put("DependsOn", left);
        }
    }

    /**
     * Reads CloudFormation's short-form tags as the long form: {@code !Ref X} → {@code {Ref: X}}, {@code !GetAtt
     * A.B.C} → {@code {Fn::GetAtt: [A, B.C]}} (split at the first dot, as CloudFormation does), any other
     * {@code !Name v} → {@code {Fn::Name: v}}.
     */
    private static final class CfnConstructor extends SafeConstructor {
        CfnConstructor() {
            super(new LoaderOptions());
            // every local tag ("!..."); YAML's own tags are "tag:yaml.org,2002:..." and keep their constructors
            this.yamlMultiConstructors.put("!", new Intrinsic());
        }

        private final class Intrinsic extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                String name = node.getTag().getValue().substring(1);
                Object value =
                        switch (node) {
                            case ScalarNode s -> constructScalar(s);
                            case SequenceNode s -> constructSequence(s);
                            case MappingNode m -> constructMapping(m);
                            default -> throw new IllegalArgumentException("unexpected node " + node);
                        };
                if (name.equals("GetAtt") && value instanceof String s) {
                    int dot = s.indexOf('.');
                    value = List.of(s.substring(0, dot), s.substring(dot + 1));
                }
                Map<String, Object> fn = new LinkedHashMap<>();
                fn.put(name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name, value);
                return fn;
            }
        }
    }
}
