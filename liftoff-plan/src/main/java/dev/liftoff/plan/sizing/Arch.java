package dev.liftoff.plan.sizing;

/** The CPU architecture tasks run on: Fargate ARM (Graviton) costs about 20% less when the image builds for it. */
public enum Arch {
    X86("x86", "X86_64", "linux/amd64"),
    ARM("arm", "ARM64", "linux/arm64");

    private final String key;
    private final String ecsName;
    private final String dockerPlatform;

    Arch(String key, String ecsName, String dockerPlatform) {
        this.key = key;
        this.ecsName = ecsName;
        this.dockerPlatform = dockerPlatform;
    }

    /** The name in price keys and options: {@code x86}, {@code arm}. */
    public String key() {
        return key;
    }

    /** ECS's {@code RuntimePlatform.CpuArchitecture}. */
    public String ecsName() {
        return ecsName;
    }

    /** Docker's {@code --platform}. */
    public String dockerPlatform() {
        return dockerPlatform;
    }
}
