"""How the relevance harness judges an answer (tests/relevance_eval.py), on answers written by hand."""

from __future__ import annotations

from relevance_eval import judge, within_first

ENTRY = {"attendus_premiers": ["sde-43/eclairage-public", "epci:200073419"], "pas_avant": ["inge43"]}


def test_the_first_interlocutor_must_be_expected():
    assert judge(ENTRY, [("sde-43", "eclairage-public"), ("inge43", "")]) == (True, "")
    assert judge(ENTRY, [("epci:200073419", ""), ("sde-43", "bornes-recharge")]) == (True, "")
    assert judge(ENTRY, [("sde-43", "bornes-recharge"), ("sde-43", "eclairage-public")]) == (
        False,
        "en premier : sde-43/bornes-recharge",
    )
    assert judge(ENTRY, [("inge43", "")]) == (False, "en premier : inge43 (que le jeu met dans pas_avant)")
    assert judge(ENTRY, []) == (False, "réponse vide")


def test_among_the_first_three_interlocutors_counts_each_interlocutor_with_all_its_offers():
    # The syndicate's third offer is still its card: the second interlocutor.
    answer = [
        ("inge43", ""),
        ("sde-43", "bornes-recharge"),
        ("sde-43", "enfouissement"),
        ("sde-43", "eclairage-public"),
    ]
    assert within_first(ENTRY, answer)
    fourth = [("inge43", ""), ("ddt-43", ""), ("cdg-43", ""), ("sde-43", "eclairage-public")]
    assert not within_first(ENTRY, fourth)
    assert within_first(ENTRY, fourth, count=4)
    assert not within_first(ENTRY, [])
