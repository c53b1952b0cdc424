"""``kg serve``: the command that runs Oxigraph's SPARQL server on the graph (see kg.server)."""

from __future__ import annotations

import argparse


def cmd_serve(args: argparse.Namespace) -> int:
    from kg.server import serve

    return serve(args.graph, host=args.host, port=args.port, location=args.location,
                 timeout_s=args.timeout)


def add_serve_command(add) -> None:
    """Register ``kg serve`` with the CLI's ``add(name, func, help, graph=, fmt=)``."""
    from kg.server import DEFAULT_HOST, DEFAULT_PORT, DEFAULT_TIMEOUT_S

    p = add("serve", cmd_serve, "Run Oxigraph's SPARQL server (SPARQL 1.1 Protocol, read-only) "
            "on the graph, bound to loopback by default, with a query timeout. It prints the "
            "URL of its query page; Ctrl-C stops it. The dataset's VoID description is in the "
            "named graph https://w3id.org/postsoviet-kg/void.", fmt=False)
    p.add_argument("--host", default=DEFAULT_HOST,
                   help=f"address to listen on (default: {DEFAULT_HOST}, this machine only)")
    p.add_argument("--port", type=int, default=DEFAULT_PORT,
                   help=f"port (default: {DEFAULT_PORT}; 0 picks a free one)")
    p.add_argument("--timeout", type=int, default=DEFAULT_TIMEOUT_S, metavar="SECONDS",
                   help=f"query timeout (default: {DEFAULT_TIMEOUT_S})")
    p.add_argument("--location", metavar="DIR", help="keep the Oxigraph store in this folder "
                   "(loaded on first use; default: a temporary folder removed on exit)")
