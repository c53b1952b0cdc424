"""Start OpenLink Virtuoso (Debian's virtuoso-opensource) on free loopback ports with its own
database in a temporary folder, load N-Triples into one graph, and stop it: for the remote
tests and the benchmarks. Nothing here is part of the library."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from kg.server import ServerError, free_port, stop_process, wait_until_answering

GRAPH = "https://w3id.org/postsoviet-kg/graph"

INI = """[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
MaxClientConnections = 20
CheckpointInterval = 0
CaseMode = 2
DirsAllowed = ., {dir}, /usr/share/virtuoso-opensource-7/vad
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
ThreadsPerQuery = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
MaxClientConnections = 20
ServerThreads = 20
Charset = UTF-8
EnabledGzipContent = 0

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime = 60
"""


def available() -> bool:
    return shutil.which("virtuoso-t") is not None and shutil.which("isql-vt") is not None


class Virtuoso:
    """``with Virtuoso(folder) as v: v.load(path, GRAPH); v.query_url``"""

    def __init__(self, folder: str | Path):
        self.dir = Path(folder).resolve()
        self.sql_port, self.http_port = free_port(), free_port()
        self.process: subprocess.Popen | None = None

    @property
    def query_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}/sparql"

    def start(self, wait_s: float = 60.0) -> Virtuoso:
        self.dir.mkdir(parents=True, exist_ok=True)
        ini = self.dir / "virtuoso.ini"
        ini.write_text(INI.format(dir=self.dir, sql_port=self.sql_port,
                                  http_port=self.http_port), encoding="utf-8")
        self.process = subprocess.Popen(["virtuoso-t", "+foreground", "+configfile", str(ini)],
                                        cwd=self.dir, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
        try:
            wait_until_answering(self.query_url, self.process, wait_s)
        except ServerError as err:
            self.stop()
            log = self.dir / "virtuoso.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"Virtuoso did not start: {err}\n{tail}") from None
        return self

    def isql(self, statements: str) -> str:
        done = subprocess.run(["isql-vt", f"127.0.0.1:{self.sql_port}", "dba", "dba",
                               f"exec={statements}"], capture_output=True, text=True,
                              timeout=600, check=False)
        if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
            raise RuntimeError(f"isql failed: {done.stdout[-2000:]}{done.stderr[-2000:]}")
        return done.stdout

    def load(self, ntriples: str | Path, graph: str = GRAPH) -> None:
        """Bulk-load one N-Triples file into ``graph`` (copied into the database folder,
        which DirsAllowed permits)."""
        name = "load-" + Path(ntriples).name
        shutil.copyfile(ntriples, self.dir / name)
        self.isql(f"ld_dir('{self.dir}', '{name}', '{graph}'); rdf_loader_run(); "
                  "checkpoint;")
        status = self.isql("SELECT ll_state, ll_error FROM DB.DBA.LOAD_LIST;")
        if "NULL" not in status.split("ll_error")[-1] and "error" in status.casefold():
            raise RuntimeError(f"the load reported an error: {status}")

    def stop(self) -> None:
        stop_process(self.process, 30)
        self.process = None

    def __enter__(self) -> Virtuoso:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
