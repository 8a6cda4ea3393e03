package dev.liftoff.redis.resp;

/** Which end of a move a server is; messages name it so the user knows which option to fix. */
public enum Side {
    SOURCE("source", "--source"),
    TARGET("target", "--target");

    private final String label;
    private final String option;

    Side(String label, String option) {
        this.label = label;
        this.option = option;
    }

    /** {@code source} or {@code target}. */
    public String label() {
        return label;
    }

    /** The command-line option that names this end. */
    public String option() {
        return option;
    }
}
