package dev.liftoff.plan.generate;

import dev.liftoff.plan.GenerateConfig;
import dev.liftoff.plan.PlanResult;
import dev.liftoff.plan.heroku.HerokuApp;
import dev.liftoff.plan.pricing.Money;
import dev.liftoff.plan.sizing.CacheSize;
import dev.liftoff.plan.sizing.DatabaseSize;
import dev.liftoff.plan.sizing.ServiceSize;
import java.util.List;

/** The generated directory's README: what is there, the sizes, and the deploy order with its commands. */
final class Readme {
    private Readme() {}

    static String render(
            GenerateConfig config,
            HerokuApp production,
            Target prod,
            Target staging,
            Stack stack,
            String prefix,
            PlanResult plan,
            boolean release,
            List<String> notes) {
        String region = config.region();
        // Commands in the README run from the generated directory, so paths are given from there.
        java.nio.file.Path out = config.out().toAbsolutePath().normalize();
        String export = out.relativize(config.herokuExport().toAbsolutePath().normalize())
                .toString()
                .replace('\\', '/');
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(production.name()).append(" on AWS\n\n");
        sb.append("Written by `liftoff generate` from the Heroku export and the app's source (")
                .append(stack)
                .append("). No config value is in any of these files: the tasks read them from Secrets Manager.\n\n");
        sb.append("| file | what it is |\n|---|---|\n");
        sb.append("| `docker/<process>/Dockerfile` | one image per Procfile process: multi-stage, non-root, pinned"
                + " base images; build from the repository root |\n");
        sb.append("| `.dockerignore`, `docker/<process>/Dockerfile.dockerignore` | what stays out of the build context"
                + " |\n");
        sb.append("| `docker-compose.yml`, `.env.example` | the app locally with PostgreSQL and Valkey |\n");
        sb.append("| `cloudformation/production.yaml`, `cloudformation/staging.yaml` | each environment's whole"
                + " stack |\n");
        sb.append("| `buildspec.yml` | CodeBuild: build and push the images |\n\n");

        sb.append("## Sizes (the plan's recommended option, ")
                .append(Money.format(plan.awsMonthlyUsd()))
                .append(" a month for every app of the export)\n\n");
        for (Target t : List.of(prod, staging)) {
            sb.append("**")
                    .append(t.environment())
                    .append("** (")
                    .append(t.app())
                    .append("):\n\n");
            for (ServiceSize s : t.sizing().services()) {
                sb.append("- ")
                        .append(s.process())
                        .append(": ")
                        .append(s.count())
                        .append(" × ")
                        .append(s.size())
                        .append(", autoscaling ")
                        .append(s.minCount())
                        .append("–")
                        .append(s.maxCount())
                        .append(s.web() ? " on CPU and requests per target" : " on CPU")
                        .append('\n');
            }
            for (DatabaseSize d : t.sizing().databases()) {
                sb.append("- PostgreSQL: ")
                        .append(d.instanceClass())
                        .append(d.multiAz() ? " Multi-AZ" : "")
                        .append(", ")
                        .append(d.storageGb())
                        .append(" GB gp3 (replaces ")
                        .append(d.plan())
                        .append(")\n");
            }
            for (CacheSize c : t.sizing().caches()) {
                sb.append("- Valkey: ")
                        .append(c.nodes())
                        .append(" × ")
                        .append(c.nodeType())
                        .append(" (replaces ")
                        .append(c.plan())
                        .append(")\n");
            }
            sb.append('\n');
        }
        sb.append("Change a size in the template and deploy again; `liftoff plan --heroku ")
                .append(export)
                .append("` shows how each was chosen.\n\n");

        String stackName = prod.slug(100);
        String stagingName = staging.slug(100);
        String domainArg = config.domain() == null ? " DomainName=www.example.com" : "";
        sb.append("## Deploy, in this order\n\n");
        sb.append("1. Commit this directory to the app's repository as `")
                .append(prefix)
                .append("/` (the pipeline reads `")
                .append(prefix)
                .append("/buildspec.yml` and the Dockerfiles from there).\n");
        sb.append("2. Create the production stack (services start at zero tasks):\n\n");
        sb.append("   ```sh\n   aws cloudformation deploy --region ")
                .append(region)
                .append(" --stack-name ")
                .append(stackName)
                .append(" \\\n     --template-file cloudformation/production.yaml --capabilities CAPABILITY_IAM \\\n"
                        + "     --parameter-overrides GitHubRepository=OWNER/REPO")
                .append(domainArg)
                .append(" HostedZoneId=ZONE_ID AlarmEmail=ops@example.com\n   ```\n\n");
        sb.append("   Without `HostedZoneId`, add the CNAME record the ACM console shows for the certificate: the"
                + " stack waits for it.\n");
        sb.append("3. Finish the GitHub connection (output `GitHubConnectionArn`): Developer Tools → Settings →"
                + " Connections → Update pending connection.\n");
        sb.append("4. Put the config vars into the app's secret (names only are printed; DATABASE_URL, REDIS_URL"
                + " and HEROKU_* stay behind: the stack sets its own):\n\n");
        sb.append("   ```sh\n   liftoff secrets push --heroku ")
                .append(export)
                .append('/')
                .append(production.name())
                .append(" --secret-id ")
                .append(stackName)
                .append("/config --region ")
                .append(region)
                .append("\n   ```\n\n");
        sb.append("5. Push to the branch (or `aws codepipeline start-pipeline-execution --name PIPELINE`): the"
                + " pipeline builds the images and deploys them to the services, still at zero tasks.\n");
        sb.append("6. Move the data while Heroku keeps serving: `liftoff pg copy`/`sync` and `liftoff redis copy`"
                + " to the endpoints in the stack's outputs (see the project README), then cut over.\n");
        sb.append("7. Start the services")
                .append(release ? " (and the release phase in the pipeline)" : "")
                .append(":\n\n   ```sh\n   aws cloudformation deploy --region ")
                .append(region)
                .append(" --stack-name ")
                .append(stackName)
                .append(" \\\n     --template-file cloudformation/production.yaml --capabilities CAPABILITY_IAM"
                        + " --parameter-overrides ServicesEnabled=true\n   ```\n\n");
        sb.append("8. Point the domain at the output `LoadBalancerDnsName`.\n\n");
        sb.append("Staging is the same with `cloudformation/staging.yaml`, stack `")
                .append(stagingName)
                .append("`")
                .append(config.domain() == null ? "" : " and `staging." + config.domain() + "`")
                .append(".\n\n");
        sb.append("## One-off commands (what `heroku run` did)\n\n");
        sb.append("```sh\nliftoff run --region ")
                .append(region)
                .append(" --cluster ")
                .append(stackName)
                .append(" --task-definition ")
                .append(stackName)
                .append(release ? "-release" : "-web")
                .append(" -- COMMAND ARGS...\n```\n\n");
        sb.append("It runs the command in a new task with the web service's network and secrets, streams its logs"
                + " and exits with its exit code.\n\n");
        sb.append("## Locally\n\n```sh\ncp .env.example .env   # fill in the values\n" + "docker compose up --build\n");
        if (release) {
            sb.append("docker compose run --rm release\n");
        }
        sb.append("```\n");
        if (!notes.isEmpty()) {
            sb.append("\n## Notes\n\n");
            notes.forEach(n -> sb.append("- ").append(n).append('\n'));
        }
        return sb.toString();
    }
}
