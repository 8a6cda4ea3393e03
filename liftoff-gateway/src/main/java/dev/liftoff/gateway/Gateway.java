package dev.liftoff.gateway;

import dev.liftoff.core.LiftoffException;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.function.Consumer;

/**
 * The cutover reverse proxy. {@link #start} binds the proxy and admin listeners and returns the running gateway; the
 * caller closes it (or {@linkplain RunningGateway#drain drains} it first).
 *
 * <pre>{@code
 * try (RunningGateway gw = Gateway.start(config)) {
 *     gw.mode(Mode.HOLD);
 *     gw.awaitIdle(Duration.ofSeconds(30));
 *     gw.switchTo(Upstream.parse("https://new.example.com", "new upstream"));
 *     gw.mode(Mode.PASS);
 * }
 * }</pre>
 */
public final class Gateway {
    private static final HttpDecoderConfig CLIENT_DECODER = new HttpDecoderConfig()
            .setMaxInitialLineLength(8192)
            .setMaxHeaderSize(32_768)
            .setMaxChunkSize(65_536);
    /** Admin requests are tiny JSON bodies; anything bigger is refused by the aggregator. */
    private static final int ADMIN_MAX_BODY = 64 * 1024;

    private Gateway() {}

    /** Starts a gateway that reports nothing but its status. See {@link #start(GatewayConfig, Consumer)}. */
    public static RunningGateway start(GatewayConfig config) {
        return start(config, event -> {});
    }

    /**
     * Binds both listeners and starts proxying in {@link Mode#PASS}.
     *
     * @param events receives one line per mode change and switch (called on the thread that made the change; keep it
     *     quick); never receives the token
     * @throws LiftoffException {@code USAGE} for unusable TLS files or maintenance page, {@code ENVIRONMENT} when an
     *     address cannot be bound
     */
    public static RunningGateway start(GatewayConfig config, Consumer<String> events) {
        SslContext serverTls = config.tls() == null ? null : serverTls(config.tls());
        String maintenanceHtml = null;
        if (config.maintenancePage() != null) {
            try {
                maintenanceHtml = Files.readString(config.maintenancePage(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw LiftoffException.usage("--maintenance-page " + config.maintenancePage()
                        + " cannot be read as UTF-8 text: " + e.getMessage());
            }
        }
        Pages pages = new Pages(maintenanceHtml);
        EventLoopGroup io = Transport.group(config.ioThreads(), "liftoff-gateway-io");
        EventLoopGroup admin = Transport.group(1, "liftoff-gateway-admin");
        try {
            ChannelGroup clients = new DefaultChannelGroup("liftoff-gateway-clients", admin.next());
            GatewayCore core = new GatewayCore(config, pages, io, clients, events);
            Channel proxyChannel = bind(
                    new ServerBootstrap()
                            .group(io)
                            .channel(Transport.serverChannel())
                            .option(ChannelOption.SO_BACKLOG, 4096)
                            .childOption(ChannelOption.TCP_NODELAY, true)
                            .childHandler(new ChannelInitializer<Channel>() {
                                @Override
                                protected void initChannel(Channel ch) {
                                    if (serverTls != null) {
                                        ch.pipeline().addLast("tls", serverTls.newHandler(ch.alloc()));
                                    }
                                    ch.pipeline().addLast("flush", new FlushConsolidationHandler());
                                    ch.pipeline().addLast("http", new HttpServerCodec(CLIENT_DECODER));
                                    ch.pipeline().addLast("relay", new FrontendHandler(core, serverTls != null));
                                }
                            }),
                    config.listen().toSocketAddress(),
                    "--listen");
            AdminHandler adminHandler = new AdminHandler(core);
            Channel adminChannel;
            try {
                adminChannel = bind(
                        new ServerBootstrap()
                                .group(admin)
                                .channel(Transport.serverChannel())
                                .childOption(ChannelOption.TCP_NODELAY, true)
                                .childHandler(new ChannelInitializer<Channel>() {
                                    @Override
                                    protected void initChannel(Channel ch) {
                                        ch.pipeline().addLast("http", new HttpServerCodec());
                                        ch.pipeline().addLast("aggregate", new HttpObjectAggregator(ADMIN_MAX_BODY));
                                        ch.pipeline().addLast("admin", adminHandler);
                                    }
                                }),
                        config.admin().toSocketAddress(),
                        "--admin");
            } catch (RuntimeException e) {
                proxyChannel.close().syncUninterruptibly();
                throw e;
            }
            return new RunningGateway(core, io, admin, proxyChannel, adminChannel, serverTls != null);
        } catch (RuntimeException e) {
            admin.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS);
            io.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS);
            throw e;
        }
    }

    private static Channel bind(ServerBootstrap b, InetSocketAddress address, String what) {
        try {
            return b.bind(address).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LiftoffException.environment("interrupted while binding " + what + " " + address, e);
        } catch (Exception e) {
            String why = e instanceof BindException || e.getCause() instanceof BindException
                    ? "the address is in use or not local"
                    : e.getMessage();
            throw LiftoffException.environment(
                    "cannot listen on " + address.getHostString() + ":" + address.getPort() + " (" + what + "): " + why
                            + "; stop what uses it or choose another " + what,
                    e);
        }
    }

    private static SslContext serverTls(TlsFiles tls) {
        try {
            return SslContextBuilder.forServer(
                            tls.certificate().toFile(), tls.privateKey().toFile())
                    .sslProvider(SslProvider.JDK)
                    .build();
        } catch (Exception e) {
            throw LiftoffException.usage("--tls-cert " + tls.certificate() + " / --tls-key " + tls.privateKey()
                    + " cannot be used (" + e.getClass().getSimpleName() + "); give a PEM certificate chain and an"
                    + " unencrypted PKCS#8 PEM key (convert one with: openssl pkcs8 -topk8 -nocrypt -in KEY -out"
                    + " KEY.pk8)");
        }
    }
}
