"""A fixture that takes the network away: any connection beyond loopback raises."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


class NetworkBlocked(OSError):
    """Raised instead of opening a connection to anything but this machine."""


def _is_loopback(address: Any) -> bool:
    host = address[0] if isinstance(address, tuple) else address
    if isinstance(host, bytes):
        host = host.decode()
    if not isinstance(host, str):
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False  # a host name other than localhost would need DNS


@pytest.fixture()
def no_network(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[list[Any]]:
    """Block DNS and connections beyond loopback, and give tiktoken an empty cache.

    Yields the list of addresses something tried to reach, so a test can show none was.
    """
    attempts: list[Any] = []
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def connect(sock: socket.socket, address: Any) -> Any:
        if sock.family == socket.AF_UNIX or _is_loopback(address):
            return real_connect(sock, address)
        attempts.append(address)
        raise NetworkBlocked(f"network blocked in this test: {address!r}")

    def connect_ex(sock: socket.socket, address: Any) -> Any:
        if sock.family == socket.AF_UNIX or _is_loopback(address):
            return real_connect_ex(sock, address)
        attempts.append(address)
        raise NetworkBlocked(f"network blocked in this test: {address!r}")

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host is None or _is_loopback(host):
            return real_getaddrinfo(host, *args, **kwargs)
        attempts.append(host)
        raise NetworkBlocked(f"DNS blocked in this test: {host!r}")

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    empty_cache = tmp_path / "tiktoken-cache"
    empty_cache.mkdir()
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(empty_cache))
    monkeypatch.delenv("DATA_GYM_CACHE_DIR", raising=False)
    yield attempts
