package dev.liftoff.gateway;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCountUtil;

/**
 * The end of one upstream connection: relays what the upstream sends to the client exchange that owns the connection
 * right now, or, while the connection idles in its pool, closes it on any unexpected byte. Runs on the same event loop
 * as every client that uses it.
 */
final class UpstreamHandler extends ChannelInboundHandlerAdapter {
    private final UpstreamTarget target;
    private final EventLoop loop;
    private Channel channel;
    private FrontendHandler owner;
    long idleSince;

    UpstreamHandler(UpstreamTarget target, EventLoop loop) {
        this.target = target;
        this.loop = loop;
    }

    Channel channel() {
        return channel;
    }

    UpstreamTarget target() {
        return target;
    }

    void own(FrontendHandler owner) {
        this.owner = owner;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        FrontendHandler o = owner;
        if (o != null) {
            o.fromUpstream(msg);
        } else {
            ReferenceCountUtil.release(msg);
            ctx.close();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        FrontendHandler o = owner;
        if (o != null) {
            o.upstreamReadComplete();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        FrontendHandler o = owner;
        if (o != null) {
            o.upstreamWritabilityChanged(ctx.channel().isWritable());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        FrontendHandler o = owner;
        owner = null;
        if (o != null) {
            o.upstreamClosed(this);
        } else {
            target.remove(loop, this);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Resets and TLS failures end the connection; channelInactive tells the owner, which answers its client.
        ctx.close();
    }
}
