package dev.liftoff.cli.redis;

import dev.liftoff.cli.common.CommandGroup;
import picocli.CommandLine.Command;

/** {@code liftoff redis}: Copy, live-sync and verify a Redis keyspace. */
@Command(
        name = "redis",
        mixinStandardHelpOptions = true,
        synopsisSubcommandLabel = "COMMAND",
        description = "Copy, live-sync and verify a Redis keyspace.",
        subcommands = {
            RedisCopyCommand.class,
            RedisSyncCommand.class,
            RedisStatusCommand.class,
            RedisFinishCommand.class,
            RedisVerifyCommand.class
        })
public final class RedisCommand extends CommandGroup {}
