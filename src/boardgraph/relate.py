"""Relation stage, after resolution: who worked with whom, who took part in which
programme, who holds which role, between resolved entities.

The spaCy component ``bg_relations`` (:mod:`boardgraph.components.relations`)
finds the candidates between mentions, sentence by sentence;
:func:`relate` turns them into :class:`Relation` and :class:`Role` records
between the entities that resolution made of those mentions.
"""

from __future__ import annotations

from boardgraph.components.relations import RelationFinder, make_relations
from boardgraph.model import (
    PROGRAMME,
    WORKED_WITH,
    ExtractedReport,
    Relation,
    Role,
)

__all__ = ["RelationFinder", "make_relations", "relate"]


# ------------------------------------------------------------ after resolution


def relate(
    reports: list[ExtractedReport], mention_entity: dict[tuple[str, int], str], entity_types: dict[str, str]
) -> tuple[list[Relation], list[Role]]:
    """Relations and roles between resolved entities, one per (kind, parties, sentence)."""
    relations: list[Relation] = []
    roles: list[Role] = []
    for rep in reports:
        rid = rep.document.identifier
        text = rep.document.text
        seen: set[tuple] = set()
        for cand in rep.relations:
            ents = [mention_entity.get((rid, a)) for a in cand.args]
            if any(e is None for e in ents):
                continue
            parts = tuple(dict.fromkeys(e for e in ents if e is not None))
            if cand.kind == WORKED_WITH:
                parts = tuple(sorted(parts))
                if len(parts) < 2:
                    continue
            elif len(parts) != 2 or entity_types.get(parts[1]) != PROGRAMME:
                continue
            key = (cand.kind, parts, cand.sentence)
            if key in seen:
                continue
            seen.add(key)
            relations.append(
                Relation(
                    kind=cand.kind,
                    participants=parts,
                    report_id=rid,
                    date=rep.meta.date,
                    trigger=cand.trigger,
                    evidence=cand.sentence,
                    evidence_text=cand.sentence.text(text),
                )
            )
        for role in rep.roles:
            person = mention_entity.get((rid, role.person))
            org = mention_entity.get((rid, role.organisation)) if role.organisation is not None else None
            if person is None:
                continue
            roles.append(
                Role(
                    person=person,
                    role=role.role,
                    organisation=org,
                    report_id=rid,
                    date=rep.meta.date,
                    evidence=role.sentence,
                    evidence_text=role.sentence.text(text),
                )
            )
    return relations, roles
