package dev.liftoff.plan.generate;

import java.util.Locale;
import java.util.Map;

/**
 * {@code buildspec.yml} for CodeBuild: log in to ECR, build every process image from the repository root, tag it
 * with the commit and {@code latest}, push both, and write one {@code imagedefinitions-<process>.json} per ECS deploy
 * action. The repositories come from the project's environment ({@code REPOSITORY_<PROCESS>}), so staging and
 * production share the file.
 */
final class BuildSpec {
    private BuildSpec() {}

    /** @param dockerfiles each process's Dockerfile path relative to the repository root */
    static String render(Map<String, String> dockerfiles) {
        StringBuilder build = new StringBuilder();
        StringBuilder push = new StringBuilder();
        dockerfiles.forEach((process, dockerfile) -> {
            String var = "$REPOSITORY_" + process.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
            build.append("      - docker build -f ")
                    .append(dockerfile)
                    .append(" -t \"")
                    .append(var)
                    .append(":$TAG\" -t \"")
                    .append(var)
                    .append(":latest\" .\n");
            push.append("      - docker push --all-tags \"").append(var).append("\"\n");
            push.append("      - printf '[{\"name\":\"%s\",\"imageUri\":\"%s\"}]' ")
                    .append(process)
                    .append(" \"")
                    .append(var)
                    .append(":$TAG\" > imagedefinitions-")
                    .append(process)
                    .append(".json\n");
        });
        return "# CodeBuild: builds and pushes each process image (written by liftoff generate).\n"
                + "version: 0.2\n"
                + "phases:\n"
                + "  pre_build:\n"
                + "    commands:\n"
                + "      - aws ecr get-login-password --region \"$AWS_DEFAULT_REGION\" | docker login --username AWS"
                + " --password-stdin \"$REGISTRY\"\n"
                + "      - TAG=\"$(echo \"$CODEBUILD_RESOLVED_SOURCE_VERSION\" | cut -c1-12)\"\n"
                + "  build:\n"
                + "    commands:\n"
                + build
                + "  post_build:\n"
                + "    commands:\n"
                + push
                + "artifacts:\n"
                + "  files:\n"
                + "    - imagedefinitions-*.json\n";
    }
}
