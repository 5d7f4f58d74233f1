"""Reference rules: what a record cites (domains, territories, partners, outlines) exists."""

from __future__ import annotations

import os
from pathlib import Path

from ...read.contours import CONTOURS_FILE
from ...read.model import Competence, LegalCompetence
from ...read.problems import Problem, Severity, quote
from ...read.text import suggest
from ..registry import Context, rule
from .shared import (
    check_reference,
    check_territory_references,
)


@rule("reference-domaine", "Les domaines cités par une offre ou un guide existent dans data/domains.yml.")
def domain_refs(ctx: Context) -> None:
    ds = ctx.dataset
    for partner in ds.partners:
        for offer in partner.offres:
            for i, domain in enumerate(offer.domaines):
                check_reference(ctx, offer, ("domaines", i), domain, ds.domain_by_id, "Le domaine", "data/domains.yml")
    for interco in ds.intercommunalities:
        for competence in interco.competences:
            for i, domain in enumerate(competence.domaines):
                check_reference(
                    ctx, competence, ("domaines", i), domain, ds.domain_by_id, "Le domaine", "data/domains.yml"
                )
    for block in ds.legal_competences:
        for given in block.competences:
            for i, domain in enumerate(given.domaines):
                check_reference(ctx, given, ("domaines", i), domain, ds.domain_by_id, "Le domaine", "data/domains.yml")
    for guide in ds.guides:
        for i, domain in enumerate(guide.domaines):
            check_reference(ctx, guide, ("domaines", i), domain, ds.domain_by_id, "Le domaine", "data/domains.yml")


@rule(
    "reference-projet-type",
    "Les projets types cités par une offre ou une compétence sont définis, dans data/domains.yml, par un de ses domaines.",
)
def project_type_refs(ctx: Context) -> None:
    ds = ctx.dataset
    for partner in ds.partners:
        for offer in partner.offres:
            domains = [ds.domain_by_id[d] for d in offer.domaines if d in ds.domain_by_id]
            if len(domains) < len(offer.domaines):
                continue  # an unknown domain has its own error (reference-domaine)
            known = {t.id: d for d in domains for t in d.projets_types}
            for i, project in enumerate(offer.projets_types):
                if project in known:
                    continue
                elsewhere = [d.id for d in ds.domains if any(t.id == project for t in d.projets_types)]
                shown = ", ".join(list(known)[:8]) + (", …" if len(known) > 8 else "")
                where = "ses domaines (" + ", ".join(offer.domaines) + ")"
                tip = suggest(project, known)
                if elsewhere:
                    tip = (
                        f"« {project} » est un projet type du domaine « {elsewhere[0]} » : ajoutez ce domaine "
                        "aux `domaines` de l'offre, ou retirez ce projet type."
                    )
                ctx.report(
                    offer,
                    ("projets_types", i),
                    f"Le projet type « {project} » n'est défini par aucun des domaines de l'offre « {offer.id} ».",
                    expected=f"un projet type de {where} : {shown}"
                    if known
                    else f"un projet type de {where}, qui n'en ont pas",
                    found=quote(project),
                    tip=tip or "Choisissez un `id` parmi les `projets_types` de ces domaines dans data/domains.yml.",
                )
    # A competence's project types (given to the intercommunality by its `partage`) belong to its domains.
    competences: list[Competence | LegalCompetence] = [k for i in ds.intercommunalities for k in i.competences]
    competences += [k for block in ds.legal_competences for k in block.competences]
    for competence in competences:
        known_ids = [
            t.id for d in competence.domaines if d in ds.domain_by_id for t in ds.domain_by_id[d].projets_types
        ]
        for i, project in enumerate(competence.projets_types):
            check_reference(
                ctx,
                competence,
                ("projets_types", i),
                project,
                known_ids,
                "Le projet type (des domaines de la compétence)",
                "data/domains.yml",
            )


@rule(
    "categorie-intercommunalite",
    "Les compétences légales sont écrites pour une catégorie d'EPCI qui existe (le « type » de data/communes.yml).",
)
def legal_categories(ctx: Context) -> None:
    ds = ctx.dataset
    types = sorted({e.type for e in ds.epcis})
    if not types:
        return  # no communes.yml: its own error says so
    for block in ds.legal_competences:
        if block.categorie not in types:
            ctx.report(
                block,
                ("categorie",),
                severity=Severity.WARNING,
                message=f"Aucune intercommunalité de data/communes.yml n'est de la catégorie « {block.categorie} » :"
                " ces compétences légales ne sont attribuées à personne.",
                expected=f"une catégorie de data/communes.yml ({', '.join(types)})",
                found=quote(block.categorie),
                tip=f"Écrivez le « type » des EPCI concernés dans data/communes.yml : {' ou '.join(types)}.",
            )


@rule("reference-territoire", "Les communes, EPCI, arrondissements et parcs cités existent.")
def territory_refs(ctx: Context) -> None:
    ds = ctx.dataset
    for partner in ds.partners:
        check_territory_references(ctx, partner.territoire)
        for offer in partner.offres:
            if offer.eligibilite and offer.eligibilite.territoire:
                check_territory_references(ctx, offer.eligibilite.territoire)
    for park in ds.parks:
        for key in ("communes", "communes_a_confirmer"):
            for i, code in enumerate(getattr(park, key)):
                check_reference(ctx, park, (key, i), code, ds.commune_by_code, "La commune", "data/communes.yml")
    for interco in ds.intercommunalities:
        check_reference(ctx, interco, ("code",), interco.code, ds.epci_by_code, "L'EPCI", "data/communes.yml")
        if interco.siege:
            check_reference(
                ctx, interco, ("siege",), interco.siege, ds.commune_by_code, "La commune", "data/communes.yml"
            )
    for commune in ds.communes:
        if commune.epci:
            check_reference(ctx, commune, ("epci",), commune.epci, ds.epci_by_code, "L'EPCI", "data/communes.yml")
        if commune.arrondissement:
            check_reference(
                ctx,
                commune,
                ("arrondissement",),
                commune.arrondissement,
                ds.arrondissement_by_code,
                "L'arrondissement",
                "data/communes.yml",
            )


@rule("reference-partenaire", "Les partenaires et offres cités par la charte, les parcs et les guides existent.")
def partner_refs(ctx: Context) -> None:
    ds = ctx.dataset
    known = ds.partner_by_id
    for park in ds.parks:
        if park.partenaire:
            check_reference(ctx, park, ("partenaire",), park.partenaire, known, "Le partenaire", "data/partners.yml")
    if ds.charter:
        for i, pid in enumerate(ds.charter.signataires):
            check_reference(ctx, ds.charter, ("signataires", i), pid, known, "Le partenaire", "data/partners.yml")
        for commitment in ds.charter.engagements:
            check_reference(
                ctx, commitment, ("partenaire",), commitment.partenaire, known, "Le partenaire", "data/partners.yml"
            )
    for guide in ds.guides:
        for step in guide.etapes:
            for who in step.intervenants:
                check_reference(ctx, who, ("partenaire",), who.partenaire, known, "Le partenaire", "data/partners.yml")
                partner = known.get(who.partenaire)
                if partner and who.offre:
                    offers = [o.id for o in partner.offres]
                    check_reference(
                        ctx, who, ("offre",), who.offre, offers, "L'offre", f"la fiche du partenaire « {partner.id} »"
                    )


@rule("charte-signataires", "Les partenaires marqués signataires et la liste des signataires de la charte concordent.")
def charter_signatories(ctx: Context) -> None:
    ds = ctx.dataset
    if not ds.charter:
        return
    listed = set(ds.charter.signataires)
    for partner in ds.partners:
        if partner.signataire_charte and partner.id not in listed:
            ctx.warn(
                partner,
                ("signataire_charte",),
                f"« {partner.id} » est marqué signataire mais n'est pas dans la liste des signataires de data/charter.yml.",
                expected="les deux informations concordent",
                tip="Ajoutez-le à « signataires » dans data/charter.yml, ou mettez signataire_charte: false.",
            )
        if not partner.signataire_charte and partner.id in listed:
            ctx.warn(
                partner,
                ("signataire_charte",),
                f"« {partner.id} » figure parmi les signataires de la charte mais est marqué non signataire.",
                expected="signataire_charte: true",
                found="false",
                tip="Corrigez l'une des deux informations.",
            )


@rule(
    "sans-offre-contredit",
    "Une phase déclarée « sans offre connue » a pourtant une offre d'un partenaire autre que le guichet unique "
    "(avertissement).",
)
def no_offer_statement(ctx: Context) -> None:
    ds = ctx.dataset
    for domain in ds.domains:
        for phase in domain.sans_offre_connue:
            offers = [
                o
                for p in ds.partners
                if not p.guichet_unique
                for o in p.offres
                if domain.id in o.domaines and phase in o.phases
            ]
            if offers:
                ctx.warn(
                    domain,
                    ("sans_offre_connue", phase.value),
                    f"La phase « {phase.value} » est déclarée sans offre connue, mais {len(offers)} offre(s) y répondent.",
                    expected="une phase sans aucune offre",
                    found=", ".join(o.titre for o in offers[:3]),
                    tip="Retirez cette phase de sans_offre_connue.",
                )


@rule("contours-communes", "Chaque commune a son contour dans data/contours.json, et chaque contour une commune.")
def commune_outlines(ctx: Context) -> None:
    ds = ctx.dataset
    contours = ds.contours
    if contours is None or "communes.yml" in ds.unreadable:
        return
    label = os.path.relpath(ds.data_dir / CONTOURS_FILE)
    label = Path(label).as_posix() if not label.startswith("..") else (ds.data_dir / CONTOURS_FILE).as_posix()
    for commune in ds.communes:
        if not contours.rings.get(commune.code):
            ctx.report(
                commune,
                ("code",),
                f"La commune « {commune.nom} » ({commune.code}) n'a pas de contour : elle manquerait sur les cartes.",
                expected=f"un contour de code {commune.code} dans {label}",
                found="aucun contour",
                tip="Régénérez les contours avec « make contours » depuis un fichier qui contient cette commune.",
            )
    for code in sorted(set(contours.rings) - set(ds.commune_by_code)):
        name = contours.names.get(code) or "?"
        hint = suggest(code, ds.commune_by_code)
        ctx.collector.add(
            Problem(
                Severity.ERROR,
                ctx.current_rule,
                label,
                contours.lines.get(code, 1),
                1,
                "",
                f"Le contour « {name} » ({code}) ne correspond à aucune commune de data/communes.yml.",
                expected="un code INSEE de data/communes.yml",
                found=quote(code),
                tip=(f"{hint} " if hint else "")
                + "Les deux fichiers doivent dater de la même année : régénérez-les avec « make communes » puis « make contours ».",
            )
        )
