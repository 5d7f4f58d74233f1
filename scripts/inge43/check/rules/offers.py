"""Offer rules: every domain has someone behind it, and every grant says what it pays."""

from __future__ import annotations

from ...read.model import Phase
from ..registry import Context, rule

# Phases for which every domain needs an offer or a reasoned « sans offre connue ».
REQUIRED_PHASES = (Phase.CONCEPTION, Phase.REALISATION)


@rule(
    "domaine-sans-offre",
    "Chaque domaine a, en conception et en réalisation, une offre d'un autre organisme que le guichet "
    "unique, ou une phrase « sans offre connue » qui dit pourquoi.",
)
def domain_coverage(ctx: Context) -> None:
    ds = ctx.dataset
    if ctx.collector.errors:
        return  # a file or record could not be read: coverage can't be judged without it
    for domain in ds.domains:
        for phase in REQUIRED_PHASES:
            if phase in domain.sans_offre_connue:
                continue
            covered = any(
                domain.id in o.domaines and phase in o.phases
                for p in ds.partners
                if not p.guichet_unique
                for o in p.offres
            )
            if not covered:
                ctx.report(
                    domain,
                    ("id",),
                    f"Le domaine « {domain.id} » n'a aucune offre d'un partenaire (hors guichet unique) "
                    f"pour la phase « {phase.value} ».",
                    expected="au moins une offre sourcée, ou une phrase dans sans_offre_connue",
                    tip=f"Ajoutez le domaine « {domain.id} » aux offres qui y répondent (d'après leur source), "
                    f"ou écrivez sous sans_offre_connue « {phase.value}: » une phrase qui dit pourquoi "
                    "aucune offre n'est connue et ce que la commune peut faire.",
                )


@rule(
    "montant-financement",
    "Une offre de financement dit ce qu'elle paie (taux, montant ou plafond, avec sa source et son année) "
    "ou qu'aucun chiffre n'est publié.",
)
def funding_amount(ctx: Context) -> None:
    for partner in ctx.dataset.partners:
        for offer in partner.offres:
            amount = offer.montant
            if offer.nature.funds and amount is None:
                ctx.report(
                    offer,
                    ("nature",),
                    f"L'offre de financement « {offer.id} » ne dit pas ce qu'elle paie.",
                    expected="montant: avec texte, source et annee, ou non_publie: true",
                    tip="Ajoutez « montant: » avec le taux, le montant ou le plafond que donne la source "
                    "(texte, source, annee) ; si la source n'en publie pas, écrivez non_publie: true et, "
                    "dans texte, à qui le demander.",
                )
            elif amount is not None and not amount.non_publie and (amount.source is None or amount.annee is None):
                labels = {"source": "la source (source)", "annee": "l'année de la source (annee)"}
                missing = " et ".join(label for key, label in labels.items() if getattr(amount, key) is None)
                ctx.report(
                    offer,
                    ("montant",),
                    f"Le montant de l'offre « {offer.id} » est chiffré, mais il manque {missing}.",
                    expected="montant.source (adresse lue) et montant.annee (année de la source)",
                    tip="Indiquez la page où le chiffre a été lu et son année ; sans chiffre sourcé, "
                    "écrivez non_publie: true et, dans texte, à qui le demander.",
                )
