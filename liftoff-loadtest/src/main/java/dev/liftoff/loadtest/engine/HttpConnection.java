package dev.liftoff.loadtest.engine;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * One keep-alive HTTP/1.1 connection with at most one request outstanding, owned by the session that sent it. All
 * methods run on the connection's event loop.
 */
final class HttpConnection extends ChannelInboundHandlerAdapter {
    final int origin;
    private final Worker worker;
    private final ResponseParser parser;
    private final Channel channel;
    private Session owner;
    private boolean used;
    private boolean gotBytes;
    private boolean closed;
    long sentNanos;
    /** Position in the worker's list of open connections, for removal in constant time. */
    int slot = -1;

    HttpConnection(Worker worker, int origin, Channel channel) {
        this.worker = worker;
        this.origin = origin;
        this.channel = channel;
        this.parser = new ResponseParser(channel.alloc());
    }

    boolean isOpen() {
        return !closed && channel.isActive();
    }

    io.netty.buffer.ByteBufAllocator alloc() {
        return channel.alloc();
    }

    boolean busy() {
        return owner != null;
    }

    void send(ByteBuf request, Session session, boolean head, boolean capture) {
        owner = session;
        gotBytes = false;
        parser.reset(head, capture);
        sentNanos = System.nanoTime();
        channel.writeAndFlush(request, channel.voidPromise());
    }

    /** Fails the outstanding request with a timeout and closes the connection (the answer may still come). */
    void timeOut() {
        Session s = owner;
        owner = null;
        close();
        if (s != null) {
            s.failed(this, ErrorKind.TIMEOUT, false);
        }
    }

    void close() {
        if (!closed) {
            closed = true;
            parser.releaseBody();
            channel.close();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            Session s = owner;
            if (s == null) {
                return; // an answer nobody waits for: after a timeout, or a server talking out of turn
            }
            gotBytes = true;
            boolean complete;
            try {
                complete = parser.feed(in);
            } catch (ResponseParser.MalformedResponse e) {
                owner = null;
                close();
                s.failed(this, ErrorKind.PROTOCOL, false);
                return;
            }
            if (complete) {
                owner = null;
                used = true;
                boolean closing = parser.closeAfter();
                if (closing) {
                    close();
                }
                s.answered(this, parser.status(), parser.takeBody(), closing);
            }
        } finally {
            in.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed = true;
        worker.forget(this);
        Session s = owner;
        if (s == null) {
            return;
        }
        owner = null;
        if (parser.readsUntilClose()) {
            parser.finishAtClose();
            s.answered(this, parser.status(), parser.takeBody(), true);
        } else {
            // A reused keep-alive connection that the server closed before our request reached it: safe to retry.
            s.failed(this, ErrorKind.CLOSED, used && !gotBytes);
        }
        parser.releaseBody();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close(); // channelInactive reports it to the session
    }
}
