"""This machine's store: what the worker processes of one server share, in SQLite files
(WAL mode) in a folder of the server's own (:mod:`.folder`): counts, small values and the
Redis outbox (:mod:`.counts`), the paragraph cache (:mod:`.blobs`). No service to install or
start; it outlives a worker that is killed, and goes with the server."""
