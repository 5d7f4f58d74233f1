"""Reading rules: what the reader (read/) reports while it reads a file, at the value's position.

The reader can't go on without the file's text and structure, so it reports these itself; they are
declared here so that the registry names every rule a report can show.
"""

from __future__ import annotations

from ..registry import declare

declare("fichier-manquant", "Chaque fichier obligatoire de data/ est présent.")
declare(
    "fichier-illisible",
    "Un fichier de données est un vrai fichier lisible (pas un lien, un dossier ou un périphérique).",
)
declare("fichier-trop-grand", "Un fichier de données, ou une de ses lignes, ne dépasse pas la taille permise.")
declare("fichier-vide", "Un fichier de données n'est pas vide.")
declare("encodage", "Un fichier de données est en UTF-8.")
declare("syntaxe-yaml", "Le fichier est du YAML valide, sans référence (& et *) ni imbrication excessive.")
declare("tabulation", "L'indentation se fait avec des espaces, pas des tabulations.")
declare("cle-en-double", "Une clé n'apparaît qu'une fois dans un même bloc.")
declare("date-invalide", "Une date existe et s'écrit AAAA-MM-JJ.")
declare("contours-illisibles", "Le fichier des contours des communes est lisible.")
declare("champ-obligatoire", "Les champs obligatoires sont présents.")
declare(
    "provenance-inchangee",
    "Une coordonnée modifiée change aussi sa provenance (source, année) ; vu avec « inge43 check --changed-from ».",
)
declare(
    "offre-mal-placee",
    "Une offre collée au niveau des partenaires est signalée une fois, avec le décalage à faire.",
)
declare("cle-inconnue", "Chaque clé est prévue par le modèle (une faute de frappe est signalée).")
declare("type", "Chaque valeur a le type attendu (texte, nombre, liste, date…).")
declare("valeur-non-autorisee", "Une valeur à choisir dans une liste est l'une des valeurs permises.")
declare("format-identifiant", "Un identifiant s'écrit en minuscules sans accents, mots séparés par des tirets.")
declare("champ-vide", "Un champ présent n'est pas vide.")
declare("liste-vide", "Une liste qui doit contenir quelque chose n'est pas vide.")
