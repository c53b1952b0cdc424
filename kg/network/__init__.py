"""Time-aware network analysis of the knowledge graph with networkx.

``network`` builds one of four projections (state-organization, co-membership, full,
co-attendance) at a date or over a period; ``timeline`` builds one over the whole history with
spells; ``centrality`` ranks nodes by a measure; ``centrality_series`` gives a measure year by
year as a tidy table; ``kg.network.export`` writes GraphML, GEXF and CSV edge lists.
See docs/network.md.

>>> import kg
>>> from kg.network import network
>>> G = network(kg.load(), "co-membership", at="2022-12-27")
>>> G.nodes["KAZ"]["type"], G.edges["KAZ", "RUS"]["weight"] >= 5
('state', True)
"""

from kg.network.build import KINDS, START, STATUS_WEIGHT, network, timeline
from kg.network.measures import MEASURES, Ranking, Score, centrality, rank, scores
from kg.network.series import centrality_series

__all__ = ["KINDS", "MEASURES", "START", "STATUS_WEIGHT", "Ranking", "Score", "centrality",
           "centrality_series", "network", "rank", "scores", "timeline"]
