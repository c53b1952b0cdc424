"""``kg serve`` (Oxigraph's SPARQL server on the graph, see kg.server) and ``kg import-cow``
(the Correlates of War IGO import, see kg.cow_import): the commands of serving and scale."""

from __future__ import annotations

import argparse


def cmd_serve(args: argparse.Namespace) -> int:
    import sys

    from kg.server import ServerError, serve

    try:
        return serve(args.graph, host=args.host, port=args.port, location=args.location,
                     timeout_s=args.timeout)
    except ServerError as err:  # e.g. the port is taken: one line, no traceback
        print(f"kg: error: {err}", file=sys.stderr)
        return 2


def cmd_import_cow(args: argparse.Namespace) -> int:
    from kg.cow_import import import_cow
    from kg.graph import load

    graph = load(args.graph) if args.graph else None
    report = import_cow(args.state_years, args.igos, out=args.out, graph=graph,
                        combined=args.combined)
    print(f"{report.organizations} organizations ({report.new_organizations} new), "
          f"{report.states} states ({report.new_states} new), {report.memberships} "
          f"membership intervals; {report.kept_curated} left out where a curated fact "
          "overlaps")
    print(f"wrote {report.out} ({report.triples} triples)")
    if args.combined:
        print(f"wrote {args.combined} (the curated graph and the import: use it with --graph)")
    return 0


def add_commands(add) -> None:
    """Register ``kg serve`` and ``kg import-cow`` with the CLI's
    ``add(name, func, help, graph=, fmt=)``."""
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

    p = add("import-cow", cmd_import_cow, "Import the Correlates of War IGO v3 state-year "
            "statuses (1 member, 2 associate, 3 observer; 0, -1 and -9 end a run) as membership "
            "intervals citing COW, into a separate N-Triples file (never into data/); curated "
            "facts win where they overlap.", fmt=False)
    p.add_argument("state_years", metavar="STATE_YEAR_CSV",
                   help="COW's state_year_formatv3.csv (or .csv.gz)")
    p.add_argument("--igos", metavar="IGO_YEAR_CSV", help="COW's igo_year_formatv3.csv (or "
                   ".gz), for the organizations' names")
    p.add_argument("--out", default="cow-igo.nt", metavar="FILE",
                   help="the imported triples (default: cow-igo.nt)")
    p.add_argument("--combined", metavar="FILE", help="also write the curated graph and the "
                   "import together here, for --graph of the other commands")
