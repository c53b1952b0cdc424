"""``kg serve``: Oxigraph's own SPARQL server (the ``oxigraph`` package) on the built graph.

The graph is loaded into an Oxigraph store folder with ``oxigraph load``, and the server runs
with ``oxigraph serve-read-only``: SPARQL UPDATE and the graph store's write operations are
refused, every query has a timeout, and it listens on loopback unless told otherwise. The
dataset's VoID description is loaded beside the data, in its own named graph
(:data:`kg.export.VOID_GRAPH`), so that queries of the default graph see exactly the graph
that ``kg.load()`` gives.

>>> from kg.server import Server                                          # doctest: +SKIP
>>> with Server(port=0) as server:                                          # doctest: +SKIP
...     kg.connect(server.query_url).members("CSTO", at="2010-01-01")
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT_S = 30


class ServerError(RuntimeError):
    """The SPARQL server could not be prepared or started; the message says why."""


def oxigraph_binary() -> str:
    """The ``oxigraph`` command from the ``oxigraph`` package (beside this Python first)."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise ServerError("the `oxigraph` command is missing: pip install oxigraph")
    return found


def free_port(host: str = DEFAULT_HOST) -> int:
    """A TCP port that is free on ``host`` now."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def load_store(location: str | Path, files: list[str | Path]) -> None:
    """Load RDF files into an Oxigraph store folder with ``oxigraph load`` (N-Quads keep
    their named graphs)."""
    command = [oxigraph_binary(), "load", "--location", str(location)]
    for path in files:
        command += ["--file", str(path)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise ServerError(f"oxigraph load failed: {done.stderr.strip() or done.stdout.strip()}")


def prepare_store(location: str | Path, graph: str | Path | None = None) -> Path:
    """An Oxigraph store folder holding the graph (default: the one shipped in the package)
    and its VoID description in the named graph ``VOID_GRAPH``."""
    from kg.export import void_nquads
    from kg.graph import load

    knowledge = load(graph)
    location = Path(location)
    location.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kg-serve-") as scratch:
        data = Path(scratch) / "graph.nt"
        import pyoxigraph as ox

        data.write_bytes(ox.serialize(knowledge.store, format=ox.RdfFormat.N_TRIPLES))
        void = Path(scratch) / "void.nq"
        void.write_text(void_nquads(knowledge), encoding="utf-8")
        load_store(location, [data, void])
    return location


def wait_until_answering(query_url: str, process: subprocess.Popen, wait_s: float) -> None:
    """Poll ``ASK {}`` on a SPARQL endpoint until it answers; ServerError if the process
    exits first (with its standard error, if piped) or ``wait_s`` passes."""
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            error = process.stderr.read().strip() if process.stderr else ""
            raise ServerError(f"{Path(str(process.args[0])).name} exited "
                              f"({process.returncode}): {error}")
        try:
            with urllib.request.urlopen(query_url + "?query=ASK%7B%7D", timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.1)
    raise ServerError(f"the server did not answer on {query_url} within {wait_s:.0f} s")


def stop_process(process: subprocess.Popen | None, wait_s: float) -> None:
    """Terminate a server process we started, then kill it if it is still there."""
    if process is not None and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=wait_s)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Server:
    """Oxigraph's SPARQL server, read-only, on a store folder; a context manager that starts
    it, waits until it answers, and stops it.

    ``port=0`` picks a free port. ``location=None`` loads the graph into a temporary folder
    that is removed on stop.
    """

    def __init__(self, graph: str | Path | None = None, host: str = DEFAULT_HOST,
                 port: int = DEFAULT_PORT, location: str | Path | None = None,
                 timeout_s: int = DEFAULT_TIMEOUT_S):
        self.graph, self.host, self.timeout_s = graph, host, timeout_s
        self.port = port or free_port(host)
        self.location = Path(location) if location else None
        self._scratch: tempfile.TemporaryDirectory | None = None
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    @property
    def query_url(self) -> str:
        """The SPARQL 1.1 Protocol query endpoint."""
        return self.url + "query"

    def start(self, wait_s: float = 30.0) -> Server:
        with socket.socket() as probe:  # another server there would answer our readiness poll
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does
            try:
                probe.bind((self.host, self.port))
            except OSError as err:
                raise ServerError(f"cannot listen on {self.host}:{self.port}: "
                                  f"{err.strerror or err}") from None
        if self.location is None:
            self._scratch = tempfile.TemporaryDirectory(prefix="kg-store-")
            self.location = Path(self._scratch.name)
        if not (self.location.exists() and any(self.location.iterdir())):
            prepare_store(self.location, self.graph)
        command = [oxigraph_binary(), "serve-read-only", "--location", str(self.location),
                   "--bind", f"{self.host}:{self.port}", "--timeout-s", str(self.timeout_s)]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE, text=True)
        try:
            wait_until_answering(self.query_url, self.process, wait_s)
        except ServerError:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        stop_process(self.process, 10)
        if self.process is not None and self.process.stderr:
            self.process.stderr.close()
        self.process = None
        if self._scratch is not None:
            self._scratch.cleanup()
            self._scratch = None
            self.location = None

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def serve(graph: str | Path | None = None, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
          location: str | Path | None = None, timeout_s: int = DEFAULT_TIMEOUT_S,
          out=None) -> int:
    """Run the server until Ctrl-C (or SIGTERM), printing the URL of its query page."""
    import signal

    out = out or sys.stdout
    server = Server(graph, host, port, location, timeout_s)
    previous = signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt))
    try:
        server.start()
        print(f"SPARQL endpoint (read-only, query timeout {timeout_s} s): {server.query_url}",
              file=out)
        print(f"query page: {server.url}   (Ctrl-C stops it)", file=out, flush=True)
        try:
            server.process.wait()
        except KeyboardInterrupt:
            print("stopping", file=out, flush=True)
        else:
            raise ServerError(f"the server stopped by itself (exit {server.process.returncode})")
    finally:
        server.stop()
        signal.signal(signal.SIGTERM, previous)
    return 0
