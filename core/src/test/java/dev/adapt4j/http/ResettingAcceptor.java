package dev.adapt4j.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Accepts connections on a raw loopback socket, reads part of the request and resets the connection (SO_LINGER 0),
 * so the client sees a connection reset instead of a response.
 */
final class ResettingAcceptor implements AutoCloseable {

    private final ServerSocket socket;
    private final AtomicInteger accepted = new AtomicInteger();
    private final Thread thread;

    ResettingAcceptor(ServerSocket socket) {
        this.socket = socket;
        this.thread = new Thread(this::run, "resetting-acceptor");
        thread.setDaemon(true);
        thread.start();
    }

    int accepted() {
        return accepted.get();
    }

    private void run() {
        for (int i = 0; i < 100 && !socket.isClosed(); i++) {
            try (Socket s = socket.accept()) {
                accepted.incrementAndGet();
                s.setSoTimeout(1000);
                InputStream in = s.getInputStream();
                in.read(new byte[64]);
                s.setSoLinger(true, 0);
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
