package dev.liftoff.plan.generate;

import static dev.liftoff.plan.generate.Cfn.getAtt;
import static dev.liftoff.plan.generate.Cfn.ifThen;
import static dev.liftoff.plan.generate.Cfn.list;
import static dev.liftoff.plan.generate.Cfn.map;
import static dev.liftoff.plan.generate.Cfn.ref;
import static dev.liftoff.plan.generate.Cfn.resource;
import static dev.liftoff.plan.generate.Cfn.sub;

import dev.liftoff.core.report.Json;
import dev.liftoff.plan.sizing.CacheSize;
import dev.liftoff.plan.sizing.DatabaseSize;
import dev.liftoff.plan.sizing.Network;
import dev.liftoff.plan.sizing.ServiceSize;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One environment's CloudFormation template: a two-AZ network (NAT gateways only for {@link Network#PRIVATE}), ECR
 * repositories, an ECS cluster with a Fargate service per process and target-tracking autoscaling (web on CPU and
 * requests per target), a release task definition, an ALB with an ACM certificate and an HTTP→HTTPS redirect, RDS
 * PostgreSQL, ElastiCache (Valkey), the app's Secrets Manager secret referenced by ARN from the task definitions,
 * CloudWatch log groups, alarms and a dashboard, and CodePipeline with CodeBuild from GitHub. Services start at zero
 * tasks ({@code ServicesEnabled=false}) so the stack can be created before the first image exists.
 */
final class StackTemplate {
    static final int PORT = Dockerfiles.PORT;
    private static final String VERSION = "2012-10-17";

    private final Target t;
    private final Map<String, Object> resources = new LinkedHashMap<>();
    private final Map<String, Object> outputs = new LinkedHashMap<>();
    private final boolean nat;
    private final String web;

    private StackTemplate(Target t) {
        this.t = t;
        this.nat = t.network() == Network.PRIVATE;
        this.web = t.sizing().services().stream()
                .filter(ServiceSize::web)
                .map(ServiceSize::process)
                .findFirst()
                .orElseThrow();
    }

    /** The template as YAML. */
    static String render(Target t) {
        return Cfn.dump(new StackTemplate(t).document());
    }

    /** A logical id from a process or add-on name: {@code sidekiq-low} → {@code SidekiqLow}. */
    static String id(String name) {
        StringBuilder sb = new StringBuilder();
        for (String part : name.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return sb.toString();
    }

    private Map<String, Object> document() {
        network();
        registries();
        secrets();
        database();
        cache();
        loadBalancer();
        cluster();
        services();
        alarms();
        dashboard();
        pipeline();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("AWSTemplateFormatVersion", "2010-09-09");
        doc.put(
                "Description",
                t.app() + " (" + t.environment() + ") on ECS Fargate, RDS PostgreSQL and ElastiCache; written by"
                        + " liftoff generate from the Heroku export");
        doc.put("Parameters", parameters());
        doc.put("Conditions", conditions());
        doc.put("Resources", resources);
        doc.put("Outputs", outputs);
        return doc;
    }

    private Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        if (t.domain() == null) {
            p.put(
                    "DomainName",
                    map(
                            "Type",
                            "String",
                            "Description",
                            "The site's domain (www.example.com): the HTTPS certificate is issued for it",
                            "AllowedPattern",
                            "^[a-z0-9.-]+\\.[a-z]{2,}$"));
        }
        p.put(
                "HostedZoneId",
                map(
                        "Type",
                        "String",
                        "Default",
                        "",
                        "Description",
                        "Route 53 hosted zone of the domain, to validate the certificate automatically; empty: add"
                                + " the CNAME record ACM shows while the stack waits"));
        p.put(
                "GitHubRepository",
                map(
                        "Type",
                        "String",
                        "Description",
                        "The app's GitHub repository as owner/name",
                        "AllowedPattern",
                        "^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$"));
        p.put(
                "GitHubBranch",
                map("Type", "String", "Default", "main", "Description", "The branch whose pushes deploy"));
        p.put(
                "BuildSpecPath",
                map(
                        "Type",
                        "String",
                        "Default",
                        prefixed("buildspec.yml"),
                        "Description",
                        "The buildspec's path in the repository"));
        p.put(
                "ServicesEnabled",
                map(
                        "Type",
                        "String",
                        "Default",
                        "false",
                        "AllowedValues",
                        list("true", "false"),
                        "Description",
                        "false: services at zero tasks (before the first image and the data move); true: running,"
                                + " with the release phase in the pipeline"));
        p.put(
                "ImageTag",
                map(
                        "Type",
                        "String",
                        "Default",
                        "latest",
                        "Description",
                        "The image tag the task definitions run (the pipeline deploys each commit's tag)"));
        p.put(
                "AlarmEmail",
                map("Type", "String", "Default", "", "Description", "Where alarms are mailed; empty: no mail"));
        return p;
    }

    private Map<String, Object> conditions() {
        return map(
                "ServicesOn", Cfn.equalsFn(ref("ServicesEnabled"), "true"),
                "HasHostedZone", Cfn.not(Cfn.equalsFn(ref("HostedZoneId"), "")),
                "HasAlarmEmail", Cfn.not(Cfn.equalsFn(ref("AlarmEmail"), "")));
    }

    private Object domain() {
        return t.domain() == null ? ref("DomainName") : t.domain();
    }

    private String prefixed(String path) {
        return t.repoPrefix().isEmpty() ? path : t.repoPrefix() + "/" + path;
    }

    private String cidr(int third, int bits) {
        return "10." + t.cidrOctet() + "." + third + ".0/" + bits;
    }

    // ---------------------------------------------------------------- network

    private void network() {
        resources.put(
                "Vpc",
                resource(
                        "AWS::EC2::VPC",
                        map(
                                "CidrBlock",
                                cidr(0, 16),
                                "EnableDnsSupport",
                                true,
                                "EnableDnsHostnames",
                                true,
                                "Tags",
                                Cfn.tags("${AWS::StackName}"))));
        resources.put(
                "InternetGateway", resource("AWS::EC2::InternetGateway", map("Tags", Cfn.tags("${AWS::StackName}"))));
        resources.put(
                "GatewayAttachment",
                resource(
                        "AWS::EC2::VPCGatewayAttachment",
                        map("VpcId", ref("Vpc"), "InternetGatewayId", ref("InternetGateway"))));
        resources.put(
                "PublicRouteTable",
                resource(
                        "AWS::EC2::RouteTable",
                        map("VpcId", ref("Vpc"), "Tags", Cfn.tags("${AWS::StackName}-public"))));
        Map<String, Object> publicRoute = resource(
                "AWS::EC2::Route",
                map(
                        "RouteTableId", ref("PublicRouteTable"),
                        "DestinationCidrBlock", "0.0.0.0/0",
                        "GatewayId", ref("InternetGateway")));
        publicRoute.put("DependsOn", "GatewayAttachment");
        resources.put("PublicRoute", publicRoute);
        for (int az = 1; az <= 2; az++) {
            String pub = "PublicSubnet" + az;
            String priv = "PrivateSubnet" + az;
            resources.put(
                    pub,
                    resource(
                            "AWS::EC2::Subnet",
                            map(
                                    "VpcId", ref("Vpc"),
                                    "CidrBlock", cidr(az - 1, 24),
                                    "AvailabilityZone", Cfn.select(az - 1, Cfn.getAzs()),
                                    "Tags", Cfn.tags("${AWS::StackName}-public-" + az))));
            resources.put(
                    pub + "RouteTableAssociation",
                    resource(
                            "AWS::EC2::SubnetRouteTableAssociation",
                            map("SubnetId", ref(pub), "RouteTableId", ref("PublicRouteTable"))));
            resources.put(
                    priv,
                    resource(
                            "AWS::EC2::Subnet",
                            map(
                                    "VpcId", ref("Vpc"),
                                    "CidrBlock", cidr(9 + az, 24),
                                    "AvailabilityZone", Cfn.select(az - 1, Cfn.getAzs()),
                                    "Tags", Cfn.tags("${AWS::StackName}-private-" + az))));
            resources.put(
                    "PrivateRouteTable" + az,
                    resource(
                            "AWS::EC2::RouteTable",
                            map("VpcId", ref("Vpc"), "Tags", Cfn.tags("${AWS::StackName}-private-" + az))));
            resources.put(
                    priv + "RouteTableAssociation",
                    resource(
                            "AWS::EC2::SubnetRouteTableAssociation",
                            map("SubnetId", ref(priv), "RouteTableId", ref("PrivateRouteTable" + az))));
            if (nat) {
                Map<String, Object> eip = resource("AWS::EC2::EIP", map("Domain", "vpc"));
                eip.put("DependsOn", "GatewayAttachment");
                resources.put("NatAddress" + az, eip);
                resources.put(
                        "NatGateway" + az,
                        resource(
                                "AWS::EC2::NatGateway",
                                map(
                                        "AllocationId", getAtt("NatAddress" + az + ".AllocationId"),
                                        "SubnetId", ref(pub),
                                        "Tags", Cfn.tags("${AWS::StackName}-" + az))));
                resources.put(
                        "PrivateRoute" + az,
                        resource(
                                "AWS::EC2::Route",
                                map(
                                        "RouteTableId", ref("PrivateRouteTable" + az),
                                        "DestinationCidrBlock", "0.0.0.0/0",
                                        "NatGatewayId", ref("NatGateway" + az))));
            }
        }
        resources.put(
                "LoadBalancerSecurityGroup",
                securityGroup(
                        "HTTP and HTTPS from anywhere to the load balancer", list(ingressCidr(80), ingressCidr(443))));
        resources.put(
                "ServiceSecurityGroup",
                securityGroup(
                        "App tasks: the web port from the load balancer only",
                        list(map(
                                "IpProtocol",
                                "tcp",
                                "FromPort",
                                PORT,
                                "ToPort",
                                PORT,
                                "SourceSecurityGroupId",
                                ref("LoadBalancerSecurityGroup"),
                                "Description",
                                "web port from the load balancer"))));
        if (!t.sizing().databases().isEmpty()) {
            resources.put(
                    "DatabaseSecurityGroup", securityGroup("PostgreSQL from the app tasks", list(fromTasks(5432))));
        }
        if (!t.sizing().caches().isEmpty()) {
            resources.put(
                    "CacheSecurityGroup", securityGroup("Valkey/Redis from the app tasks", list(fromTasks(6379))));
        }
    }

    private Map<String, Object> securityGroup(String description, List<Object> ingress) {
        return resource(
                "AWS::EC2::SecurityGroup",
                map("GroupDescription", description, "VpcId", ref("Vpc"), "SecurityGroupIngress", ingress));
    }

    private static Map<String, Object> ingressCidr(int port) {
        return map(
                "IpProtocol",
                "tcp",
                "FromPort",
                port,
                "ToPort",
                port,
                "CidrIp",
                "0.0.0.0/0",
                "Description",
                "port " + port + " from anywhere");
    }

    private static Map<String, Object> fromTasks(int port) {
        return map(
                "IpProtocol",
                "tcp",
                "FromPort",
                port,
                "ToPort",
                port,
                "SourceSecurityGroupId",
                ref("ServiceSecurityGroup"),
                "Description",
                "port " + port + " from the app tasks");
    }

    private List<Object> taskSubnets() {
        return nat
                ? list(ref("PrivateSubnet1"), ref("PrivateSubnet2"))
                : list(ref("PublicSubnet1"), ref("PublicSubnet2"));
    }

    // ---------------------------------------------------------------- images, secrets, data

    private void registries() {
        String lifecycle = Json.toJson(Cfn.map(
                        "rules",
                        List.of(Cfn.map(
                                "rulePriority",
                                1,
                                "description",
                                "keep the last 20 images",
                                "selection",
                                Cfn.map("tagStatus", "any", "countType", "imageCountMoreThan", "countNumber", 20),
                                "action",
                                Cfn.map("type", "expire")))))
                .replaceAll("\\s+", " ");
        for (ServiceSize s : t.sizing().services()) {
            resources.put(
                    id(s.process()) + "Repository",
                    resource(
                            "AWS::ECR::Repository",
                            // Named, lowercase as ECR requires: 'docker pull <registry>/shop-production/web' reads
                            // better than a generated name, and readers that derive one from the stack's name
                            // (moto) would keep its capitals.
                            map(
                                    "RepositoryName",
                                    t.slug(200) + "/" + s.process().toLowerCase(Locale.ROOT),
                                    "ImageScanningConfiguration",
                                    map("ScanOnPush", true),
                                    "ImageTagMutability",
                                    "MUTABLE",
                                    "LifecyclePolicy",
                                    map("LifecyclePolicyText", lifecycle))));
        }
    }

    private void secrets() {
        resources.put(
                "AppSecret",
                resource(
                        "AWS::SecretsManager::Secret",
                        map(
                                "Name",
                                sub("${AWS::StackName}/config"),
                                "Description",
                                "Config vars of the Heroku app " + t.app() + " ("
                                        + t.secretVars().size() + " names); 'liftoff secrets push' writes their values",
                                "SecretString",
                                "{}")));
        outputs.put(
                "AppSecretArn",
                map(
                        "Description",
                        "liftoff secrets push --secret-id <this> writes the app's config vars here",
                        "Value",
                        ref("AppSecret")));
    }

    private String dbId(int i) {
        return i == 0 ? "Database" : "Database" + (i + 1);
    }

    private void database() {
        List<DatabaseSize> dbs = t.sizing().databases();
        if (dbs.isEmpty()) {
            return;
        }
        resources.put(
                "DatabaseSubnetGroup",
                resource(
                        "AWS::RDS::DBSubnetGroup",
                        map(
                                "DBSubnetGroupDescription",
                                "Private subnets of " + t.app() + " " + t.environment(),
                                "SubnetIds",
                                list(ref("PrivateSubnet1"), ref("PrivateSubnet2")))));
        boolean production = t.environment().equals("production");
        for (int i = 0; i < dbs.size(); i++) {
            DatabaseSize d = dbs.get(i);
            String db = dbId(i);
            resources.put(
                    db + "PasswordSecret",
                    resource(
                            "AWS::SecretsManager::Secret",
                            map(
                                    "Description",
                                    "Master password of the RDS instance replacing " + d.addon(),
                                    "GenerateSecretString",
                                    map(
                                            "SecretStringTemplate",
                                            "{\"username\": \"app\"}",
                                            "GenerateStringKey",
                                            "password",
                                            "PasswordLength",
                                            32,
                                            "ExcludePunctuation",
                                            true))));
            Map<String, Object> instance = resource(
                    "AWS::RDS::DBInstance",
                    map(
                            "Engine",
                            "postgres",
                            "EngineVersion",
                            "16.6",
                            "DBInstanceClass",
                            d.instanceClass(),
                            "AllocatedStorage",
                            Integer.toString(d.storageGb()),
                            "StorageType",
                            "gp3",
                            "StorageEncrypted",
                            true,
                            "MultiAZ",
                            d.multiAz(),
                            "DBName",
                            "app",
                            "MasterUsername",
                            "app",
                            "MasterUserPassword",
                            sub("{{resolve:secretsmanager:${" + db + "PasswordSecret}:SecretString:password}}"),
                            "DBSubnetGroupName",
                            ref("DatabaseSubnetGroup"),
                            "VPCSecurityGroups",
                            list(ref("DatabaseSecurityGroup")),
                            "PubliclyAccessible",
                            false,
                            "BackupRetentionPeriod",
                            7,
                            "CopyTagsToSnapshot",
                            true,
                            "DeletionProtection",
                            production,
                            "AutoMinorVersionUpgrade",
                            true,
                            "EnablePerformanceInsights",
                            false));
            instance.put("DeletionPolicy", "Snapshot");
            instance.put("UpdateReplacePolicy", "Snapshot");
            resources.put(db, instance);
            resources.put(
                    db + "UrlSecret",
                    resource(
                            "AWS::SecretsManager::Secret",
                            map(
                                    "Description",
                                    "The URL of " + db + " for " + String.join(", ", d.configVars())
                                            + ", as Heroku set it",
                                    "SecretString",
                                    sub(
                                            "postgres://app:{{resolve:secretsmanager:${" + db
                                                    + "PasswordSecret}:SecretString:password}}@${Host}:${Port}/app",
                                            map(
                                                    "Host",
                                                    getAtt(db + ".Endpoint.Address"),
                                                    "Port",
                                                    getAtt(db + ".Endpoint.Port"))))));
            outputs.put(db + "Endpoint", map("Value", getAtt(db + ".Endpoint.Address")));
        }
    }

    private String cacheGroupId() {
        return t.slug(36) + "-kv";
    }

    private void cache() {
        if (t.sizing().caches().isEmpty()) {
            return;
        }
        CacheSize c = t.sizing().caches().get(0);
        resources.put(
                "CacheSubnetGroup",
                resource(
                        "AWS::ElastiCache::SubnetGroup",
                        map(
                                "Description",
                                "Private subnets of " + t.app() + " " + t.environment(),
                                "SubnetIds",
                                list(ref("PrivateSubnet1"), ref("PrivateSubnet2")))));
        boolean replicated = c.nodes() > 1;
        Map<String, Object> group = resource(
                "AWS::ElastiCache::ReplicationGroup",
                map(
                        "ReplicationGroupId",
                        cacheGroupId(),
                        "ReplicationGroupDescription",
                        "Replaces " + c.addon() + " (" + c.plan() + ")",
                        "Engine",
                        c.engine(),
                        "EngineVersion",
                        "7.2",
                        "CacheNodeType",
                        c.nodeType(),
                        "NumCacheClusters",
                        c.nodes(),
                        "AutomaticFailoverEnabled",
                        replicated,
                        "MultiAZEnabled",
                        replicated,
                        "TransitEncryptionEnabled",
                        true,
                        "AtRestEncryptionEnabled",
                        true,
                        "CacheSubnetGroupName",
                        ref("CacheSubnetGroup"),
                        "SecurityGroupIds",
                        list(ref("CacheSecurityGroup")),
                        "SnapshotRetentionLimit",
                        1));
        group.put("DeletionPolicy", "Delete");
        group.put("UpdateReplacePolicy", "Delete");
        resources.put("Cache", group);
        outputs.put("RedisEndpoint", map("Value", getAtt("Cache.PrimaryEndPoint.Address")));
    }

    // ---------------------------------------------------------------- load balancer

    private void loadBalancer() {
        resources.put(
                "Certificate",
                resource(
                        "AWS::CertificateManager::Certificate",
                        map(
                                "DomainName",
                                domain(),
                                "ValidationMethod",
                                "DNS",
                                "DomainValidationOptions",
                                ifThen(
                                        "HasHostedZone",
                                        list(map("DomainName", domain(), "HostedZoneId", ref("HostedZoneId"))),
                                        Cfn.noValue()))));
        resources.put(
                "LoadBalancer",
                resource(
                        "AWS::ElasticLoadBalancingV2::LoadBalancer",
                        map(
                                "Type", "application",
                                "Scheme", "internet-facing",
                                "Subnets", list(ref("PublicSubnet1"), ref("PublicSubnet2")),
                                "SecurityGroups", list(ref("LoadBalancerSecurityGroup")),
                                "LoadBalancerAttributes",
                                        list(
                                                map(
                                                        "Key",
                                                        "routing.http.drop_invalid_header_fields.enabled",
                                                        "Value",
                                                        "true"),
                                                map("Key", "idle_timeout.timeout_seconds", "Value", "60")))));
        resources.put(
                "TargetGroup",
                resource(
                        "AWS::ElasticLoadBalancingV2::TargetGroup",
                        map(
                                "TargetType",
                                "ip",
                                "Protocol",
                                "HTTP",
                                "Port",
                                PORT,
                                "VpcId",
                                ref("Vpc"),
                                "HealthCheckPath",
                                "/",
                                "Matcher",
                                map("HttpCode", "200-399"),
                                "HealthCheckIntervalSeconds",
                                15,
                                "HealthyThresholdCount",
                                2,
                                "TargetGroupAttributes",
                                list(map("Key", "deregistration_delay.timeout_seconds", "Value", "30")))));
        resources.put(
                "HttpListener",
                resource(
                        "AWS::ElasticLoadBalancingV2::Listener",
                        map(
                                "LoadBalancerArn",
                                ref("LoadBalancer"),
                                "Port",
                                80,
                                "Protocol",
                                "HTTP",
                                "DefaultActions",
                                list(map(
                                        "Type",
                                        "redirect",
                                        "RedirectConfig",
                                        map("Protocol", "HTTPS", "Port", "443", "StatusCode", "HTTP_301"))))));
        resources.put(
                "HttpsListener",
                resource(
                        "AWS::ElasticLoadBalancingV2::Listener",
                        map(
                                "LoadBalancerArn",
                                ref("LoadBalancer"),
                                "Port",
                                443,
                                "Protocol",
                                "HTTPS",
                                "SslPolicy",
                                "ELBSecurityPolicy-TLS13-1-2-2021-06",
                                "Certificates",
                                list(map("CertificateArn", ref("Certificate"))),
                                "DefaultActions",
                                list(map("Type", "forward", "TargetGroupArn", ref("TargetGroup"))))));
        outputs.put(
                "LoadBalancerDnsName",
                map(
                        "Description",
                        "Point the domain here (CNAME or alias) when you cut over",
                        "Value",
                        getAtt("LoadBalancer.DNSName")));
        outputs.put("Url", map("Value", t.domain() == null ? sub("https://${DomainName}") : "https://" + t.domain()));
    }

    // ---------------------------------------------------------------- ECS

    private void cluster() {
        resources.put("Cluster", resource("AWS::ECS::Cluster", map("ClusterName", sub("${AWS::StackName}"))));
        List<Object> readable = list(ref("AppSecret"));
        for (int i = 0; i < t.sizing().databases().size(); i++) {
            readable.add(ref(dbId(i) + "UrlSecret"));
        }
        resources.put(
                "TaskExecutionRole",
                resource(
                        "AWS::IAM::Role",
                        map(
                                "AssumeRolePolicyDocument",
                                assume("ecs-tasks.amazonaws.com"),
                                "ManagedPolicyArns",
                                list(sub("arn:${AWS::Partition}:iam::aws:policy/service-role/"
                                        + "AmazonECSTaskExecutionRolePolicy")),
                                "Policies",
                                list(policy(
                                        "read-app-secrets",
                                        statement(list("secretsmanager:GetSecretValue"), readable))))));
        resources.put(
                "TaskRole",
                resource(
                        "AWS::IAM::Role",
                        map(
                                "Description",
                                "The app's own AWS permissions: none yet; add what the code calls",
                                "AssumeRolePolicyDocument",
                                assume("ecs-tasks.amazonaws.com"))));
        outputs.put("ClusterName", map("Value", ref("Cluster")));
        outputs.put(
                "ServiceSecurityGroup",
                map(
                        "Description",
                        "The tasks' security group ('liftoff run' copies it from the web service)",
                        "Value",
                        ref("ServiceSecurityGroup")));
    }

    private static Map<String, Object> assume(String service) {
        return map(
                "Version",
                VERSION,
                "Statement",
                list(map("Effect", "Allow", "Principal", map("Service", service), "Action", "sts:AssumeRole")));
    }

    private static Map<String, Object> statement(List<Object> actions, Object resource) {
        return map("Effect", "Allow", "Action", actions, "Resource", resource);
    }

    @SafeVarargs
    private static Map<String, Object> policy(String name, Map<String, Object>... statements) {
        return map("PolicyName", name, "PolicyDocument", map("Version", VERSION, "Statement", List.of(statements)));
    }

    private List<Object> environment(boolean webProcess) {
        List<Object> env = list();
        if (webProcess) {
            env.add(map("Name", "PORT", "Value", Integer.toString(PORT)));
        }
        if (!t.sizing().caches().isEmpty()) {
            Object url = sub(
                    "rediss://${Host}:${Port}",
                    map("Host", getAtt("Cache.PrimaryEndPoint.Address"), "Port", getAtt("Cache.PrimaryEndPoint.Port")));
            for (String name : cacheVars()) {
                env.add(map("Name", name, "Value", url));
            }
        }
        return env;
    }

    private List<String> cacheVars() {
        List<String> names = new ArrayList<>(t.sizing().caches().get(0).configVars());
        if (!names.contains("REDIS_URL")) {
            names.add(0, "REDIS_URL");
        }
        return names;
    }

    private List<Object> secretsOf() {
        List<Object> secrets = list();
        for (int i = 0; i < t.sizing().databases().size(); i++) {
            List<String> names = new ArrayList<>(t.sizing().databases().get(i).configVars());
            if (i == 0 && !names.contains("DATABASE_URL")) {
                names.add(0, "DATABASE_URL");
            }
            for (String name : names) {
                secrets.add(map("Name", name, "ValueFrom", ref(dbId(i) + "UrlSecret")));
            }
        }
        for (String name : t.secretVars()) {
            secrets.add(map("Name", name, "ValueFrom", sub("${AppSecret}:" + name + "::")));
        }
        return secrets;
    }

    private Map<String, Object> taskDefinition(
            String family,
            ServiceSize size,
            String container,
            String repository,
            List<Object> command,
            boolean webPort) {
        Map<String, Object> c = map(
                "Name",
                container,
                "Image",
                sub("${" + repository + ".RepositoryUri}:${ImageTag}"),
                "Essential",
                true,
                "Command",
                command,
                "PortMappings",
                webPort ? list(map("ContainerPort", PORT, "Protocol", "tcp")) : null,
                "Environment",
                environment(webPort),
                "Secrets",
                secretsOf(),
                "StopTimeout",
                30,
                "LogConfiguration",
                map(
                        "LogDriver",
                        "awslogs",
                        "Options",
                        map(
                                "awslogs-group", ref(id(family) + "LogGroup"),
                                "awslogs-region", ref("AWS::Region"),
                                "awslogs-stream-prefix", family)));
        return resource(
                "AWS::ECS::TaskDefinition",
                map(
                        "Family", sub("${AWS::StackName}-" + family),
                        "Cpu", Integer.toString(size.size().cpuUnits()),
                        "Memory", Integer.toString(size.size().memoryMiB()),
                        "NetworkMode", "awsvpc",
                        "RequiresCompatibilities", list("FARGATE"),
                        "RuntimePlatform", map("CpuArchitecture", t.arch().ecsName(), "OperatingSystemFamily", "LINUX"),
                        "ExecutionRoleArn", getAtt("TaskExecutionRole.Arn"),
                        "TaskRoleArn", getAtt("TaskRole.Arn"),
                        "ContainerDefinitions", list(c)));
    }

    private void logGroup(String name) {
        resources.put(
                id(name) + "LogGroup",
                resource(
                        "AWS::Logs::LogGroup",
                        map("LogGroupName", sub("/ecs/${AWS::StackName}/" + name), "RetentionInDays", 30)));
    }

    private void services() {
        ServiceSize webSize = null;
        for (ServiceSize s : t.sizing().services()) {
            String p = id(s.process());
            logGroup(s.process());
            resources.put(
                    p + "TaskDefinition", taskDefinition(s.process(), s, s.process(), p + "Repository", null, s.web()));
            Map<String, Object> props = map(
                    "ServiceName", s.process(),
                    "Cluster", ref("Cluster"),
                    "TaskDefinition", ref(p + "TaskDefinition"),
                    "LaunchType", "FARGATE",
                    "DesiredCount", ifThen("ServicesOn", s.count(), 0),
                    "PropagateTags", "SERVICE",
                    "DeploymentConfiguration",
                            map(
                                    "MinimumHealthyPercent", 100,
                                    "MaximumPercent", 200,
                                    "DeploymentCircuitBreaker", map("Enable", true, "Rollback", true)),
                    "NetworkConfiguration",
                            map(
                                    "AwsvpcConfiguration",
                                    map(
                                            "AssignPublicIp", nat ? "DISABLED" : "ENABLED",
                                            "Subnets", taskSubnets(),
                                            "SecurityGroups", list(ref("ServiceSecurityGroup")))),
                    "HealthCheckGracePeriodSeconds", s.web() ? 60 : null,
                    "LoadBalancers",
                            s.web()
                                    ? list(map(
                                            "ContainerName", s.process(),
                                            "ContainerPort", PORT,
                                            "TargetGroupArn", ref("TargetGroup")))
                                    : null);
            Map<String, Object> service = resource("AWS::ECS::Service", props);
            if (s.web()) {
                service.put("DependsOn", "HttpsListener");
                webSize = s;
            }
            resources.put(p + "Service", service);
            autoscaling(s);
        }
        if (t.releaseCommand() != null) {
            logGroup("release");
            resources.put(
                    "ReleaseTaskDefinition",
                    taskDefinition(
                            "release",
                            webSize,
                            "release",
                            id(web) + "Repository",
                            list("/bin/sh", "-c", t.releaseCommand()),
                            false));
            outputs.put(
                    "ReleaseTaskDefinition",
                    map(
                            "Description",
                            "liftoff run --cluster <ClusterName> --task-definition <this> -- COMMAND runs one-off"
                                    + " commands",
                            "Value",
                            ref("ReleaseTaskDefinition")));
        }
    }

    private void autoscaling(ServiceSize s) {
        String p = id(s.process());
        resources.put(
                p + "ScalableTarget",
                resource(
                        "AWS::ApplicationAutoScaling::ScalableTarget",
                        map(
                                "ServiceNamespace", "ecs",
                                "ScalableDimension", "ecs:service:DesiredCount",
                                "ResourceId", sub("service/${Cluster}/${" + p + "Service.Name}"),
                                "MinCapacity", ifThen("ServicesOn", s.minCount(), 0),
                                "MaxCapacity", ifThen("ServicesOn", s.maxCount(), 0))));
        resources.put(
                p + "CpuScaling",
                scalingPolicy(
                        s.process() + "-cpu",
                        p,
                        map("PredefinedMetricType", "ECSServiceAverageCPUUtilization"),
                        dev.liftoff.plan.sizing.Sizer.CPU_TARGET_PERCENT));
        if (s.web()) {
            int perTarget = s.requestsPerTargetPerMinute() == null ? 1000 : s.requestsPerTargetPerMinute();
            resources.put(
                    p + "RequestScaling",
                    scalingPolicy(
                            s.process() + "-requests",
                            p,
                            map(
                                    "PredefinedMetricType",
                                    "ALBRequestCountPerTarget",
                                    "ResourceLabel",
                                    sub("${LoadBalancer.LoadBalancerFullName}/${TargetGroup.TargetGroupFullName}")),
                            perTarget));
        }
    }

    private static Map<String, Object> scalingPolicy(String name, String p, Map<String, Object> metric, int target) {
        return resource(
                "AWS::ApplicationAutoScaling::ScalingPolicy",
                map(
                        "PolicyName", sub("${AWS::StackName}-" + name),
                        "PolicyType", "TargetTrackingScaling",
                        "ScalingTargetId", ref(p + "ScalableTarget"),
                        "TargetTrackingScalingPolicyConfiguration",
                                map(
                                        "PredefinedMetricSpecification",
                                        metric,
                                        "TargetValue",
                                        target,
                                        "ScaleInCooldown",
                                        300,
                                        "ScaleOutCooldown",
                                        60)));
    }

    // ---------------------------------------------------------------- alarms and dashboard

    private void alarms() {
        resources.put("AlarmTopic", resource("AWS::SNS::Topic", map("TopicName", sub("${AWS::StackName}-alarms"))));
        Map<String, Object> subscription = resource(
                "AWS::SNS::Subscription",
                map("TopicArn", ref("AlarmTopic"), "Protocol", "email", "Endpoint", ref("AlarmEmail")));
        subscription.put("Condition", "HasAlarmEmail");
        resources.put("AlarmEmailSubscription", subscription);
        Object lb = getAtt("LoadBalancer.LoadBalancerFullName");
        resources.put(
                "Http5xxAlarm",
                alarm(
                        "5xx answers from the app above 10 in 5 minutes",
                        "AWS/ApplicationELB",
                        "HTTPCode_Target_5XX_Count",
                        list(dim("LoadBalancer", lb)),
                        "Sum",
                        300,
                        1,
                        10,
                        "GreaterThanThreshold"));
        Map<String, Object> latency = alarm(
                "p95 response time above " + t.latencyGoalMs() + " ms for 3 minutes",
                "AWS/ApplicationELB",
                "TargetResponseTime",
                list(dim("LoadBalancer", lb)),
                null,
                60,
                3,
                t.latencyGoalMs() / 1000.0,
                "GreaterThanThreshold");
        @SuppressWarnings("unchecked")
        Map<String, Object> latencyProps = (Map<String, Object>) latency.get("Properties");
        latencyProps.put("ExtendedStatistic", "p95");
        resources.put("LatencyAlarm", latency);
        for (ServiceSize s : t.sizing().services()) {
            String p = id(s.process());
            List<Object> dims =
                    list(dim("ClusterName", ref("Cluster")), dim("ServiceName", getAtt(p + "Service.Name")));
            resources.put(
                    p + "CpuAlarm",
                    alarm(
                            s.process() + " CPU above 85% for 15 minutes",
                            "AWS/ECS",
                            "CPUUtilization",
                            dims,
                            "Average",
                            300,
                            3,
                            85,
                            "GreaterThanThreshold"));
            resources.put(
                    p + "MemoryAlarm",
                    alarm(
                            s.process() + " memory above 85% for 15 minutes",
                            "AWS/ECS",
                            "MemoryUtilization",
                            dims,
                            "Average",
                            300,
                            3,
                            85,
                            "GreaterThanThreshold"));
        }
        for (int i = 0; i < t.sizing().databases().size(); i++) {
            String db = dbId(i);
            DatabaseSize d = t.sizing().databases().get(i);
            List<Object> dims = list(dim("DBInstanceIdentifier", ref(db)));
            resources.put(
                    db + "CpuAlarm",
                    alarm(
                            "database CPU above 80% for 15 minutes",
                            "AWS/RDS", "CPUUtilization", dims, "Average", 300, 3, 80, "GreaterThanThreshold"));
            long tenth = d.storageGb() * 1024L * 1024 * 1024 / 10;
            resources.put(
                    db + "StorageAlarm",
                    alarm(
                            "database free storage below 10% (" + Math.max(1, d.storageGb() / 10) + " GB)",
                            "AWS/RDS",
                            "FreeStorageSpace",
                            dims,
                            "Minimum",
                            300,
                            1,
                            tenth,
                            "LessThanThreshold"));
        }
        if (!t.sizing().caches().isEmpty()) {
            resources.put(
                    "CacheMemoryAlarm",
                    alarm(
                            "Valkey memory above 80%",
                            "AWS/ElastiCache",
                            "DatabaseMemoryUsagePercentage",
                            list(dim("CacheClusterId", cacheGroupId() + "-001")),
                            "Average",
                            300,
                            2,
                            80,
                            "GreaterThanThreshold"));
        }
    }

    private static Map<String, Object> dim(String name, Object value) {
        return map("Name", name, "Value", value);
    }

    private Map<String, Object> alarm(
            String description,
            String namespace,
            String metric,
            List<Object> dimensions,
            String statistic,
            int period,
            int evaluations,
            Number threshold,
            String comparison) {
        Map<String, Object> a = resource(
                "AWS::CloudWatch::Alarm",
                map(
                        "AlarmDescription", t.app() + " " + t.environment() + ": " + description,
                        "Namespace", namespace,
                        "MetricName", metric,
                        "Dimensions", dimensions,
                        "Statistic", statistic,
                        "Period", period,
                        "EvaluationPeriods", evaluations,
                        "Threshold", threshold,
                        "ComparisonOperator", comparison,
                        "TreatMissingData", "notBreaching",
                        "AlarmActions", list(ref("AlarmTopic")),
                        "OKActions", list(ref("AlarmTopic"))));
        return a;
    }

    private void dashboard() {
        List<Map<String, Object>> widgets = new ArrayList<>();
        String lb = "${LoadBalancer.LoadBalancerFullName}";
        widgets.add(widget(
                "Requests and errors",
                List.of(
                        List.of("AWS/ApplicationELB", "RequestCount", "LoadBalancer", lb, map("stat", "Sum")),
                        List.of(".", "HTTPCode_Target_5XX_Count", ".", ".", map("stat", "Sum")),
                        List.of(".", "HTTPCode_Target_4XX_Count", ".", ".", map("stat", "Sum")))));
        widgets.add(widget(
                "Response time p95 (s)",
                List.of(List.of("AWS/ApplicationELB", "TargetResponseTime", "LoadBalancer", lb, map("stat", "p95")))));
        List<List<Object>> cpu = new ArrayList<>();
        List<List<Object>> mem = new ArrayList<>();
        for (ServiceSize s : t.sizing().services()) {
            String svc = "${" + id(s.process()) + "Service.Name}";
            cpu.add(List.of("AWS/ECS", "CPUUtilization", "ClusterName", "${Cluster}", "ServiceName", svc));
            mem.add(List.of("AWS/ECS", "MemoryUtilization", "ClusterName", "${Cluster}", "ServiceName", svc));
        }
        widgets.add(widget("Service CPU %", cpu));
        widgets.add(widget("Service memory %", mem));
        if (!t.sizing().databases().isEmpty()) {
            widgets.add(widget(
                    "Database",
                    List.of(
                            List.of("AWS/RDS", "CPUUtilization", "DBInstanceIdentifier", "${Database}"),
                            List.of(".", "DatabaseConnections", ".", ".", map("yAxis", "right")))));
        }
        if (!t.sizing().caches().isEmpty()) {
            widgets.add(widget(
                    "Valkey",
                    List.of(
                            List.of(
                                    "AWS/ElastiCache",
                                    "DatabaseMemoryUsagePercentage",
                                    "CacheClusterId",
                                    cacheGroupId() + "-001"),
                            List.of(".", "EngineCPUUtilization", ".", "."))));
        }
        for (int i = 0; i < widgets.size(); i++) {
            Map<String, Object> w = widgets.get(i);
            w.put("x", (i % 2) * 12);
            w.put("y", (i / 2) * 6);
        }
        String body;
        try {
            body = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(map("widgets", widgets));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        resources.put(
                "Dashboard",
                resource(
                        "AWS::CloudWatch::Dashboard",
                        map("DashboardName", sub("${AWS::StackName}"), "DashboardBody", sub(body + "\n"))));
    }

    private static Map<String, Object> widget(String title, List<? extends List<?>> metrics) {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("type", "metric");
        w.put("width", 12);
        w.put("height", 6);
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("title", title);
        props.put("region", "${AWS::Region}");
        props.put("view", "timeSeries");
        props.put("period", 300);
        props.put("metrics", metrics);
        w.put("properties", props);
        return w;
    }

    // ---------------------------------------------------------------- delivery

    private void pipeline() {
        resources.put(
                "GitHubConnection",
                resource(
                        "AWS::CodeStarConnections::Connection",
                        map("ConnectionName", t.slug(32), "ProviderType", "GitHub")));
        Map<String, Object> bucket = resource(
                "AWS::S3::Bucket",
                map(
                        "BucketEncryption",
                        map(
                                "ServerSideEncryptionConfiguration",
                                list(map("ServerSideEncryptionByDefault", map("SSEAlgorithm", "AES256")))),
                        "PublicAccessBlockConfiguration",
                        map(
                                "BlockPublicAcls", true,
                                "BlockPublicPolicy", true,
                                "IgnorePublicAcls", true,
                                "RestrictPublicBuckets", true),
                        "LifecycleConfiguration",
                        map(
                                "Rules",
                                list(map("Id", "expire-artifacts", "Status", "Enabled", "ExpirationInDays", 30)))));
        resources.put("ArtifactBucket", bucket);

        List<Object> repositories = list();
        List<Object> env =
                list(map("Name", "REGISTRY", "Value", sub("${AWS::AccountId}.dkr.ecr.${AWS::Region}.amazonaws.com")));
        for (ServiceSize s : t.sizing().services()) {
            String repo = id(s.process()) + "Repository";
            repositories.add(getAtt(repo + ".Arn"));
            env.add(map(
                    "Name",
                    "REPOSITORY_" + s.process().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"),
                    "Value",
                    getAtt(repo + ".RepositoryUri")));
        }
        Object artifacts = list(getAtt("ArtifactBucket.Arn"), sub("${ArtifactBucket.Arn}/*"));
        Object buildLogs =
                sub("arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/codebuild/*");
        resources.put(
                "BuildRole",
                resource(
                        "AWS::IAM::Role",
                        map(
                                "AssumeRolePolicyDocument",
                                assume("codebuild.amazonaws.com"),
                                "Policies",
                                list(policy(
                                        "build-and-push",
                                        statement(
                                                list(
                                                        "logs:CreateLogGroup",
                                                        "logs:CreateLogStream",
                                                        "logs:PutLogEvents"),
                                                buildLogs),
                                        statement(list("s3:GetObject", "s3:PutObject"), artifacts),
                                        statement(list("ecr:GetAuthorizationToken"), "*"),
                                        statement(
                                                list(
                                                        "ecr:BatchCheckLayerAvailability",
                                                        "ecr:BatchGetImage",
                                                        "ecr:GetDownloadUrlForLayer",
                                                        "ecr:InitiateLayerUpload",
                                                        "ecr:UploadLayerPart",
                                                        "ecr:CompleteLayerUpload",
                                                        "ecr:PutImage"),
                                                repositories))))));
        boolean arm = t.arch() == dev.liftoff.plan.sizing.Arch.ARM;
        resources.put(
                "BuildProject",
                resource(
                        "AWS::CodeBuild::Project",
                        map(
                                "Description", "Builds and pushes the images of " + t.app(),
                                "ServiceRole", getAtt("BuildRole.Arn"),
                                "Artifacts", map("Type", "CODEPIPELINE"),
                                "Source", map("Type", "CODEPIPELINE", "BuildSpec", ref("BuildSpecPath")),
                                "TimeoutInMinutes", 30,
                                "Environment",
                                        map(
                                                "Type",
                                                arm ? "ARM_CONTAINER" : "LINUX_CONTAINER",
                                                "ComputeType",
                                                "BUILD_GENERAL1_SMALL",
                                                "Image",
                                                arm
                                                        ? "aws/codebuild/amazonlinux2-aarch64-standard:3.0"
                                                        : "aws/codebuild/amazonlinux2-x86_64-standard:5.0",
                                                "PrivilegedMode",
                                                true,
                                                "EnvironmentVariables",
                                                env))));
        if (t.releaseCommand() != null) {
            releaseProject(buildLogs, artifacts);
        }
        List<Object> passRoles = list(getAtt("TaskExecutionRole.Arn"), getAtt("TaskRole.Arn"));
        resources.put(
                "PipelineRole",
                resource(
                        "AWS::IAM::Role",
                        map(
                                "AssumeRolePolicyDocument",
                                assume("codepipeline.amazonaws.com"),
                                "Policies",
                                list(policy(
                                        "deliver",
                                        statement(list("codestar-connections:UseConnection"), ref("GitHubConnection")),
                                        statement(
                                                list("s3:GetObject", "s3:PutObject", "s3:GetBucketVersioning"),
                                                artifacts),
                                        statement(
                                                list("codebuild:StartBuild", "codebuild:BatchGetBuilds"),
                                                t.releaseCommand() == null
                                                        ? list(getAtt("BuildProject.Arn"))
                                                        : list(
                                                                getAtt("BuildProject.Arn"),
                                                                getAtt("ReleaseProject.Arn"))),
                                        statement(
                                                list(
                                                        "ecs:DescribeServices",
                                                        "ecs:DescribeTaskDefinition",
                                                        "ecs:DescribeTasks",
                                                        "ecs:ListTasks",
                                                        "ecs:RegisterTaskDefinition",
                                                        "ecs:TagResource",
                                                        "ecs:UpdateService"),
                                                "*"),
                                        statement(list("iam:PassRole"), passRoles))))));
        List<Object> stages = list();
        stages.add(map(
                "Name",
                "Source",
                "Actions",
                list(map(
                        "Name", "GitHub",
                        "ActionTypeId",
                                map(
                                        "Category",
                                        "Source",
                                        "Owner",
                                        "AWS",
                                        "Provider",
                                        "CodeStarSourceConnection",
                                        "Version",
                                        "1"),
                        "Configuration",
                                map(
                                        "ConnectionArn", ref("GitHubConnection"),
                                        "FullRepositoryId", ref("GitHubRepository"),
                                        "BranchName", ref("GitHubBranch"),
                                        "OutputArtifactFormat", "CODE_ZIP"),
                        "OutputArtifacts", list(map("Name", "Source"))))));
        stages.add(map(
                "Name",
                "Build",
                "Actions",
                list(map(
                        "Name", "Images",
                        "ActionTypeId", codeBuild(),
                        "Configuration", map("ProjectName", ref("BuildProject")),
                        "InputArtifacts", list(map("Name", "Source")),
                        "OutputArtifacts", list(map("Name", "Images"))))));
        if (t.releaseCommand() != null) {
            stages.add(ifThen(
                    "ServicesOn",
                    map(
                            "Name",
                            "Release",
                            "Actions",
                            list(map(
                                    "Name", "ReleasePhase",
                                    "ActionTypeId", codeBuild(),
                                    "Configuration",
                                            map("ProjectName", ref("ReleaseProject"), "PrimarySource", "Images"),
                                    "InputArtifacts", list(map("Name", "Images"))))),
                    Cfn.noValue()));
        }
        List<Object> deploys = list();
        for (ServiceSize s : t.sizing().services()) {
            deploys.add(map(
                    "Name", id(s.process()),
                    "ActionTypeId", map("Category", "Deploy", "Owner", "AWS", "Provider", "ECS", "Version", "1"),
                    "Configuration",
                            map(
                                    "ClusterName", ref("Cluster"),
                                    "ServiceName", getAtt(id(s.process()) + "Service.Name"),
                                    "FileName", "imagedefinitions-" + s.process() + ".json"),
                    "InputArtifacts", list(map("Name", "Images"))));
        }
        stages.add(map("Name", "Deploy", "Actions", deploys));
        resources.put(
                "Pipeline",
                resource(
                        "AWS::CodePipeline::Pipeline",
                        map(
                                "PipelineType",
                                "V2",
                                "RoleArn",
                                getAtt("PipelineRole.Arn"),
                                "ArtifactStore",
                                map("Type", "S3", "Location", ref("ArtifactBucket")),
                                "Stages",
                                stages)));
        outputs.put(
                "GitHubConnectionArn",
                map(
                        "Description",
                        "Finish the GitHub handshake for this connection in the console (Developer Tools >"
                                + " Connections) before the first pipeline run",
                        "Value",
                        ref("GitHubConnection")));
    }

    private static Map<String, Object> codeBuild() {
        return map("Category", "Build", "Owner", "AWS", "Provider", "CodeBuild", "Version", "1");
    }

    /** A CodeBuild project that runs the release task on ECS and fails the pipeline when it fails. */
    private void releaseProject(Object buildLogs, Object artifacts) {
        String subnets = nat ? "${PrivateSubnet1},${PrivateSubnet2}" : "${PublicSubnet1},${PublicSubnet2}";
        String spec = String.join(
                "\n",
                "version: 0.2",
                "phases:",
                "  build:",
                "    commands:",
                "      - >-",
                "        TASK=$(aws ecs run-task --cluster \"$CLUSTER\" --task-definition \"$TASK_DEFINITION\""
                        + " --launch-type FARGATE --network-configuration"
                        + " \"awsvpcConfiguration={subnets=[$SUBNETS],securityGroups=[$SECURITY_GROUP],assignPublicIp="
                        + "$PUBLIC_IP}\" --query 'tasks[0].taskArn' --output text)",
                "      - echo \"release task $TASK\"",
                "      - aws ecs wait tasks-stopped --cluster \"$CLUSTER\" --tasks \"$TASK\"",
                "      - >-",
                "        CODE=$(aws ecs describe-tasks --cluster \"$CLUSTER\" --tasks \"$TASK\""
                        + " --query 'tasks[0].containers[0].exitCode' --output text)",
                "      - echo \"release phase exited with $CODE\"",
                "      - test \"$CODE\" = 0",
                "");
        resources.put(
                "ReleaseRole",
                resource(
                        "AWS::IAM::Role",
                        map(
                                "AssumeRolePolicyDocument",
                                assume("codebuild.amazonaws.com"),
                                "Policies",
                                list(policy(
                                        "run-release",
                                        statement(
                                                list(
                                                        "logs:CreateLogGroup",
                                                        "logs:CreateLogStream",
                                                        "logs:PutLogEvents"),
                                                buildLogs),
                                        statement(list("s3:GetObject"), artifacts),
                                        statement(list("ecs:RunTask"), ref("ReleaseTaskDefinition")),
                                        statement(list("ecs:DescribeTasks"), "*"),
                                        statement(
                                                list("iam:PassRole"),
                                                list(getAtt("TaskExecutionRole.Arn"), getAtt("TaskRole.Arn"))))))));
        resources.put(
                "ReleaseProject",
                resource(
                        "AWS::CodeBuild::Project",
                        map(
                                "Description", "Runs the Procfile's release command before each deploy",
                                "ServiceRole", getAtt("ReleaseRole.Arn"),
                                "Artifacts", map("Type", "CODEPIPELINE"),
                                "Source", map("Type", "CODEPIPELINE", "BuildSpec", spec),
                                "TimeoutInMinutes", 60,
                                "Environment",
                                        map(
                                                "Type", "LINUX_CONTAINER",
                                                "ComputeType", "BUILD_GENERAL1_SMALL",
                                                "Image", "aws/codebuild/amazonlinux2-x86_64-standard:5.0",
                                                "EnvironmentVariables",
                                                        list(
                                                                map("Name", "CLUSTER", "Value", ref("Cluster")),
                                                                map(
                                                                        "Name",
                                                                        "TASK_DEFINITION",
                                                                        "Value",
                                                                        ref("ReleaseTaskDefinition")),
                                                                map("Name", "SUBNETS", "Value", sub(subnets)),
                                                                map(
                                                                        "Name",
                                                                        "SECURITY_GROUP",
                                                                        "Value",
                                                                        ref("ServiceSecurityGroup")),
                                                                map(
                                                                        "Name",
                                                                        "PUBLIC_IP",
                                                                        "Value",
                                                                        nat ? "DISABLED" : "ENABLED"))))));
    }
}
