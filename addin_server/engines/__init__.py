"""Engines do the writing work (check, and later rewrite and ideas); they know nothing of HTTP."""


def warm_forking_thread() -> None:
    """Build, on the calling thread, what the engines keep per thread: a process that will
    fork its workers calls this on the thread that forks, beside the app's build, so that each
    worker's main thread (a copy of it) starts warm. See :class:`base.ForkHooks`."""
    from addin_server.engines.local.engine import warm_forking_thread as local

    local()
