"""The ranking rule (generate/ranking.py) on small hand-written fixtures, and its use by the finder's script.

Expected orders are written by hand from the fixtures below, never computed by the code under test.
The last test runs docs/assets/finder.js under Node on the finder.json of the real data and checks
that, for every project, phase and commune profile, the script shows what Python ranks.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from inge43.check.registry import run_checks
from inge43.generate import finder, ranking
from inge43.read.dataset import Dataset
from inge43.read.model import Domain, Partner, Phase

ROOT = Path(__file__).resolve().parents[2]


def partner(pid: str, offers: list[dict], *, entry: bool = False, phone: str | None = "04 71 00 00 00") -> Partner:
    return Partner.model_validate(
        {
            "id": pid,
            "nom": pid.capitalize(),
            "categorie": "association",
            "signataire_charte": True,
            "guichet_unique": entry,
            "description": "Fiche de test.",
            "territoire": "departement",
            "contact": {"telephone": phone} if phone else {},
            "offres": offers,
            "sources": ["https://exemple.fr"],
            "verifie_le": "2026-01-01",
        }
    )


def offer(oid: str, domains: list[str], nature: str = "conseil", projects: list[str] | None = None, **more) -> dict:
    return {
        "id": oid,
        "titre": oid,
        "domaines": domains,
        "phases": more.pop("phases", ["conception", "realisation"]),
        "nature": nature,
        "projets_types": projects or [],
        **more,
    }


ENERGY = Domain.model_validate(
    {
        "id": "energie",
        "nom": "Énergie et éclairage public",
        "description": "Test.",
        "projets_types": [
            {"id": "eclairage", "nom": "Moderniser l'éclairage public", "mots": ["lampadaires"]},
            {"id": "bornes", "nom": "Installer une borne de recharge"},
            {"id": "lignes", "nom": "Enfouir les lignes"},  # no offer names it
        ],
    }
)
WATER = Domain.model_validate(
    {
        "id": "eau",
        "nom": "Eau",
        "description": "Test.",
        "projets_types": ["Construire une station d'épuration", "Renouveler le réseau", "Gérer les eaux de pluie"],
    }
)
NETWORK = "renouveler-le-reseau"  # a specialist advises on it
RAIN = "gerer-les-eaux-de-pluie"  # no offer names it
HR = Domain.model_validate(
    {"id": "rh", "nom": "Ressources humaines", "description": "Test.", "projets_types": ["Recruter un agent"]}
)
STATION = "construire-station-epuration"  # the id made from the bare sentence


def dataset() -> Dataset:
    return Dataset(
        data_dir=Path("."),
        domains=[ENERGY, WATER, HR],
        partners=[
            partner("guichet", [offer("accompagnement", ["eau"], "assistance-maitrise-ouvrage")], entry=True),
            # Named « a… » so that the entry point's order (by name) would put it first if the rule did not.
            partner("association", [offer("reunions", ["energie", "rh"], "information")]),
            partner(
                "syndicat",
                [
                    offer("lumiere", ["energie"], "financement", ["eclairage"]),
                    offer("recharge", ["energie"], "maitrise-ouvrage-deleguee", ["bornes"]),
                    offer("extinction", ["energie"], "conseil", ["eclairage"], phases=["evaluation"]),
                ],
            ),
            partner("bureau", [offer("conseil-energie", ["energie"]), offer("autre", ["rh"])], phone=None),
            partner("etat", [offer("dotation", ["energie", "eau"], "financement")]),
            partner("agence", [offer("aide-station", ["eau"], "financement", [STATION])]),
            partner("regie", [offer("conseil-reseau", ["eau"], "conseil", [NETWORK])]),
            partner("centre", [offer("recrutement", ["rh"], "conseil", ["recruter-agent"])]),
        ],
    )


def ids(refs: list) -> list[str]:
    return [f"{p.id}/{o.id}" for p, o in refs]


def test_offers_that_serve_the_project_come_first_whatever_their_nature():
    r = ranking.rank(dataset(), ENERGY, "eclairage")
    assert ids(r.best) == ["syndicat/lumiere", "syndicat/extinction"]
    assert ids(r.others) == ["bureau/conseil-energie"]  # serves the whole domain
    assert ids(r.funding) == ["etat/dotation"]
    assert ids(r.inform) == ["association/reunions"]
    assert ids(r.elsewhere) == ["syndicat/recharge"]  # another project of the domain, never best placed
    assert r.entry_offers == [] and not r.entry_serves
    assert not ranking.entry_first(r.entry_serves, len(r.best), holder=False)


def test_the_phase_is_a_filter():
    r = ranking.rank(dataset(), ENERGY, "eclairage", Phase.EVALUATION)
    assert ids(r.best) == ["syndicat/extinction"]
    assert r.funding == [] and r.elsewhere == []


def test_the_domain_as_a_whole_keeps_the_two_best_placed_partners_with_all_their_offers():
    r = ranking.rank(dataset(), ENERGY, None)
    # syndicat: 3 offers, all about energy (3); etat: 1 of 1 (1); bureau: 1 of 2, no phone or e-mail (0.25).
    # The syndicate's offers in the order of the domain's project types: lighting, then charging.
    assert ids(r.best) == ["syndicat/lumiere", "syndicat/extinction", "syndicat/recharge", "etat/dotation"]
    assert ids(r.others) == ["bureau/conseil-energie"]
    assert r.funding == [] and r.elsewhere == []
    assert ids(r.inform) == ["association/reunions"]


def test_the_entry_point_comes_first_when_it_has_an_offer_for_the_project():
    # Its support serves the whole water domain; the agency's offer for the plant is a grant.
    r = ranking.rank(dataset(), WATER, STATION)
    assert ids(r.entry_offers) == ["guichet/accompagnement"] and r.entry_serves
    assert ids(r.best) == ["agence/aide-station"]
    assert ranking.entry_first(r.entry_serves, len(r.best), holder=False)
    # The intercommunality that holds the competence comes before it.
    assert not ranking.entry_first(r.entry_serves, len(r.best), holder=True)


def test_a_specialist_who_helps_with_the_project_comes_before_the_entry_points_offer_for_the_domain():
    # The régie advises on the network itself; the entry point's support covers all of water.
    r = ranking.rank(dataset(), WATER, NETWORK)
    assert ids(r.best) == ["regie/conseil-reseau"] and not r.best_for_domain
    assert ids(r.entry_offers) == ["guichet/accompagnement"] and not r.entry_serves
    assert not ranking.entry_first(r.entry_serves, len(r.best), holder=False)


def test_a_project_no_offer_names_gets_the_best_placed_for_the_whole_domain():
    r = ranking.rank(dataset(), ENERGY, "lignes")
    # etat: 1 offer, all its work about energy (1); bureau: 1 of 2, no phone or e-mail (0.25).
    assert ids(r.best) == ["etat/dotation", "bureau/conseil-energie"] and r.best_for_domain
    assert r.others == [] and r.funding == []
    assert ids(r.elsewhere) == ["syndicat/lumiere", "syndicat/recharge", "syndicat/extinction"]
    assert ids(r.inform) == ["association/reunions"]  # information stays apart
    assert not r.entry_serves and not ranking.entry_first(r.entry_serves, len(r.best), holder=False)
    # For rain water, the entry point serves the whole domain: it opens the answer, then the State.
    water = ranking.rank(dataset(), WATER, RAIN)
    assert ids(water.best) == ["etat/dotation"] and water.best_for_domain
    assert ids(water.elsewhere) == ["agence/aide-station", "regie/conseil-reseau"]
    assert water.entry_serves and ranking.entry_first(water.entry_serves, len(water.best), holder=False)


def test_the_specialist_before_the_entry_point_when_it_has_no_offer_for_the_project():
    r = ranking.rank(dataset(), HR, "recruter-agent")
    assert ids(r.best) == ["centre/recrutement"]
    assert ids(r.elsewhere) == []
    assert ids(r.others) == ["bureau/autre"]
    assert not ranking.entry_first(r.entry_serves, len(r.best), holder=False)


def test_the_entry_point_first_when_no_specialist_serves_the_project():
    r = ranking.rank(dataset(), ENERGY, "bornes").filtered(lambda p, o: o.id != "recharge")
    assert r.best == []
    assert ranking.entry_first(r.entry_serves, len(r.best), holder=False)


def test_why_is_the_summary_or_the_first_sentence_of_the_offer():
    base = {"id": "oo", "titre": "Éclairage public", "domaines": ["energie"], "phases": ["conception"]}
    p = partner(
        "pp",
        [
            {**base, "nature": "conseil", "description": "Le Syndicat finance l'éclairage. Il conseille aussi."},
            {**base, "id": "rr", "nature": "conseil", "description": "Texte.", "resume": "Une phrase  choisie."},
            {**base, "id": "tt", "nature": "conseil"},
            {**base, "id": "mm", "nature": "conseil", "description": "M. le maire demande une aide de 70 % sur 3 ans"},
        ],
    )
    assert [ranking.why_sentence(o) for o in p.offres] == [
        "Le Syndicat finance l'éclairage.",
        "Une phrase choisie.",
        "Éclairage public.",
        "M. le maire demande une aide de 70 % sur 3 ans.",
    ]


# ---------------------------------------------------------------------------
# The twin: the finder's script applies the shipped order as Python ranks it
# ---------------------------------------------------------------------------

NODE_SCRIPT = """
const finder = require(process.argv[1]);
const fs = require("fs");
const data = finder.prepare(JSON.parse(fs.readFileSync(process.argv[2], "utf8")));
const cases = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
const out = cases.map(([domain, type, phase, slug, holder]) => {
  const r = finder.arrange(data, data.domainById[domain], type, phase, slug ? data.communeBySlug[slug] : null, holder);
  return [r.best, r.others, r.funding, r.inform, r.elsewhere, r.entry, r.entryFirst];
});
process.stdout.write(JSON.stringify(out));
"""


def test_the_finder_script_shows_the_order_python_ranks(tmp_path):
    ds = run_checks(ROOT / "data").dataset
    data = finder.finder_data(ds)
    (tmp_path / "finder.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    offers = [(p, o) for p in finder.eligibility.sort_partners(ds.partners) for o in p.offres]
    index = {(p.id, o.id): i for i, (p, o) in enumerate(offers)}
    applies = finder.applicable_offers(ds)
    # One commune per set of applicable offers, and no commune.
    communes: dict[frozenset, object] = {}
    for commune in ds.communes:
        communes.setdefault(frozenset(applies[commune.code]), commune)
    slugs = {
        c.code: r[1] or finder.slugify(r[0])
        for c, r in zip(sorted(ds.communes, key=lambda c: finder.fold(c.nom)), data["communes"], strict=True)
    }
    cases, expected = [], []
    for domain in ds.domains:
        for project in [None, *domain.projets_types]:
            for phase in [None, *Phase]:
                r = ranking.rank(ds, domain, project.id if project else None, phase)
                for commune in [None, *communes.values()]:
                    ok = applies[commune.code] if commune else None
                    kept = r if ok is None else r.filtered(lambda p, o, ok=ok: (p.id, o.id) in ok)
                    for holder in (False, True):
                        cases.append(
                            [
                                domain.id,
                                project.id if project else None,
                                phase.value if phase else "",
                                slugs[commune.code] if commune else None,
                                holder,
                            ]
                        )
                        groups = [kept.best, kept.others, kept.funding, kept.inform, kept.elsewhere, kept.entry_offers]
                        expected.append(
                            [[index[(p.id, o.id)] for p, o in g] for g in groups]
                            + [ranking.entry_first(kept.entry_serves, len(kept.best), holder)]
                        )
    (tmp_path / "cases.json").write_text(json.dumps(cases), encoding="utf-8")
    result = subprocess.run(
        [
            "node",
            "-e",
            NODE_SCRIPT,
            str(ROOT / "docs" / "assets" / "finder.js"),
            str(tmp_path / "finder.json"),
            str(tmp_path / "cases.json"),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    shown = json.loads(result.stdout)
    assert len(shown) == len(expected) > 1000
    mismatches = [(c, e, s) for c, e, s in zip(cases, expected, shown, strict=True) if e != s]
    assert not mismatches, mismatches[:3]


def test_why_an_offer_does_not_apply_is_decided_once():
    from inge43.generate import eligibility
    from inge43.read.model import Commune

    town = Commune.model_validate(
        {"code": "43157", "nom": "Ville", "codes_postaux": ["43000"], "population": 5000, "epci": "200073419"}
    )
    ds = dataset()
    near = partner("proche", [offer("petites", ["eau"], eligibilite={"population_max": 2000})])
    far = Partner.model_validate(
        {
            **partner("loin", []).model_dump(mode="json", exclude_none=True),
            "territoire": {"epci": ["243000000"]},
            "offres": [offer("petites", ["eau"], eligibilite={"population_max": 2000})],
        }
    )
    limited = partner("limite", [offer("ici", ["eau"], eligibilite={"territoire": {"communes": ["43001"]}})])
    assert eligibility.exclusion(ds, near, near.offres[0], town) == eligibility.EXCLUDED_BY_POPULATION
    assert eligibility.exclusion(ds, far, far.offres[0], town) == eligibility.EXCLUDED_BY_PARTNER  # before population
    assert eligibility.exclusion(ds, limited, limited.offres[0], town) == eligibility.EXCLUDED_BY_TERRITORY
    ok = partner("partout", [offer("toutes", ["eau"])])
    assert eligibility.exclusion(ds, ok, ok.offres[0], town) is None


def test_done_when_on_the_real_data():
    """The issue's checks, on data/: lighting at Saugues, hiring, and no best-placed offer for another project."""
    ds = run_checks(ROOT / "data").dataset
    applies = finder.applicable_offers(ds)
    saugues = next(c for c in ds.communes if c.nom == "Saugues")
    lighting = ranking.rank(ds, ds.domain_by_id["energie-eclairage"], "moderniser-eclairage-public")
    lighting = lighting.filtered(lambda p, o: (p.id, o.id) in applies[saugues.code])
    assert ids(lighting.best)[0] == "sde-43/eclairage-public"
    assert not ranking.entry_first(lighting.entry_serves, len(lighting.best), holder=False)
    hiring = ranking.rank(ds, ds.domain_by_id["ressources-humaines"], "recruter-agent-communal")
    assert ids(hiring.best)[0] == "cdg-43/recrutement-emploi"
    assert not ranking.entry_first(hiring.entry_serves, len(hiring.best), holder=False)
    for domain in ds.domains:
        for project in domain.projets_types:
            r = ranking.rank(ds, domain, project.id)
            for partner_, offer_ in r.best:
                # An offer for this project; or, when no offer names it, one for the whole domain:
                # never an offer for another project of the domain.
                if r.best_for_domain:
                    assert offer_.projets_types == [], (domain.id, project.id, partner_.id, offer_.id)
                else:
                    assert project.id in offer_.projets_types, (domain.id, project.id, partner_.id, offer_.id)


# Issue 23, third round: general funding, loans, the entry point's own order.
FIRE = Domain.model_validate(
    {"id": "incendie", "nom": "Défense incendie", "description": "Test.", "projets_types": ["Remplacer un poteau"]}
)
MONEY = Domain.model_validate(
    {"id": "financement", "nom": "Financement", "description": "Test.", "projets_types": ["Préparer un dossier"]}
)
POST = "remplacer-poteau"


def funding_dataset() -> Dataset:
    return Dataset(
        data_dir=Path("."),
        domains=[FIRE, WATER, MONEY],
        partners=[
            partner(
                "guichet",
                [
                    offer("tout", ["incendie", "eau", "rh", "energie"], "assistance-maitrise-ouvrage"),
                    offer("technique", ["incendie", "eau"], "assistance-maitrise-ouvrage"),
                    offer("poteaux", ["incendie", "eau", "rh", "energie", "financement"], "conseil", [POST]),
                ],
                entry=True,
            ),
            # Money for every kind of project (more than two domains), naming this one among others.
            partner(
                "etat",
                [offer("dotation", ["incendie", "eau", "financement"], "financement", [POST, "preparer-dossier"])],
            ),
            partner("pompiers", [offer("conseil-poteaux", ["incendie"], "conseil")]),
            # Named « a… » and with two offers: it would lead if loans did not come after grants.
            partner("abanque", [offer("pret", ["eau"], "pret"), offer("pret-bis", ["eau"], "pret")]),
            partner("region", [offer("subvention", ["eau"], "financement")]),
        ],
    )


def test_general_funding_that_names_the_project_is_funding_not_the_best_placed():
    r = ranking.rank(funding_dataset(), FIRE, POST)
    # The State's grant names the post but is offered for three domains: the firemen lead the domain.
    assert ids(r.best) == ["pompiers/conseil-poteaux"] and r.best_for_domain
    assert ids(r.funding) == ["etat/dotation"]


def test_in_the_financing_domain_money_is_the_project():
    r = ranking.rank(funding_dataset(), MONEY, "preparer-dossier")
    assert ids(r.best) == ["etat/dotation"]


def test_a_partner_that_only_lends_comes_after_a_grant():
    r = ranking.rank(funding_dataset(), WATER, None)
    # Two loans would outweigh one grant; a loan must be repaid: the two grants lead, the loans are funding.
    assert ids(r.best) == ["etat/dotation", "region/subvention"]
    assert ids(r.funding) == ["abanque/pret", "abanque/pret-bis"]


def test_the_entry_points_offers_name_the_project_first_then_the_more_specific():
    r = ranking.rank(funding_dataset(), FIRE, POST)
    assert ids(r.entry_offers) == ["guichet/poteaux", "guichet/technique", "guichet/tout"]
    r = ranking.rank(funding_dataset(), WATER, None)
    assert ids(r.entry_offers) == ["guichet/technique", "guichet/tout", "guichet/poteaux"]


def test_when_partners_only_inform_about_a_domain_they_are_the_best_placed():
    adresses = Domain.model_validate(
        {"id": "adresses", "nom": "Adressage", "description": "Test.", "projets_types": ["Nommer les voies"]}
    )
    data = Dataset(
        data_dir=Path("."),
        domains=[adresses],
        partners=[
            partner("guichet", [offer("accompagnement", ["eau"], "assistance-maitrise-ouvrage")], entry=True),
            partner("outil", [offer("tutoriel", ["adresses"], "information", ["nommer-voies"])]),
            partner("amf", [offer("journee", ["adresses"], "formation")]),
            # Offered for every domain (more than two): a fair for mayors is no specialist of addresses.
            partner("salon", [offer("salon", ["adresses", "eau", "rh"], "information")]),
        ],
    )
    r = ranking.rank(data, adresses, None)
    # No one does more than inform: those who inform about addresses lead the domain, not Ingé 43
    # (one offer each: the data's order); the fair stays with information.
    assert ids(r.best) == ["amf/journee", "outil/tutoriel"] and ids(r.inform) == ["salon/salon"]
    assert not ranking.entry_first(r.entry_serves, len(r.best), holder=False)
    # Where a partner helps otherwise, information stays after it (the AMF's fair is no sewage plant).
    r = ranking.rank(dataset(), ENERGY, None)
    assert ids(r.inform) == ["association/reunions"]
