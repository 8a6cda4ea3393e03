package dev.liftoff.plan.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.liftoff.core.report.Json;
import dev.liftoff.plan.GenerateCases;
import dev.liftoff.plan.GenerateResult;
import dev.liftoff.plan.aws.MotoServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackResource;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The sample export's generated production and staging templates, and the seed's production one (private subnets
 * behind NAT gateways, the domain given), deployed with CloudFormation's CreateStack on a {@code moto_server} this
 * class starts, then checked in the services themselves: the VPC, its four subnets in two AZs and the NAT gateways
 * (EC2), the cluster, a service per process on its task definition, the task definitions including the release one
 * with their secrets and log groups (ECS, CloudWatch Logs), the ALB's HTTPS listener with the certificate, the
 * HTTP→HTTPS redirect and the target group (ELBv2), the PostgreSQL instance in the private subnets (RDS). Where moto's
 * model of a type keeps fewer properties than CloudFormation has (an ECS service's network and load balancer, a task
 * definition's network mode), only what it keeps is checked.
 *
 * <p>moto's CloudFormation has no model for some of the template's types (Secrets Manager secrets, the ACM
 * certificate, ElastiCache, autoscaling, alarms, the SNS subscription, CodeBuild/CodePipeline/CodeStar): {@link
 * MotoTemplate} drops exactly those and puts a parameter in each one's place. The secrets and the certificate are
 * then created through moto's Secrets Manager and ACM APIs, so the task definitions and the HTTPS listener point at
 * things that exist. Every other resource is deployed as generated, and the test asserts each of them was created.
 */
class GeneratedTemplateDeployIT {
    static final String DOMAIN = "shop.example.com";

    static MotoServer moto;
    static CloudFormationClient cfn;
    static EcsClient ecs;
    static CloudWatchLogsClient logs;
    static SecretsManagerClient sm;
    /** Generated output per case: the sample (public subnets) and the seed (private subnets, NAT gateways). */
    static final Map<String, GenerateResult> generated = new HashMap<>();

    static Path dir;

    @BeforeAll
    static void start() throws IOException {
        // its own server: the stacks' ECR repositories, cluster names and secrets stay clear of other classes'
        moto = MotoServer.start();
        Duration timeout = Duration.ofSeconds(30);
        cfn = moto.target().build(CloudFormationClient.builder(), timeout);
        ecs = moto.target().build(EcsClient.builder(), timeout);
        logs = moto.target().build(CloudWatchLogsClient.builder(), timeout);
        sm = moto.target().build(SecretsManagerClient.builder(), timeout);
        dir = Files.createTempDirectory("generated-deploy-");
        for (String name : List.of("sample", "seed")) {
            generated.put(name, GenerateCases.generate(name, dir.resolve(name)));
        }
    }

    @AfterAll
    static void stop() throws IOException {
        for (AutoCloseable c : new AutoCloseable[] {cfn, ecs, logs, sm}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // closing a client of a test that ends anyway
            }
        }
        if (moto != null) {
            moto.close();
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "sample, production, acme-shop, bundle exec rails db:migrate",
        "sample, staging, acme-shop, bundle exec rails db:migrate",
        "seed, production, seed-shop, npm run migrate --workspace=apps/web"
    })
    void theGeneratedTemplateDeploysAndItsResourcesExist(
            String name, String environment, String app, String releaseCommand) throws Exception {
        String stackName = app + "-" + environment;
        MotoTemplate template = MotoTemplate.of(
                Files.readString(generated.get(name).out().resolve("cloudformation/" + environment + ".yaml")));
        boolean privateNetwork = template.kept.containsValue("AWS::EC2::NatGateway");

        // What is not deployed, by type: exactly the types moto cannot create, and only those.
        assertThat(template.dropped.values().stream().distinct().sorted().toList())
                .as("dropped types")
                .containsExactlyInAnyOrderElementsOf(MotoTemplate.UNSUPPORTED.keySet());
        assertThat(template.dropped)
                .containsKeys("AppSecret", "DatabasePasswordSecret", "DatabaseUrlSecret", "Certificate", "Cache");
        // Deployed as generated but for placeholder texts where they read an attribute of a dropped resource: the
        // Valkey endpoint in REDIS_URL/REDIS_TLS_URL, the CodeBuild projects' ARNs in the pipeline role's policy.
        assertThat(template.changed)
                .as("deployed resources the transform touched")
                .containsExactlyInAnyOrder(
                        "WebTaskDefinition", "WorkerTaskDefinition", "ReleaseTaskDefinition", "PipelineRole");
        assertThat(template.kept.values())
                .contains(
                        "AWS::EC2::VPC",
                        "AWS::EC2::Subnet",
                        "AWS::ECS::Cluster",
                        "AWS::ECS::Service",
                        "AWS::ECS::TaskDefinition",
                        "AWS::ElasticLoadBalancingV2::LoadBalancer",
                        "AWS::ElasticLoadBalancingV2::TargetGroup",
                        "AWS::ElasticLoadBalancingV2::Listener",
                        "AWS::Logs::LogGroup",
                        "AWS::RDS::DBInstance",
                        "AWS::ECR::Repository",
                        "AWS::SNS::Topic",
                        "AWS::CloudWatch::Dashboard");

        // The stand-ins moto can hold: the secrets (names only, no value) and a certificate for the domain.
        Map<String, String> standIns = new HashMap<>();
        for (String id : template.dropped.keySet()) {
            if (template.dropped.get(id).equals("AWS::SecretsManager::Secret")) {
                String secretName = stackName + "/" + (id.equals("AppSecret") ? "config" : id);
                standIns.put(
                        id,
                        sm.createSecret(r -> r.name(secretName).secretString("{}"))
                                .arn());
            }
        }
        String certificate = requestCertificate(DOMAIN);
        standIns.put("Certificate", certificate);
        List<Parameter> parameters = new ArrayList<>();
        if (template.property("Certificate", "DomainName") instanceof Map) {
            parameters.add(param("DomainName", DOMAIN)); // a !Ref to the parameter; the seed's came with --domain
        }
        parameters.add(param("GitHubRepository", "acme/shop"));
        standIns.forEach((k, v) -> parameters.add(param(k, v)));

        cfn.createStack(r -> r.stackName(stackName)
                .templateBody(template.json)
                .parameters(parameters)
                .capabilities(Capability.CAPABILITY_IAM, Capability.CAPABILITY_NAMED_IAM));
        Stack stack = awaitTerminal(stackName);
        assertThat(stack.stackStatus())
                .as("%s: %s; moto's log:%n%s", stackName, stack.stackStatusReason(), tail(moto.log()))
                .isEqualTo(StackStatus.CREATE_COMPLETE);

        // Every resource kept is in the stack, created.
        List<StackResource> created =
                cfn.describeStackResources(r -> r.stackName(stackName)).stackResources();
        // moto lists each resource of a type it skipped as an entry with neither id nor type: kept, so it shows
        Map<String, String> createdTypes = new TreeMap<>();
        created.forEach(r -> createdTypes.put(
                r.logicalResourceId() == null ? "(skipped by moto)" : r.logicalResourceId(), r.resourceType()));
        assertThat(createdTypes)
                .as("resources moto created (one missing is of a type moto skips: add it to"
                        + " MotoTemplate.UNSUPPORTED with the reason)")
                .isEqualTo(new TreeMap<>(template.kept));
        assertThat(created).allSatisfy(r -> assertThat(r.resourceStatusAsString())
                .as(r.logicalResourceId())
                .isEqualTo("CREATE_COMPLETE"));
        // (moto gives the RDS subnet group no physical id: a HashMap, which takes the null)
        Map<String, String> id = new HashMap<>();
        created.forEach(r -> id.put(r.logicalResourceId(), r.physicalResourceId()));

        // Network: the VPC and two public and two private subnets over two AZs; with --network private, a NAT
        // gateway in each public subnet.
        String vpc = moto.ec2("Action=DescribeVpcs&Version=2016-11-15&VpcId.1=" + id.get("Vpc"));
        assertThat(values(vpc, "cidrBlock")).contains((String) template.property("Vpc", "CidrBlock"));
        String subnets = moto.ec2(
                "Action=DescribeSubnets&Version=2016-11-15&Filter.1.Name=vpc-id&Filter.1.Value.1=" + id.get("Vpc"));
        assertThat(values(subnets, "subnetId"))
                .containsExactlyInAnyOrder(
                        id.get("PublicSubnet1"),
                        id.get("PublicSubnet2"),
                        id.get("PrivateSubnet1"),
                        id.get("PrivateSubnet2"));
        assertThat(values(subnets, "availabilityZone")).hasSize(2);
        String nat = moto.ec2(
                "Action=DescribeNatGateways&Version=2016-11-15&Filter.1.Name=vpc-id&Filter.1.Value.1=" + id.get("Vpc"));
        assertThat(values(nat, "subnetId"))
                .as("NAT gateways' subnets")
                .containsExactlyInAnyOrderElementsOf(
                        privateNetwork ? List.of(id.get("PublicSubnet1"), id.get("PublicSubnet2")) : List.of());
        assertThat(privateNetwork).isEqualTo(name.equals("seed"));

        // ECS: the cluster, one service per process on its task definition, at zero tasks (ServicesEnabled defaults
        // to false until the first image exists). moto's AWS::ECS::Service model keeps only the cluster, name, task
        // definition and desired count (launch type, network and load balancer are dropped on its side), so the
        // target group's wiring is checked on the ELBv2 side below.
        assertThat(ecs.describeClusters(r -> r.clusters(stackName)).clusters())
                .singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo("ACTIVE"));
        Map<String, Service> services =
                ecs.describeServices(r -> r.cluster(stackName).services("web", "worker")).services().stream()
                        .collect(Collectors.toMap(Service::serviceName, s -> s));
        assertThat(services).containsOnlyKeys("web", "worker");
        Service web = services.get("web");
        assertThat(web.serviceArn()).isEqualTo(id.get("WebService"));
        assertThat(web.desiredCount()).isZero();
        assertThat(web.taskDefinition()).isEqualTo(id.get("WebTaskDefinition"));
        assertThat(services.get("worker").taskDefinition()).isEqualTo(id.get("WorkerTaskDefinition"));
        assertThat(services.get("worker").loadBalancers()).isEmpty();

        // Task definitions, the release one included: image from the stack's repository, secrets by ARN from the
        // secrets created above (config vars by key), logs to the stack's group. (moto's model keeps the family,
        // the containers and the memory of a task definition, not its network mode or compatibilities.)
        String appSecret = standIns.get("AppSecret");
        for (String process : List.of("web", "worker", "release")) {
            String logicalId = StackTemplate.id(process) + "TaskDefinition";
            TaskDefinition td = ecs.describeTaskDefinition(r -> r.taskDefinition(id.get(logicalId)))
                    .taskDefinition();
            assertThat(td.family()).isEqualTo(stackName + "-" + process);
            ContainerDefinition c = td.containerDefinitions().get(0);
            assertThat(c.name()).isEqualTo(process);
            assertThat(c.image())
                    .isEqualTo("123456789012.dkr.ecr.us-east-1.amazonaws.com/" + stackName + "/"
                            + (process.equals("release") ? "web" : process) + ":latest");
            Map<String, String> secrets =
                    c.secrets().stream().collect(Collectors.toMap(Secret::name, Secret::valueFrom));
            assertThat(secrets).containsEntry("DATABASE_URL", standIns.get("DatabaseUrlSecret"));
            secrets.forEach((key, from) -> {
                if (!key.equals("DATABASE_URL")) {
                    assertThat(from).as(key).isEqualTo(appSecret + ":" + key + "::");
                }
            });
            if (name.equals("sample")) {
                assertThat(secrets).containsKeys("SECRET_KEY_BASE", "RAILS_ENV", "WEB_CONCURRENCY");
            }
            assertThat(c.environment().stream().map(KeyValuePair::name)).contains("REDIS_URL");
            assertThat(c.logConfiguration().options())
                    .containsEntry("awslogs-group", "/ecs/" + stackName + "/" + process)
                    .containsEntry("awslogs-stream-prefix", process);
            if (process.equals("release")) {
                assertThat(c.command()).containsExactly("/bin/sh", "-c", releaseCommand);
            }
        }
        assertThat(logs.describeLogGroups(r -> r.logGroupNamePrefix("/ecs/" + stackName + "/"))
                        .logGroups())
                .extracting(LogGroup::logGroupName, LogGroup::retentionInDays)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("/ecs/" + stackName + "/web", 30),
                        org.assertj.core.groups.Tuple.tuple("/ecs/" + stackName + "/worker", 30),
                        org.assertj.core.groups.Tuple.tuple("/ecs/" + stackName + "/release", 30));

        // The ALB: internet-facing, HTTPS on 443 with the certificate, HTTP on 80 redirecting to it.
        String lb = query(
                "elasticloadbalancing",
                "Action=DescribeLoadBalancers&Version=2015-12-01&LoadBalancerArns.member.1="
                        + enc(id.get("LoadBalancer")));
        assertThat(values(lb, "Scheme")).containsExactly("internet-facing");
        assertThat(values(lb, "Type")).containsExactly("application");
        String listeners = query(
                "elasticloadbalancing",
                "Action=DescribeListeners&Version=2015-12-01&LoadBalancerArn=" + enc(id.get("LoadBalancer")));
        assertThat(values(listeners, "Port")).containsExactlyInAnyOrder("80", "443");
        assertThat(values(listeners, "Protocol")).containsExactlyInAnyOrder("HTTP", "HTTPS");
        assertThat(values(listeners, "CertificateArn")).containsExactly(certificate);
        assertThat(listeners).contains("<Type>redirect</Type>").contains(id.get("TargetGroup"));
        String targetGroup = query(
                "elasticloadbalancing",
                "Action=DescribeTargetGroups&Version=2015-12-01&TargetGroupArns.member.1="
                        + enc(id.get("TargetGroup")));
        assertThat(values(targetGroup, "VpcId")).containsExactly(id.get("Vpc"));
        assertThat(values(targetGroup, "Port")).containsExactly("8080");
        assertThat(values(targetGroup, "TargetType")).containsExactly("ip");

        // RDS PostgreSQL in a subnet group of the two private subnets. (moto reads the security groups from a
        // property CloudFormation does not have, VpcSecurityGroupIds, so they are not checked here.)
        String db = query(
                "rds", "Action=DescribeDBInstances&Version=2014-10-31&DBInstanceIdentifier=" + enc(id.get("Database")));
        assertThat(values(db, "Engine")).containsExactly("postgres");
        assertThat(values(db, "DBInstanceClass")).singleElement().asString().startsWith("db.");
        assertThat(values(db, "StorageEncrypted")).containsExactly("true");
        assertThat(values(db, "SubnetIdentifier"))
                .containsExactlyInAnyOrder(id.get("PrivateSubnet1"), id.get("PrivateSubnet2"));

        // Outputs the README and `liftoff run` / `secrets push` rely on.
        Map<String, String> outputs =
                stack.outputs().stream().collect(Collectors.toMap(Output::outputKey, Output::outputValue));
        assertThat(outputs)
                .containsEntry("ClusterName", stackName)
                .containsEntry("ReleaseTaskDefinition", id.get("ReleaseTaskDefinition"))
                .containsEntry("AppSecretArn", appSecret)
                .containsEntry("ServiceSecurityGroup", id.get("ServiceSecurityGroup"))
                .containsEntry("Url", "https://" + DOMAIN);
    }

    private static Parameter param(String key, String value) {
        return Parameter.builder().parameterKey(key).parameterValue(value).build();
    }

    /** moto creates a stack within the CreateStack call; the wait is for a real CloudFormation's pace. */
    private static Stack awaitTerminal(String stackName) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            Stack s = cfn.describeStacks(r -> r.stackName(stackName)).stacks().get(0);
            if (!s.stackStatusAsString().endsWith("_IN_PROGRESS") || System.nanoTime() > deadline) {
                return s;
            }
            Thread.sleep(200);
        }
    }

    /**
     * ACM's RequestCertificate over its JSON protocol, by hand like {@link MotoServer#ec2}: one call does not
     * justify another SDK module. moto issues the certificate at once.
     */
    private static String requestCertificate(String domain) throws IOException, InterruptedException {
        String body = post(
                "acm",
                "application/x-amz-json-1.1",
                "CertificateManager.RequestCertificate",
                "{\"DomainName\": \"" + domain + "\", \"ValidationMethod\": \"DNS\"}");
        JsonNode arn = Json.mapper().readTree(body).get("CertificateArn");
        assertThat(arn).as("ACM answered " + body).isNotNull();
        return arn.asText();
    }

    /** A query-protocol call (ELBv2, RDS), answered as XML; no SDK module for two describe calls. */
    private static String query(String service, String form) throws IOException, InterruptedException {
        return post(service, "application/x-www-form-urlencoded", null, form);
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** moto routes a request by the credential scope's service and checks no signature. */
    private static String post(String service, String contentType, String target, String body)
            throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(moto.endpoint() + "/"))
                    .header("Content-Type", contentType)
                    .header(
                            "Authorization",
                            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/" + MotoServer.REGION + "/"
                                    + service + "/aws4_request, SignedHeaders=host, Signature=0")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (target != null) {
                request.header("X-Amz-Target", target);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode())
                    .as(service + " " + body + ": " + response.body())
                    .isEqualTo(200);
            return response.body();
        }
    }

    /** The texts of every {@code <element>} in an XML answer, distinct, in order. */
    private static List<String> values(String xml, String element) {
        return Pattern.compile("<" + element + ">([^<]*)</" + element + ">")
                .matcher(xml)
                .results()
                .map(m -> m.group(1))
                .distinct()
                .toList();
    }

    private static String tail(String log) {
        return log.length() > 6000 ? log.substring(log.length() - 6000) : log;
    }
}
