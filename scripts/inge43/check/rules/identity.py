"""Identity rules: ids are unique, not reserved, guides named after their file, one entry point,
commune names that make a page address."""

from __future__ import annotations

from pathlib import Path

from ...read.model import (
    RESERVED_COMMUNE_SLUGS,
    RESERVED_IDS,
    Domain,
    Guide,
    Park,
    Partner,
)
from ...read.problems import quote
from ...read.text import slugify
from ..registry import Context, rule
from .shared import (
    report_duplicates,
    slug_hint,
)


@rule(
    "identifiant-unique",
    "Chaque partenaire, offre, domaine, commune, EPCI, parc, guide et sigle n'apparaît qu'une fois.",
)
def unique_ids(ctx: Context) -> None:
    ds = ctx.dataset
    report_duplicates(ctx, ((p, ("id",), p.id) for p in ds.partners), "L'identifiant de partenaire")
    for partner in ds.partners:
        report_duplicates(ctx, ((o, ("id",), o.id) for o in partner.offres), "L'identifiant d'offre")
    report_duplicates(ctx, ((d, ("id",), d.id) for d in ds.domains), "L'identifiant de domaine")
    for domain in ds.domains:
        report_duplicates(ctx, ((t, ("id",), t.id) for t in domain.projets_types), "L'identifiant de projet type")
    report_duplicates(ctx, ((c, ("code",), c.code) for c in ds.communes), "Le code INSEE")
    report_duplicates(ctx, ((e, ("code",), e.code) for e in ds.epcis), "Le code d'EPCI")
    report_duplicates(ctx, ((e, ("code",), e.code) for e in ds.intercommunalities), "Le code d'intercommunalité")
    report_duplicates(
        ctx, ((b, ("categorie",), b.categorie) for b in ds.legal_competences), "La catégorie de compétences légales"
    )
    report_duplicates(ctx, ((p, ("id",), p.id) for p in ds.parks), "L'identifiant de parc")
    report_duplicates(ctx, ((g, ("id",), g.id) for g in ds.guides), "L'identifiant de guide")
    report_duplicates(ctx, ((t, ("sigle",), t.sigle) for t in ds.terms), "Le sigle")


@rule("guide-nom-fichier", "L'identifiant d'un guide est le nom de son fichier.")
def guide_file_name(ctx: Context) -> None:
    for guide in ctx.dataset.guides:
        stem = Path(guide._origin[0]).stem if guide._origin else guide.id
        if guide.id != stem:
            ctx.report(
                guide,
                ("id",),
                f"L'identifiant « {guide.id} » ne correspond pas au nom du fichier « {stem}.yml ».",
                expected=f"id: {stem}",
                found=quote(guide.id),
                tip="Renommez le fichier ou corrigez l'identifiant : l'adresse de la page en dépend.",
            )


@rule("guichet-unique", "Un seul partenaire est le guichet unique (Ingé 43).")
def single_entry_point(ctx: Context) -> None:
    entries = [p for p in ctx.dataset.partners if p.guichet_unique]
    for extra in entries[1:]:
        ctx.report(
            extra,
            ("guichet_unique",),
            f"« {extra.id} » est marqué guichet unique, comme « {entries[0].id} » : il ne peut y en avoir qu'un.",
            expected="guichet_unique: true pour Ingé 43 seulement",
            found="true",
            tip="Retirez la ligne guichet_unique (ou mettez false) pour ce partenaire.",
        )


@rule("identifiant-reserve", "Un identifiant ne prend pas un nom réservé aux pages de rubrique (index).")
def reserved_ids(ctx: Context) -> None:
    ds = ctx.dataset
    records: list[Partner | Domain | Guide | Park] = [*ds.partners, *ds.domains, *ds.guides, *ds.parks]
    for record in records:
        if record.id in RESERVED_IDS:
            ctx.report(
                record,
                ("id",),
                f"L'identifiant « {record.id} » est réservé : la page prendrait la place de la page de la rubrique.",
                expected="un autre identifiant",
                found=quote(record.id),
                tip=f"Choisissez un identifiant tiré du nom, par exemple « {slug_hint(record)} ».",
            )


@rule(
    "nom-commune-adresse",
    "Le nom d'une commune donne l'adresse de sa page : il contient une lettre et ne prend pas l'adresse d'une autre page.",
)
def commune_page_names(ctx: Context) -> None:
    """The page of a commune is `communes/<slug of its name>/`: an empty slug has no address, and
    « index » or « a-z » would take the place of the communes' index or of its A–Z pages."""
    for commune in ctx.dataset.communes:
        slug = slugify(commune.nom)
        if not slug:
            ctx.report(
                commune,
                ("nom",),
                f"Le nom de la commune {commune.code} ne contient ni lettre ni chiffre : sa page n'aurait pas d'adresse.",
                expected="le nom officiel de la commune, en lettres",
                found=quote(commune.nom),
                tip="Recopiez le nom depuis le Code officiel géographique de l'Insee (ou relancez « make communes »).",
            )
        elif slug in RESERVED_COMMUNE_SLUGS:
            ctx.report(
                commune,
                ("nom",),
                f"Le nom « {commune.nom} » donnerait à la page de la commune l'adresse communes/{slug}/, "
                "qui est déjà celle d'une page du site (l'index des communes ou ses pages de A à Z).",
                expected="le nom officiel de la commune",
                found=quote(commune.nom),
                tip="Vérifiez le nom dans le Code officiel géographique de l'Insee ; "
                "si c'est bien le nom officiel, prévenez l'équipe technique du site.",
            )
