package dev.liftoff.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WebSocketIT {
    /** A real WebSocket server (Netty's own handshake and framing) that echoes text frames with a prefix. */
    static final class EchoServer implements AutoCloseable {
        final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        final Channel channel;

        EchoServer() throws InterruptedException {
            channel = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline()
                                    .addLast(new HttpServerCodec())
                                    .addLast(new HttpObjectAggregator(65536))
                                    .addLast(new WebSocketServerProtocolHandler("/ws"))
                                    // The JDK client may fragment a large message; echo it whole.
                                    .addLast(new WebSocketFrameAggregator(1 << 20))
                                    .addLast(new SimpleChannelInboundHandler<TextWebSocketFrame>() {
                                        @Override
                                        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame f) {
                                            ctx.writeAndFlush(new TextWebSocketFrame("echo: " + f.text()));
                                        }
                                    });
                        }
                    })
                    .bind(new InetSocketAddress("127.0.0.1", 0))
                    .sync()
                    .channel();
        }

        int port() {
            return ((InetSocketAddress) channel.localAddress()).getPort();
        }

        @Override
        public void close() {
            channel.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    @Test
    void proxiesWebSocketsBothWaysAndCountsThem() throws Exception {
        // The client is closed last: HttpClient.close() waits for open WebSockets, which closing the gateway ends.
        try (HttpClient client = TestGateways.client();
                EchoServer echo = new EchoServer();
                RunningGateway gw = TestGateways.start(Upstream.parse("http://127.0.0.1:" + echo.port(), "ws"))) {
            LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
            StringBuilder partial = new StringBuilder();
            CompletableFuture<Void> closed = new CompletableFuture<>();
            WebSocket ws = client.newWebSocketBuilder()
                    .buildAsync(
                            URI.create("ws://127.0.0.1:" + gw.address().getPort() + "/ws"), new WebSocket.Listener() {
                                @Override
                                public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                                    // Large messages arrive in parts; a message is complete at last == true.
                                    partial.append(data);
                                    if (last) {
                                        received.add(partial.toString());
                                        partial.setLength(0);
                                    }
                                    w.request(1);
                                    return null;
                                }

                                @Override
                                public CompletionStage<?> onClose(WebSocket w, int status, String reason) {
                                    closed.complete(null);
                                    return null;
                                }
                            })
                    .get(10, TimeUnit.SECONDS);
            assertThat(gw.status().websockets()).isEqualTo(1);
            assertThat(gw.status().inFlight()).isZero();
            for (int i = 0; i < 50; i++) {
                ws.sendText("message " + i, true).get(10, TimeUnit.SECONDS);
            }
            String big = "x".repeat(40_000);
            ws.sendText(big, true).get(10, TimeUnit.SECONDS);
            for (int i = 0; i < 50; i++) {
                assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("echo: message " + i);
            }
            assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("echo: " + big);
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
            closed.get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> gw.status().websockets() == 0);
        }
    }

    @Test
    void passesARefusedUpgradeThroughAsAnOrdinaryResponse() throws Exception {
        try (TestUpstream plain = TestUpstream.start("plain");
                RunningGateway gw = TestGateways.start(plain.upstream())) {
            String answer = TestGateways.raw(
                    gw,
                    "GET /headers HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                            + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n"
                            + "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
            assertThat(answer)
                    .startsWith("HTTP/1.1 200")
                    .contains("upgrade: websocket")
                    .endsWith("plain");
            assertThat(gw.status().websockets()).isZero();
        }
    }
}
