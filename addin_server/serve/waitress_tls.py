"""HTTPS for waitress: TLS on each connection, inside waitress's own event loop (issue 30).

Waitress has no TLS, and gunicorn, which has, imports ``fcntl``: no HTTPS server ran on
Windows, where most of Word's writers are. Here each connection of
:class:`~addin_server.serve.waitress_http.PenwiseServer` runs TLS in memory (:class:`ssl.SSLObject`
over two :class:`ssl.MemoryBIO`): the event loop reads ciphertext from the socket, decrypts it
and hands waitress the plain request; an answer is encrypted and sent as the socket takes it.
Everything else is waitress's, so HTTPS keeps what Penwise built on it: a slow client (or a
slow handshake) holds a connection, never a thread; the strict parser, the drain, the worker
processes and their balance work as over plain HTTP; and it runs on Windows, Linux and macOS
alike. Measured against gunicorn's TLS in bench/bench_tls.py (BENCHMARKS.md, "HTTPS").

An answer counts as sent only once its ciphertext is in the socket's buffer, so waitress
closes a connection (``Connection: close``, the drain) only after the last byte left.
"""

from __future__ import annotations

import contextlib
import errno
import socket
import ssl
import threading
import time
from typing import Any

from addin_server.serve.balance import WorkerShare
from addin_server.serve.waitress_http import PenwiseChannel, PenwiseServer

READ_BYTES = 64 * 1024
# Errors of a socket whose peer has gone (as waitress's own send treats them).
_GONE = frozenset(
    {errno.ECONNRESET, errno.ENOTCONN, errno.ESHUTDOWN, errno.ECONNABORTED, errno.EPIPE}
)


class TlsChannel(PenwiseChannel):
    """A waitress connection that speaks TLS: plaintext to waitress, ciphertext on the wire."""

    def __init__(self, server: Any, sock: Any, addr: Any, adj: Any, map: Any = None) -> None:
        super().__init__(server, sock, addr, adj, map)
        self._incoming = ssl.MemoryBIO()
        self._outgoing = ssl.MemoryBIO()
        self._tls = server.tls.wrap_bio(self._incoming, self._outgoing, server_side=True)
        # The event loop reads while a request's thread may write (waitress flushes answers
        # from either): one TLS state, one lock (taken again when an error closes).
        self._tls_lock = threading.RLock()
        self._ciphertext = bytearray()  # encrypted, not yet taken by the socket
        self._unacknowledged = 0  # plaintext whose ciphertext is not all sent

    def writable(self) -> bool:
        """Waitress's reasons, or ciphertext still to send."""
        return bool(super().writable() or self._ciphertext)

    def handle_write(self) -> None:
        """Send pending ciphertext (a handshake's too), then what waitress has to send."""
        with self._tls_lock:
            try:
                self._send_ciphertext()
            except OSError:
                self.handle_close()
                return
        super().handle_write()

    def handle_read(self) -> None:
        """Take the ciphertext that arrived; hand waitress the plaintext it holds."""
        try:
            data = self._socket().recv(READ_BYTES)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            self.handle_close()
            return
        if not data:  # the client closed the connection
            self.handle_close()
            return
        try:
            with self._tls_lock:
                self._incoming.write(data)
                plaintext = self._decrypt()
                self._send_ciphertext()
        except (ssl.SSLError, OSError):  # not TLS, a failed handshake, a reset
            self.handle_close()
            return
        if plaintext:  # as waitress's own read does
            self.last_activity = time.time()
            self.received(plaintext)

    def send(self, data: bytes, do_close: bool = True) -> int:
        """Encrypt and send ``data``; return how much of it is sent (0 while the socket still
        holds ciphertext of an earlier part: waitress offers the same bytes again)."""
        with self._tls_lock:
            try:
                self._send_ciphertext()
                if self._ciphertext:
                    return 0
                if self._unacknowledged:  # the part encrypted earlier is all sent now
                    sent, self._unacknowledged = self._unacknowledged, 0
                    return sent
                written = self._tls.write(data)
                self._send_ciphertext()
            except ssl.SSLWantReadError:  # no answer goes before the handshake is done
                return 0
            except OSError as error:
                if error.errno not in _GONE:
                    raise  # waitress closes the connection
                if do_close:
                    self.handle_close()
                return 0
            if self._ciphertext:
                self._unacknowledged = written
                return 0
            return written

    def handle_close(self) -> None:
        """Say goodbye in TLS (close_notify) if the socket takes it at once, then close."""
        if self.connected:
            with self._tls_lock, contextlib.suppress(ssl.SSLError, OSError, ValueError):
                self._tls.unwrap()
            with self._tls_lock, contextlib.suppress(OSError):
                self._send_ciphertext()
        super().handle_close()

    def _decrypt(self) -> bytes:
        """Finish the handshake if needed, then read every byte of plaintext there is."""
        parts: list[bytes] = []
        try:
            if self._tls.version() is None:  # the handshake is not done
                self._tls.do_handshake()
            while True:
                part = self._tls.read(READ_BYTES)
                if not part:
                    break
                parts.append(part)
        except (ssl.SSLWantReadError, ssl.SSLZeroReturnError):
            pass  # all read for now (after close_notify, the TCP close follows)
        return b"".join(parts)

    def _socket(self) -> socket.socket:
        if self.socket is None:  # closed meanwhile
            raise OSError(errno.EBADF, "the connection is closed")
        return self.socket

    def _send_ciphertext(self) -> None:
        """Move the encrypted bytes to the socket, as many as it takes now."""
        self._ciphertext += self._outgoing.read()
        if not self._ciphertext:
            return
        try:
            sent = self._socket().send(self._ciphertext)
        except (BlockingIOError, InterruptedError):
            return
        del self._ciphertext[:sent]


class TlsServer(PenwiseServer):
    """A :class:`~addin_server.serve.waitress_http.PenwiseServer` whose connections speak TLS with
    the context ``tls``."""

    channel_class = TlsChannel

    def __init__(
        self,
        app: Any,
        socks: list[socket.socket],
        share: WorkerShare | None,
        tls: ssl.SSLContext,
        **adjustments: Any,
    ) -> None:
        self.tls = tls
        super().__init__(app, socks, share, url_scheme="https", **adjustments)
