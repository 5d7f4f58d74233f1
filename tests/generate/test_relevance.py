"""Relevance of the finder's answers on the development set, in a real browser (tests/relevance_eval.py).

Per-request expectations, not a floor: each request of tests/relevance_dev.yml must have an expected
interlocutor first, except the known misses below, which must still miss: a known miss that starts
passing fails the test, so the list is kept true (as in browser-compat-data's expected failures).
The set holds the held-out sets 1 to 8, each measured once on 2026-12-07 (14/36, then 16/33 after
the second round's tuning, 19/42 after the fourth, 20/45 after the fifth, 24/49 after the sixth,
18/45 after the seventh, 28/52 after the eighth, 20/54 after the ninth; README « Pertinence »). One test per request, so that they run in parallel.
"""

from __future__ import annotations

import pytest

from conftest import ROOT
from inge43.check.registry import run_checks
from inge43.generate.intercommunalities import intercommunality_uri
from relevance_eval import ask, load

pytestmark = pytest.mark.browser

# The misses of the one measurement (2026-12-07: 22 of 36), less those that the tuning of issue 23's
# second round made pass (31 of 36 on 2026-12-07, development set: the figures say nothing of the
# held-out set). Each left has its cause in the README « Pertinence ».
# Each set's block below lost the misses that later rounds made pass; the ninth round (an e-mail read
# up to its closing, the « -eur » derivations, sourced words for eleven things, « hameau » no
# addressing keyword) made 13 pass; the tenth (sourced words for 25 more things, the ONaCVG, the CNFPT's
# apprenticeship, the war memorial and the school bus stop as project types, the Région's school
# transport) made 10 pass (6 of set 8, 2 of set 7, 2 of sets 5 and 6) and one miss (below).
KNOWN_MISSES = {
    "racheter le dernier bar du village avant qu'il ferme",
    "acheter une lame de deneigement pour le tracteur de la commune",
    "maison vide en ruine au centre bourg, la commune voudrait l acheter pour faire des logements",
    # The held-out set 2, measured once at the end of the second round (2026-12-07): 17 misses of 33,
    # less those that the third, fourth and fifth rounds' tuning made pass (59, then 61 of 69, then 87
    # of 111 on 2026-12-07, development set).
    "poteau incendie qui ne marche plus, a remplacer",
    "le gps envoie les livreurs au mauvais endroit, nos adresses sont fausses sur internet",
    # The held-out set 3, measured once at the end of the fourth round (2026-12-07): 19 of 42 (45 %),
    # one more acceptable until new data come (en_attendant); its 23 misses, causes in the README,
    # less those that the fifth round's tuning made pass.
    "le transfo est trop faible, les nouvelles maisons ont des coupures de courant",
    "il manque 40 000 euros pour boucler le financement de la salle des fetes, quelles aides de la region ?",
    "reffaire le toit de l eglise qui prend l eau, elle n est pas classee",
    "la commune a un appartement vide au dessus de l ecole, on voudrait le renover pour le louer a une famille, qui peut nous aider pour les travaux et les subventions",
    "un conseiller municipal peut il voter la vente d un terrain communal a son frere",
    "un promoteur veut mettre des eoliennes sur les terrains de la commune et nous demande de signer une promesse de bail, est ce qu on doit accepter, on n y connait rien",
    "ou construire dans le bourg sans grignoter les terres agricoles",
    "cantine : plus de produits locaux et bio dans les repas des enfants",
    "une infirmiere cherche un local, la mairie a une salle libre a amenager en cabinet",
    "une navette pour emmener les personnes agees au marche du Puy le samedi",
    "un habitant veut acheter un bout de terrain sectionnal",
    "rendre la cascade plus facile a visiter : parking, sentier, panneaux",
    # The held-out set 4, measured once at the end of the fifth round (2026-12-07): 20 of 45 (44 %),
    # two more acceptable until new data come (en_attendant); its 25 misses, causes in the README.
    "notre commune a ete retenue village d avenir, qui va nous aider concretement",
    "amenager le site de la cascade pour les touristes : petit parking, panneaux, tables de pique nique",
    "mettre en ligne les inscriptions a la cantine et les demandes d actes d etat civil",
    "sensibiliser les elus et la secretaire aux arnaques par mail et aux mots de passe",
    "rediger le bail du logement au dessus de la mairie pour un nouveau locataire",
    "les habitants du hameau veulent se partager l argent de la location des pres de la section, est ce qu on a le droit",
    "des arbres tombes dans la riviere font barrage sous le pont, qui doit les enlever",
    "quand il fait froid les lumieres baissent dans les maisons du haut du village, le courant est trop faible",
    "eclairer le nouveau parking de la salle des fetes",
    "il nous manque de l argent pour finir le projet, on peut faire un emprunt sur tres longue duree ?",
    "dossier fonds vert pour isoler la mairie et changer la chaudiere",
    "cap43 c est quand le prochain appel a projets",
    "prendre un saisonnier pour les espaces verts cet ete",
    "l agent technique part a la retraite en juin, comment on monte son dossier",
    "restorer le lavoir du hameau, le toit tombe et l eau ne coule plus",
    "les vitraux de l eglise sont a restaurer, elle n est pas classee",
    "une infirmiere cherche un local, on pourrait lui amenager un cabinet dans un batiment communal",
    "des benevoles voudraient conduire les personnes agees chez le medecin, la commune peut aider une navette solidaire ?",
    "le prefet demande une deliberation sur les zones d acceleration des energies renouvelables, on n y comprend rien",
    # The held-out set 5, measured once at the end of the sixth round (2026-12-07): 24 of 49 (49 %),
    # three more acceptable until new data come (en_attendant); its 25 misses, causes in the README.
    "faire un trottoir le long de la departementale entre l ecole et la salle des fetes, les enfants marchent sur la route",
    "notre commune peut elle entrer dans le programme village d avenir ? on voudrait quelqu un pour nous aider a redonner vie au bourg",
    "vendre un bout de chemin rural a un riverain, quelle procedure",
    "faire l inventaire des plantes et des animaux de la commune, un atlas de la biodiversite",
    "le lampadaire devant l ecole ne marche plus depuis 15 jours, qui appeler",
    "combien il nous reste sur l enveloppe du departement pour nos projets",
    "emprunter sur 40 ans pour refaire le reseau d assainissement",
    "trouver un saisonnier pour tondre et arroser les fleurs cet ete",
    "restaurer la vieille croix en pierre du carrefour, elle penche",
    "lancer une souscription pour sauver la chapelle, les habitants sont prets a donner",
    "Bonjour, la commune envisage la creation d un lotissement communal de 6 lots sur un terrain qu elle possede a la sortie du bourg, pouvez vous nous indiquer les demarches et les aides possibles. Cordialement",
    "un habitant veut isoler sa maison, ou peut il se renseigner sur les aides",
    "construire un hangar pour ranger le tracteur et le materiel communal",
    "on en est juste a l idee : une salle pour les associations et les repas du village, par quoi on commence ?",
    "l inspection veut fermer une classe a la rentree, comment on peut se defendre",
    "ouvrir une micro creche dans l ancienne poste",
    "des agres de sport en plein air le long du chemin autour de l etang",
    "les bacs jaunes debordent, le camion ne passe pas assez souvent",
    # Passing after the sixth round's everyday words of the project types, missed since the seventh round's
    # rule (a keyword of several words met by one of its words alone does not make its domain know that
    # word): one word of such a phrase (« vide » of « maison vide ») carried them.
    "beaucoup de logements vides dans le centre, comment pousser les proprietaires a les renover",
    "construire dans les dents creuses du bourg plutot que d etaler le village dans les pres",
    "financer le reamenagement de la place du marche",
    # The held-out set 6, measured once at the end of the seventh round (2026-12-07): 18 of 45 (40 %);
    # its 27 misses, causes in the README.
    "le terrain vague derriere l eglise, on voudrait en faire un petit jardin avec des bancs et quelques arbres pour que les gens puissent s y poser",
    "fleurissement",
    "gite d etape pour les pelerins de compostelle : les travaux commencent au printemps, qui peut suivre le chantier avec nous",
    "une appli sur le telephone des habitants pour les prevenir quand il y a une coupure d eau ou de la neige sur les routes",
    "un voisin a mis une barriere en travers du chemin rural, il a le droit ?",
    "parcelles sans proprietaire connu depuis des annees, la commune peut elle les recuperer",
    "ca fait un an qu on eteint les lampadaires a 23 h, on aimerait savoir combien la commune a vraiment economise",
    "fonds europeens pour la halle du marche, on y a droit ?",
    "il nous reste combien sur l enveloppe du departement jusqu en 2027",
    "document unique des risques pour nos 2 employes, jamais fait",
    "la maison a cote de la mairie est a vendre, on voudrait la preempter pour agrandir la place",
    "un habitant a construit un garage sans permis, le maire peut faire quoi ?",
    "croix en pierre du carrefour cassee par un tracteur, on voudrait la faire refaire a l identique",
    "des habitants veulent isoler leur maison et demandent a la mairie quelles aides existent, ou est ce qu on les envoie",
    "construire un hangar pour ranger le tracteur et le materiel des employes communaux",
    "mettre un portail et un visiophone a l ecole pour la securite des enfants",
    "la dame de la cantine est en arret a la rentree, il faut quelqu un tout de suite pour faire les repas",
    "baliser des sentiers de randonée autour du village",
    "le boulanger part a la retraite et personne pour reprendre, la commune peut racheter le fond et les murs ?",
    "moustique tigre",
    "la farmacie va fermer, la commune peut faire quelque chose ?",
    "abri bus pour les enfants qui attendent le car scolaire au bord de la route",
    "ombrieres solaires sur le parking de la salle polyvalente",
    # The held-out set 7, measured once at the end of the eighth round (2026-12-07): 28 of 52 (54 %),
    # one more acceptable until new data come (en_attendant); its 24 misses, causes in the README.
    "wifi gratuit sur la place et dans la salle des fetes",
    "un agent a ouvert une piece jointe bizare ce matin, depuis l ordi rame et des fichiers ont change de nom",
    "Bonjour, un administré conteste devant le tribunal administratif le refus de son permis de construire. La commune doit-elle prendre un avocat et qui peut nous conseiller ? Cordialement",
    "conflit d interets",
    "la mare communale se bouche, il faudrait la curer mais il y a des tritons dedans",
    "la facture de chauffage de la mairie et de la salle des fetes a double, on voudrait savoir ou on perd de l energie",
    "combien d exemplaires du dossier de subvention de l etat faut il envoyer et a qui",
    "modifier le plu pour qu un artisan puisse agrandir son atelier en zone agricole, c est possible ?",
    "opah",
    "la mairie est trop petite, la maison d a cote est a vendre, on voudrait l acheter pour agrandir",
    "ouvrir un espace france services a la mairie pour aider les gens dans leurs demarches",
    "Bonjour, nous aimerions installer des arceaux et un abri pour les vélos devant l'école et la mairie. Existe-t-il des aides ? Cordialement",
    "le bus de l agglo ne s arrete pas chez nous, les jeunes ne peuvent pas aller au lycee au Puy",
    "biodechets",
    "on a deux rues de l eglise, une a Vissac et une a Auteyrac, les livreurs se trompent, comment on en renomme une",
    # Passing before round 10, missed since the project type « Prévenir les risques professionnels »: no
    # sourced offer serves it (none found for the Centre de gestion de la Haute-Loire), so Ingé 43 orients.
    "document unique d evaluation des risques pour les agents, on l a jamais fait",
    # The held-out set 8, measured once at the end of the ninth round (2026-12-07): 20 of 54 (37 %),
    # three more acceptable until new data come (en_attendant); its 34 misses, causes in the README.
    "la place devant la mairie c est tout du goudron, on voudrait en enlever une partie et planter des arbres pour avoir de l ombre l ete",
    "taxe de sejour",
    "wifi gratuit sur la place et dans la salle des fetes pour les jeunes et les touristes",
    "aucun reseau portable dans le hameau du haut, meme pas pour appeler les secours",
    "garder l eau et l assainissement a la commune ou les donner a la communaute de communes, on doit decider avant quand ?",
    "les arbres d un particulier debordent sur la route communale et il refuse d elager, le maire peut l obliger ?",
    "prendre un arrete pour interdire les camions de plus de 3,5 t sur le chemin du hameau",
    "une entreprise du village veut payer une partie de l aire de jeux, la commune peut accepter ce mecenat ?",
    "passer l adjoint administratif de 24 h a 30 h par semaine, il faut une deliberation ?",
    "partager notre secretaire de mairie avec la commune voisine qui n en trouve pas",
    "prendre un aprenti en CAP paysagiste pour les espaces verts",
    "un jeune couple veut construire sur un terrain de ses parents mais il est en zone agricole, la mairie peut faire quelque chose ?",
    "demander l inscription du vieux pont en pierre aux monuments historiques",
    "le beffroi des cloches de l eglise est pourri, le campaniste dit qu il faut tout changer",
    "OPAH",
    "la commission de securite passe en mars pour la salle polyvalente, qu est ce qu il faut preparer",
    "la mairie est devenue trop petite, on voudrait la deplacer dans l ancienne ecole fermee depuis deux ans",
    "Bonjour, des benevoles proposent d ouvrir une petite bibliotheque dans une salle de la mairie, qui peut nous aider pour les livres et le mobilier ? Merci",
    "une famille veut faire exhumer son grand pere pour le mettre dans un autre cimetiere, qu est ce que doit faire la mairie",
    "ouvrir une baignade surveillee au plan d eau cet ete, quelles obligations pour la commune ?",
    "ouvrir un espace France services a la mairie",
    "organiser un marche de producteurs le vendredi soir l ete sur la place du village",
    "ambroisie",
    "mettre des velos electriques en location pour les habitants qui vont travailler au Puy",
    "des arrets d autostop securises pour aller au bourg centre, comme rezo pouce",
    "un proprietaire plante des sapins colles aux maisons du hameau et aux pres des voisins, la commune peut l interdire ?",
    "des gens brulent leurs dechets verts dans le jardin, le maire peut il l interdire et qui controle ?",
    "on commence a y penser : remettre en marche la turbine du vieux moulin communal pour produire de l electricite",
}


@pytest.fixture(scope="module")
def epci_by_slug():
    ds = run_checks(ROOT / "data").dataset
    return {intercommunality_uri(e).split("/")[-1].removesuffix(".md"): e.code for e in ds.epcis}


def test_known_misses_are_requests_of_the_set():
    assert {e["requete"] for e in load()} >= KNOWN_MISSES


@pytest.fixture(scope="module")
def phone(browser):
    """One phone-sized page per worker: each request opens the finder afresh in it (`ask`), as an
    élu would in the same tab (a new context per request cost about half a second more each)."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("entry", load(), ids=lambda e: e["requete"][:48])
def test_development_set(phone, served_site, epci_by_slug, entry):
    outcome = ask(phone, served_site + "/", entry, epci_by_slug)
    if entry["requete"] in KNOWN_MISSES:
        assert not outcome.passed, f"« {outcome.request} » passe désormais : retirez-la de KNOWN_MISSES"
    else:
        assert outcome.passed, f"« {outcome.request} » ({outcome.commune}) : {outcome.why} ; ordre : {outcome.order}"
