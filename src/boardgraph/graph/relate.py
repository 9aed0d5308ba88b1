"""Relation stage, after resolution: who worked with whom, who took part in which
programme, who holds which role, between resolved entities.

The spaCy component ``bg_relations`` (:mod:`boardgraph.nlp.components.relations`)
finds the candidates between mentions, sentence by sentence;
:func:`relate` turns them into :class:`Relation` and :class:`Role` records
between the entities that resolution made of those mentions.
"""

from __future__ import annotations

from boardgraph.lexicons import lines
from boardgraph.model import (
    PROGRAMME,
    WORKED_WITH,
    ExtractedReport,
    Relation,
    Role,
    Span,
)
from boardgraph.nlp.components.relations import RelationFinder, make_relations

__all__ = ["RelationFinder", "make_relations", "relate", "relation_kind"]

# The kind a rule gives its collaborations when no word of the trigger says more.
RULE_KINDS = {
    "engaged": "engaged",
    "served-by": "engaged",
    "meetings-list": "met",
    "helped-by": "supported",
    "interaction-object": "met",
    "reciprocal": "partnered",
    "joint-subject": "jointly",
    "joint-agents": "jointly",
    "between": "partnered",
    "listed-subject": "jointly",
}


def relation_kind(rule: str, trigger: str) -> str:
    """What kind of collaboration a candidate is (met, jointly, engaged, liaised, …):
    the first trigger word with a stem in ``lexicons/relations_kinds.txt``, else the rule's."""
    stems = [tuple(line.split(maxsplit=1)) for line in lines("relations_kinds")]
    for word in trigger.lower().split():
        for stem, kind in stems:
            if word.startswith(stem) and (stem != "us" or word in {"use", "used", "using", "uses"}):
                return kind
    return RULE_KINDS.get(rule, "")


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
        seen: set[tuple[str, tuple[str, ...], Span]] = set()
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
                    relation_type=relation_kind(cand.rule, cand.trigger) if cand.kind == WORKED_WITH else "",
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
