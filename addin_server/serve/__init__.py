"""Everything that runs the server: ``addin-server serve`` picks a stack (:mod:`.run`), which
forks waitress workers (:mod:`.prefork`) or serves in one process (:mod:`.waitress_server`),
or hands the app to gunicorn (:mod:`.gunicorn_server`). Beside them: the HTTP and TLS details
of waitress (:mod:`.waitress_http`, :mod:`.waitress_tls`), the spread of connections over the
workers (:mod:`.balance`), stopping without cutting a request (:mod:`.drain`,
:mod:`.shutdown`) and the workers' metrics folder (:mod:`.metrics_folder`).

Nothing below this package knows how it is served; the engines' part in a fork is theirs
(:class:`addin_server.engines.base.ForkHooks`)."""
