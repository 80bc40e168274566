-- Atlas des Régies schema, SQLite flavour. Keep in step with ../postgres/0001_schema.sql:
-- the integration tests compare both schemas column by column.
-- Timestamps are ISO-8601 text and booleans 0/1 integers: sqlx's Any driver decodes those on both backends.

CREATE TABLE regions (
    code TEXT PRIMARY KEY,
    nom TEXT NOT NULL
);

CREATE TABLE departements (
    code TEXT PRIMARY KEY,
    nom TEXT NOT NULL,
    region_code TEXT NOT NULL REFERENCES regions (code)
);

CREATE TABLE epci (
    siren TEXT PRIMARY KEY,
    nom TEXT NOT NULL,
    nature TEXT NOT NULL
);

CREATE TABLE communes (
    insee TEXT PRIMARY KEY,
    nom TEXT NOT NULL,
    nom_recherche TEXT NOT NULL,
    departement_code TEXT NOT NULL REFERENCES departements (code),
    epci_siren TEXT REFERENCES epci (siren),
    population BIGINT,
    lon DOUBLE PRECISION NOT NULL,
    lat DOUBLE PRECISION NOT NULL,
    contour TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX communes_departement ON communes (departement_code);
CREATE INDEX communes_epci ON communes (epci_siren);
CREATE INDEX communes_nom_recherche ON communes (nom_recherche);

CREATE TABLE codes_postaux (
    code TEXT NOT NULL,
    commune_insee TEXT NOT NULL REFERENCES communes (insee) ON DELETE CASCADE,
    PRIMARY KEY (code, commune_insee)
);
CREATE INDEX codes_postaux_commune ON codes_postaux (commune_insee);

CREATE TABLE qpv (
    code TEXT PRIMARY KEY,
    nom TEXT NOT NULL,
    contour TEXT,
    lon DOUBLE PRECISION,
    lat DOUBLE PRECISION,
    bbox_min_lon DOUBLE PRECISION,
    bbox_min_lat DOUBLE PRECISION,
    bbox_max_lon DOUBLE PRECISION,
    bbox_max_lat DOUBLE PRECISION,
    population BIGINT,
    indicateurs TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- No foreign key to communes: the ANCT and INSEE files may be loaded in either order.
CREATE TABLE qpv_communes (
    qpv_code TEXT NOT NULL REFERENCES qpv (code) ON DELETE CASCADE,
    commune_insee TEXT NOT NULL,
    PRIMARY KEY (qpv_code, commune_insee)
);
CREATE INDEX qpv_communes_commune ON qpv_communes (commune_insee);

CREATE TABLE regies (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL UNIQUE,
    nom TEXT NOT NULL,
    siret TEXT UNIQUE,
    siren TEXT,
    adresse TEXT,
    code_postal TEXT NOT NULL,
    commune_insee TEXT NOT NULL REFERENCES communes (insee),
    lon DOUBLE PRECISION NOT NULL,
    lat DOUBLE PRECISION NOT NULL,
    site_web TEXT,
    telephone TEXT,
    email TEXT,
    date_creation TEXT,
    date_adhesion TEXT,
    description TEXT,
    verification TEXT NOT NULL DEFAULT 'a_verifier' CHECK (verification IN ('a_verifier', 'verifiee')),
    source TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX regies_commune ON regies (commune_insee);

CREATE TABLE regie_activites (
    regie_id BIGINT NOT NULL REFERENCES regies (id) ON DELETE CASCADE,
    activite TEXT NOT NULL,
    PRIMARY KEY (regie_id, activite)
);

CREATE TABLE chiffres_cles (
    regie_id BIGINT NOT NULL REFERENCES regies (id) ON DELETE CASCADE,
    annee BIGINT NOT NULL,
    salaries BIGINT CHECK (salaries >= 0),
    salaries_insertion BIGINT CHECK (salaries_insertion >= 0),
    benevoles BIGINT CHECK (benevoles >= 0),
    personnes_accompagnees BIGINT CHECK (personnes_accompagnees >= 0),
    sorties_positives BIGINT CHECK (sorties_positives >= 0),
    chiffre_affaires_euros BIGINT CHECK (chiffre_affaires_euros >= 0),
    marches_publics BIGINT CHECK (marches_publics >= 0),
    source TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (regie_id, annee)
);

CREATE TABLE partenaires (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    nom TEXT NOT NULL,
    nature TEXT NOT NULL CHECK (nature IN ('bailleur_social', 'collectivite', 'epci', 'etat', 'plie',
        'maison_emploi', 'mission_locale', 'centre_social', 'entreprise', 'association', 'fondation')),
    siren TEXT,
    territoire TEXT,
    site_web TEXT,
    demo BIGINT NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX partenaires_siren ON partenaires (siren);

CREATE TABLE relations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    regie_id BIGINT NOT NULL REFERENCES regies (id) ON DELETE CASCADE,
    partenaire_id BIGINT NOT NULL REFERENCES partenaires (id) ON DELETE CASCADE,
    nature TEXT NOT NULL CHECK (nature IN ('donneur_ordre', 'gouvernance', 'financeur', 'emploi_insertion', 'social')),
    college TEXT CHECK (college IN ('habitants', 'elus', 'bailleurs_partenaires')),
    depuis TEXT,
    jusqu_a TEXT,
    demo BIGINT NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX relations_regie ON relations (regie_id);
CREATE INDEX relations_partenaire ON relations (partenaire_id);

CREATE TABLE contrats (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    relation_id BIGINT NOT NULL REFERENCES relations (id) ON DELETE CASCADE,
    objet TEXT NOT NULL,
    montant_euros BIGINT CHECK (montant_euros >= 0),
    debut TEXT,
    fin TEXT,
    procedure TEXT NOT NULL CHECK (procedure IN ('marche_public', 'convention', 'bon_de_commande')),
    activite TEXT,
    demo BIGINT NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX contrats_relation ON contrats (relation_id);

CREATE TABLE couvertures (
    regie_id BIGINT NOT NULL REFERENCES regies (id) ON DELETE CASCADE,
    qpv_code TEXT NOT NULL REFERENCES qpv (code) ON DELETE CASCADE,
    statut TEXT NOT NULL CHECK (statut IN ('estimee', 'declaree', 'confirmee')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (regie_id, qpv_code)
);
CREATE INDEX couvertures_qpv ON couvertures (qpv_code);
