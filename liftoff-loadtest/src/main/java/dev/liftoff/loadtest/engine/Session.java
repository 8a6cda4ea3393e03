package dev.liftoff.loadtest.engine;

import io.netty.buffer.ByteBuf;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One virtual user walking through the scenario's steps, one request at a time, on one event loop, with its own
 * connection per origin. Each request's latency is measured from the moment it was due: the session's intended start
 * for the first step of an open-model session (so a stalled server is charged for the sessions it held back), the end
 * of the previous step plus the think time for later steps. All methods run on the worker's event loop.
 */
final class Session {
    private final Worker worker;
    private final Plan plan;
    private final HttpConnection[] connections;
    private Map<String, String> vars;
    private int step;
    private long dueNanos;
    private boolean retried;

    Session(Worker worker) {
        this.worker = worker;
        this.plan = worker.plan;
        this.connections = new HttpConnection[plan.origins.size()];
    }

    /** Starts a pass through the steps, due at {@code startNanos} (now for the closed model). */
    void begin(long startNanos) {
        step = 0;
        vars = plan.newSessionVariables();
        schedule(startNanos);
    }

    private void schedule(long previousEnd) {
        CompiledStep cs = plan.steps[step];
        long think = cs.step.think().isNone() ? 0 : cs.step.think().sampleNanos(worker.random);
        dueNanos = previousEnd + think;
        long delay = dueNanos - System.nanoTime();
        if (think > 0 && delay > 0) {
            worker.loop.schedule(this::send, delay, TimeUnit.NANOSECONDS);
        } else {
            send();
        }
    }

    private void send() {
        if (worker.stopping) {
            worker.sessionEnded(this, false);
            return;
        }
        worker.requestStarted();
        retried = false;
        dispatch();
    }

    private void dispatch() {
        CompiledStep cs = plan.steps[step];
        HttpConnection c = connections[cs.origin];
        if (c == null || !c.isOpen()) {
            c = worker.idleConnection(cs.origin);
            connections[cs.origin] = c;
        }
        if (c == null) {
            worker.connect(cs.origin, this);
            return;
        }
        c.send(cs.request(c.alloc(), vars), this, cs.head, cs.capture);
    }

    /** Takes a connection opened ahead of the run. */
    void adopt(HttpConnection c) {
        connections[c.origin] = c;
    }

    /** The connection for the current step is up. */
    void connected(HttpConnection c) {
        connections[c.origin] = c;
        CompiledStep cs = plan.steps[step];
        c.send(cs.request(c.alloc(), vars), this, cs.head, cs.capture);
    }

    void connectFailed() {
        finishRequestWithFailure(ErrorKind.CONNECT);
        worker.sessionEnded(this, true);
    }

    void answered(HttpConnection c, int status, ByteBuf body, boolean closing) {
        long now = System.nanoTime();
        CompiledStep cs = plan.steps[step];
        worker.stats.response(cs.name, now - dueNanos, status);
        worker.requestEnded();
        if (closing) {
            connections[c.origin] = null;
        }
        if (cs.capture) {
            boolean ok;
            try {
                ok = status < 400 && cs.extract(body, vars);
            } finally {
                if (body != null) {
                    body.release();
                }
            }
            if (!ok) {
                if (status < 400) {
                    worker.stats.extractionFailed(cs.name);
                }
                worker.sessionEnded(this, false); // later steps need the value
                return;
            }
        }
        if (++step == plan.steps.length) {
            worker.sessionEnded(this, false);
        } else {
            schedule(now);
        }
    }

    void failed(HttpConnection c, ErrorKind kind, boolean retryable) {
        connections[c.origin] = null;
        if (retryable && !retried && !worker.stopping) {
            retried = true;
            dispatch();
            return;
        }
        finishRequestWithFailure(kind);
        worker.sessionEnded(this, false);
    }

    private void finishRequestWithFailure(ErrorKind kind) {
        worker.stats.failure(plan.steps[step].name, kind);
        worker.requestEnded();
    }

    /** Hands back the connections this session holds: to the worker's idle pool, or closed. */
    void releaseConnections(boolean keep) {
        for (int i = 0; i < connections.length; i++) {
            HttpConnection c = connections[i];
            connections[i] = null;
            if (c != null) {
                if (keep && c.isOpen()) {
                    worker.returnIdle(c);
                } else {
                    c.close();
                }
            }
        }
    }
}
