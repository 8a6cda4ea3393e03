import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The baseline: SCAN the source and have the source push each batch to the target with one server-side
 * MIGRATE ... COPY REPLACE KEYS k1 ... kN. Nothing but keys names crosses this process, so it is as fast as a client
 * can make MIGRATE go; batches of 5,000 keys measured fastest here. Usage: MigrateLoop SOURCE_PORT TARGET_PORT [BATCH]
 */
public final class MigrateLoop {
    private static OutputStream out;
    private static DataInputStream in;

    public static void main(String[] args) throws IOException {
        int source = Integer.parseInt(args[0]);
        String target = args[1];
        String batch = args.length > 2 ? args[2] : "5000";
        try (Socket s = new Socket("127.0.0.1", source)) {
            s.setTcpNoDelay(true);
            out = new BufferedOutputStream(s.getOutputStream(), 1 << 16);
            in = new DataInputStream(new BufferedInputStream(s.getInputStream(), 1 << 16));
            String cursor = "0";
            long keys = 0;
            do {
                command(List.of("SCAN", cursor, "COUNT", batch));
                List<?> reply = (List<?>) read();
                cursor = new String((byte[]) reply.get(0), StandardCharsets.US_ASCII);
                List<?> found = (List<?>) reply.get(1);
                if (!found.isEmpty()) {
                    List<Object> migrate = new ArrayList<>(
                            List.of("MIGRATE", "127.0.0.1", target, "", "0", "60000", "COPY", "REPLACE", "KEYS"));
                    migrate.addAll(found);
                    command(migrate);
                    Object r = read();
                    if (!"OK".equals(r)) {
                        throw new IOException("MIGRATE failed: " + r);
                    }
                    keys += found.size();
                }
            } while (!cursor.equals("0"));
            System.out.println("migrated " + keys + " keys");
        }
    }

    private static void command(List<?> args) throws IOException {
        out.write(("*" + args.size() + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (Object a : args) {
            byte[] b = a instanceof byte[] bytes ? bytes : a.toString().getBytes(StandardCharsets.UTF_8);
            out.write(("$" + b.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(b);
            out.write('\r');
            out.write('\n');
        }
        out.flush();
    }

    private static String line() throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != '\r') {
            sb.append((char) c);
        }
        in.read();
        return sb.toString();
    }

    private static Object read() throws IOException {
        int type = in.read();
        String line = line();
        switch (type) {
            case '+':
                return line;
            case '-':
                return "-" + line;
            case ':':
                return Long.parseLong(line);
            case '$': {
                int n = Integer.parseInt(line);
                if (n < 0) {
                    return null;
                }
                byte[] b = new byte[n];
                in.readFully(b);
                line();
                return b;
            }
            case '*': {
                int n = Integer.parseInt(line);
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    items.add(read());
                }
                return items;
            }
            default:
                throw new IOException("unexpected reply type " + type);
        }
    }
}
