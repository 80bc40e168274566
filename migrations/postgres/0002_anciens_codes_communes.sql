-- Codes of former, delegated and associated communes and of municipal arrondissements, with the
-- commune they belong to today. Official files of another vintage name them (the QPV 2024 list
-- still places three QPVs in Pierrefitte-sur-Seine, 93059, part of Saint-Denis, 93066, since 2025).
CREATE TABLE anciens_codes_communes (
    code TEXT PRIMARY KEY,
    commune_insee TEXT NOT NULL REFERENCES communes (insee) ON DELETE CASCADE
);
CREATE INDEX anciens_codes_communes_commune ON anciens_codes_communes (commune_insee);
