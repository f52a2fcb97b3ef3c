package io.joulebit.export.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** Exact bytes on a socket: request lines no HTTP client would send, and clients that stall. */
final class RawHttp {
    private RawHttp() {}

    static Socket connect(int port, int readTimeoutMillis) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        s.setSoTimeout(readTimeoutMillis);
        return s;
    }

    /**
     * Sends {@code request} whole and returns what the server answers until it closes; a reset (the server closed
     * on a request it refused) ends the answer like a close. Send {@code Connection: close}, or this waits.
     */
    static String exchange(int port, String request) throws IOException {
        try (Socket s = connect(port, 20_000)) {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            try {
                s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
                s.getInputStream().transferTo(got);
            } catch (SocketTimeoutException e) {
                throw e;
            } catch (IOException reset) {
                // refused mid-request: what arrived before the reset is the answer
            }
            return got.toString(StandardCharsets.ISO_8859_1);
        }
    }

    static int status(String response) {
        return response.startsWith("HTTP/1.1 ") ? Integer.parseInt(response.substring(9, 12)) : -1;
    }

    /** What a stalled client sees: the server closed on it ({@code true}), or it was still waiting at the timeout. */
    static boolean closedByServer(Socket s) throws IOException {
        try {
            while (s.getInputStream().read() >= 0) {
                // a 408/400 before the close is fine too; we wait for the close itself
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
