package dev.liftoff.plan;

import dev.liftoff.plan.generate.Writer;
import dev.liftoff.plan.heroku.HerokuApp;
import dev.liftoff.plan.heroku.HerokuExport;
import java.util.List;

/**
 * Writes the AWS stack as code for a Heroku app: Dockerfiles per Procfile process, a compose file, CloudFormation
 * for staging and production sized by {@link Planner}'s recommended option, the CodeBuild buildspec and a README with
 * the deploy order. Writes only under {@code out}; never writes a config value. Blocking; thread-safe.
 */
public final class Generator {
    private Generator() {}

    /** Generates everything; bad input (no web in the Procfile, undetectable stack, ...) is a usage error. */
    public static GenerateResult generate(GenerateConfig config) {
        PlanResult plan = Planner.plan(new PlanConfig(
                config.herokuExport(),
                config.repo(),
                config.region(),
                config.priceFiles(),
                config.arch(),
                config.network()));
        List<HerokuApp> apps = HerokuExport.read(config.herokuExport());
        return Writer.write(config, plan, apps);
    }
}
