package dev.liftoff.redis.resp;

import dev.liftoff.core.ErrorCode;
import dev.liftoff.core.LiftoffException;
import dev.liftoff.core.RedisUrl;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * One connection to a Redis server, authenticated, speaking RESP2. Commands are queued with {@link #send} and go out
 * on {@link #flush()}; replies come back in order through {@link #read()}, so a caller pipelines by sending many and
 * then reading as many. {@link #call} does one round trip. Not thread-safe: one thread sends and reads, except that a
 * subscriber may be closed from another thread to stop it. The caller closes it.
 *
 * <p>Failures to open become one-line {@link LiftoffException}s naming the end, the server (password masked) and the
 * fix; a connection that breaks later throws {@link ConnectionLostException}.
 */
public final class RespConnection implements AutoCloseable {
    private static final int CONNECT_TIMEOUT_MS = 10_000;
    /** Long enough for the slowest single command we send (a big pipeline on a busy server); short of forever. */
    private static final int READ_TIMEOUT_MS = 120_000;

    private final Endpoint endpoint;
    private final Socket socket;
    private final RespReader reader;
    private final RespWriter writer;
    private int db;

    private RespConnection(Endpoint endpoint, Socket socket) throws IOException {
        this.endpoint = endpoint;
        this.socket = socket;
        this.reader = new RespReader(socket.getInputStream());
        this.writer = new RespWriter(new BufferedOutputStream(socket.getOutputStream(), 1 << 16));
    }

    /**
     * Connects, authenticates with the URL's user and password, names the client {@code liftoff-PURPOSE} and selects
     * the URL's database.
     *
     * @throws LiftoffException (exit 3) when the server is unreachable, speaks TLS when the URL does not or the other
     *     way round, has an untrusted certificate, or refuses the credentials
     */
    public static RespConnection open(Endpoint endpoint, String purpose) {
        RedisUrl url = endpoint.url();
        Socket socket = null;
        try {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(new InetSocketAddress(url.host(), url.port()), CONNECT_TIMEOUT_MS);
            // A plain server that is sent a TLS hello waits for the rest of a command line: time out soon.
            socket.setSoTimeout(CONNECT_TIMEOUT_MS);
            if (url.tls()) {
                socket = startTls(socket, endpoint);
            }
            RespConnection c = new RespConnection(endpoint, socket);
            c.hello(purpose);
            socket.setSoTimeout(READ_TIMEOUT_MS);
            return c;
        } catch (LiftoffException e) {
            closeQuietly(socket);
            throw e;
        } catch (IOException | RuntimeException e) {
            closeQuietly(socket);
            throw describe(e, endpoint);
        }
    }

    private static Socket startTls(Socket plain, Endpoint endpoint) throws IOException {
        SSLContext ctx;
        try {
            if (endpoint.tlsInsecure()) {
                ctx = SSLContext.getInstance("TLS");
                ctx.init(null, new TrustManager[] {new TrustAll()}, null);
            } else {
                ctx = SSLContext.getDefault();
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS is not available in this Java runtime: " + e.getMessage(), e);
        }
        RedisUrl url = endpoint.url();
        SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(plain, url.host(), url.port(), true);
        SSLParameters params = tls.getSSLParameters();
        if (!endpoint.tlsInsecure()) {
            params.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (!url.host().matches("[0-9.:]+")) {
            params.setServerNames(List.of(new SNIHostName(url.host())));
        }
        tls.setSSLParameters(params);
        tls.startHandshake();
        return tls;
    }

    private void hello(String purpose) throws IOException {
        RedisUrl url = endpoint.url();
        if (url.password().isPresent()) {
            Object reply = url.user().isPresent()
                    ? call("AUTH", url.user().get(), url.password().get())
                    : call("AUTH", url.password().get());
            if (reply instanceof RespError err) {
                throw new LiftoffException(
                        ErrorCode.ENVIRONMENT,
                        "authentication failed for " + url + " (" + err.code() + "); check the "
                                + (url.user().isPresent() ? "user and password" : "password") + " in "
                                + endpoint.side().option());
            }
        }
        // CLIENT SETNAME is refused by a few proxies; a nameless client is fine, so the reply is read and dropped.
        send("CLIENT", "SETNAME", "liftoff-" + purpose);
        send("PING");
        flush();
        readRaw();
        Object ping = readRaw();
        if (ping instanceof RespError err) {
            if (err.code().equals("NOAUTH")) {
                throw new LiftoffException(
                        ErrorCode.ENVIRONMENT,
                        endpoint.describe() + " requires a password; put it in "
                                + endpoint.side().option() + " as redis://:PASSWORD@" + url.host() + ":" + url.port());
            }
            throw new LiftoffException(
                    ErrorCode.ENVIRONMENT,
                    endpoint.describe() + " refused PING: " + err.message() + "; check "
                            + endpoint.side().option());
        }
        if (url.database() != 0) {
            select(url.database());
        }
    }

    private static LiftoffException describe(Exception e, Endpoint endpoint) {
        RedisUrl url = endpoint.url();
        String opt = endpoint.side().option();
        String what;
        String fix;
        Throwable root = rootCause(e);
        if (root instanceof UnknownHostException) {
            what = "unknown host '" + url.host() + "'";
            fix = "check the host name in " + opt;
        } else if (root instanceof ConnectException) {
            what = "nothing is listening at " + url.host() + ":" + url.port();
            fix = "check the server is running and the host and port in " + opt;
        } else if (root instanceof SocketTimeoutException && url.tls()) {
            what = "no TLS answer from " + url.host() + ":" + url.port() + " within " + CONNECT_TIMEOUT_MS / 1000 + "s";
            fix = "if the server does not speak TLS use redis:// instead of rediss:// in " + opt;
        } else if (root instanceof SocketTimeoutException) {
            what = "no answer from " + url.host() + ":" + url.port() + " within " + CONNECT_TIMEOUT_MS / 1000 + "s";
            fix = "check the host, the port and any firewall between here and there";
        } else if (url.tls() && e instanceof SSLHandshakeException && certificateProblem(e)) {
            what = "its TLS certificate is not trusted (" + root.getMessage() + ")";
            fix = "for a provider with self-signed certificates such as Heroku pass --tls-insecure, else add the"
                    + " server's CA to the Java trust store";
        } else if (url.tls() && (e instanceof SSLException || root instanceof SSLException)) {
            what = "the TLS handshake failed (" + root.getMessage() + ")";
            fix = "if the server does not speak TLS use redis:// instead of rediss:// in " + opt;
        } else if (!url.tls() && (root instanceof EOFException || root instanceof SocketException)) {
            what = "the server closed the connection at once";
            fix = "if it requires TLS use rediss:// instead of redis:// in " + opt;
        } else {
            what = root.getMessage() == null ? root.toString() : root.getMessage();
            fix = "check " + opt;
        }
        return new LiftoffException(
                ErrorCode.ENVIRONMENT, "cannot connect to the " + endpoint.describe() + ": " + what + "; " + fix, e);
    }

    private static boolean certificateProblem(Throwable t) {
        for (Throwable cur = t; cur != null; cur = cur.getCause() == cur ? null : cur.getCause()) {
            if (cur instanceof CertificateException) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable t) {
        Throwable cur = t;
        while (cur.getCause() != null && cur.getCause() != cur) {
            cur = cur.getCause();
        }
        return cur;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /**
     * Queues one command; arguments are {@code byte[]}, {@link String} (UTF-8), a {@link Number}, or a
     * {@link java.nio.file.Path} whose contents are streamed as one argument.
     */
    public void send(Object... args) {
        try {
            writer.arrayHeader(args.length);
            for (Object a : args) {
                writeArg(a);
            }
        } catch (IOException e) {
            throw lost(e);
        }
    }

    /** Queues one command given as a list of arguments. */
    public void send(List<?> args) {
        try {
            writer.arrayHeader(args.size());
            for (Object a : args) {
                writeArg(a);
            }
        } catch (IOException e) {
            throw lost(e);
        }
    }

    private void writeArg(Object a) throws IOException {
        switch (a) {
            case byte[] b -> writer.bulk(b);
            case String s -> writer.bulk(s);
            case Long l -> writer.bulk(l);
            case Integer i -> writer.bulk(i.longValue());
            case Number n -> writer.bulk(n.toString());
            case java.nio.file.Path p -> writer.bulk(p);
            default -> throw new IllegalArgumentException("unsupported argument type " + a.getClass());
        }
    }

    /** Writes queued commands to the server. */
    public void flush() {
        try {
            writer.flush();
        } catch (IOException e) {
            throw lost(e);
        }
    }

    /** Reads the next reply; an error reply is returned as a {@link RespError}, not thrown. */
    public Object read() {
        try {
            return reader.read();
        } catch (IOException e) {
            throw lost(e);
        }
    }

    private Object readRaw() throws IOException {
        return reader.read();
    }

    /** One round trip; an error reply is returned as a {@link RespError}. */
    public Object call(Object... args) {
        send(args);
        flush();
        return read();
    }

    /** One round trip that must succeed; an error reply throws {@link RedisReplyException}. */
    public Object callOk(Object... args) {
        return check(call(args));
    }

    /** Throws {@link RedisReplyException} when a reply is an error, else returns it. */
    public static Object check(Object reply) {
        if (reply instanceof RespError err) {
            throw new RedisReplyException(err);
        }
        return reply;
    }

    /** Selects a logical database unless it is already selected. */
    public void select(int database) {
        if (database == db) {
            return;
        }
        Object r = call("SELECT", database);
        if (r instanceof RespError err) {
            throw new LiftoffException(
                    ErrorCode.USAGE,
                    endpoint.describe() + " has no database " + database + " (" + err.message()
                            + "); pick a database the server has");
        }
        db = database;
    }

    /** The logical database this connection has selected. */
    public int database() {
        return db;
    }

    /** Whether a reply has already arrived and waits in the buffer or the socket (reading it will not block). */
    public boolean hasInput() {
        try {
            return reader.buffered() > 0 || socket.getInputStream().available() > 0;
        } catch (IOException e) {
            throw lost(e);
        }
    }

    /** Bytes read from the server so far (a replica's acknowledged offset is counted from these). */
    public long bytesRead() {
        return reader.consumed();
    }

    /** The rest of the server's stream, for reading a replication snapshot through this connection's buffer. */
    public InputStream stream() {
        return reader.asStream();
    }

    /** Reads one reply's type byte and line; for a replica that must see {@code +FULLRESYNC} and {@code $len}. */
    public String readLine() {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw lost(e);
        }
    }

    /** Reads one raw byte. */
    public int readByte() {
        try {
            return reader.readByte();
        } catch (IOException e) {
            throw lost(e);
        }
    }

    /** Stops waiting for replies after this long (0 waits forever, for a subscriber). */
    public void readTimeout(int millis) {
        try {
            socket.setSoTimeout(millis);
        } catch (SocketException e) {
            throw lost(e);
        }
    }

    /** Writes raw, already-encoded bytes. */
    public void writeRaw(String resp) {
        try {
            writer.raw(resp.getBytes(StandardCharsets.US_ASCII));
            writer.flush();
        } catch (IOException e) {
            throw lost(e);
        }
    }

    private ConnectionLostException lost(IOException e) {
        return new ConnectionLostException(endpoint, e);
    }

    /** Closes the socket; safe from any thread, and a blocked {@link #read()} then fails. */
    @Override
    public void close() {
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // Closing is best effort: the socket is gone either way.
            }
        }
    }

    /** Accepts every certificate: only with {@code --tls-insecure}, which the command line warns about. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
