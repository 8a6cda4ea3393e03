package dev.liftoff.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Starting gateways on free loopback ports, and a raw socket for what HTTP clients refuse to send. */
final class TestGateways {
    static final String TOKEN = "test-admin-token-0123456789";

    private TestGateways() {}

    static RunningGateway start(Upstream upstream) {
        return start(upstream, b -> {});
    }

    static RunningGateway start(Upstream upstream, Consumer<GatewayConfig.Builder> settings) {
        GatewayConfig.Builder b = GatewayConfig.builder(
                HostPort.parse("127.0.0.1:0", "listen"),
                upstream,
                HostPort.parse("127.0.0.1:0", "admin"),
                AdminToken.of(TOKEN, "test"));
        settings.accept(b);
        return Gateway.start(b.build());
    }

    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    /** Sends raw bytes and returns everything the gateway answers until it closes the connection. */
    static String raw(RunningGateway gw, String request) throws IOException {
        try (Socket s =
                new Socket(InetAddress.getLoopbackAddress(), gw.address().getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
