"""A TCP relay on loopback, run in threads so it works while the test blocks: it can be cut
(connections refused, live ones closed) and opened again, or made to swallow what it receives
without ever answering (a service that hangs)."""

from __future__ import annotations

import contextlib
import socket
import threading

from tests.server import free_port


class Relay:
    def __init__(self, target_port: int, *, mode: str = "relay") -> None:
        self.target_port = target_port
        self.port = free_port()
        self.mode = mode  # relay | hang
        self._listener: socket.socket | None = None
        self._socks: set[socket.socket] = set()
        self._lock = threading.Lock()

    def endpoint(self, endpoint: str) -> str:
        """A push subscription's endpoint, through this relay."""
        path = endpoint.split("/notify/", 1)[1]
        return f"http://127.0.0.1:{self.port}/notify/{path}"

    def open(self) -> Relay:
        if self._listener is None:
            sock = socket.socket()
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(("127.0.0.1", self.port))
            sock.listen(128)
            self._listener = sock
            threading.Thread(target=self._accept, args=(sock,), daemon=True).start()
        return self

    def cut(self) -> None:
        """Refuse new connections and close the live ones, as a dead network path would."""
        listener, self._listener = self._listener, None
        if listener is not None:
            with contextlib.suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)
            listener.close()
        with self._lock:
            socks, self._socks = self._socks, set()
        for s in socks:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            s.close()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            with self._lock:
                self._socks.add(client)
            if self.mode == "hang":
                threading.Thread(target=self._swallow, args=(client,), daemon=True).start()
                continue
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port), timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self._lock:
                self._socks.add(upstream)
            threading.Thread(target=self._pipe, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client), daemon=True).start()

    def _swallow(self, client: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while client.recv(65536):
                pass

    def _pipe(self, src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
