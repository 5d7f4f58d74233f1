"""Intercommunality pages and their index."""

from __future__ import annotations

from .. import intercommunalities
from ..urls import PARTNERS_INDEX
from .base import Page, Renderer, territory_map


def intercommunality_page(r: Renderer, view: intercommunalities.InterView) -> Page:
    seat_code = view.record.siege if view.record else None
    return Page(
        view.uri,
        r.render(
            "intercommunality.html.j2",
            view.uri,
            view=view,
            seat=r.index.ds.commune_by_code.get(seat_code or ""),
            population=sum(c.population or 0 for c in view.members),
            members_map=territory_map(
                r.index,
                view.uri,
                [c.code for c in view.members],
                label=f"Carte des communes de {view.name}",
                legend=("Communes membres", "Communes à confirmer"),
            ),
            edit=r.edit_links(view.record, view.name, view.uri),
            groups=r.index.territory_partners.get(view.epci.code, []),
            partners_index=PARTNERS_INDEX,
        ),
        in_nav=False,  # like partner pages: reached through their index and the commune pages
    )


def intercommunalities_index(r: Renderer) -> Page:
    uri = intercommunalities.INTERCOS_INDEX
    return Page(uri, r.render("intercommunalities_index.html.j2", uri, views=r.index.intercommunalities))


def pages(r: Renderer) -> list[Page]:
    return [intercommunalities_index(r), *(intercommunality_page(r, v) for v in r.index.intercommunalities)]
