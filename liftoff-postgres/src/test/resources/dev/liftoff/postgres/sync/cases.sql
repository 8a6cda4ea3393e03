-- The tables of the change-capture cases in issue 3, created before the sync starts (DDL stops a sync).
CREATE EXTENSION IF NOT EXISTS hstore;
CREATE EXTENSION IF NOT EXISTS citext;
CREATE SCHEMA app;
CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN app.positive_int AS integer CHECK (VALUE > 0);
CREATE TYPE app.address AS (street text, zip varchar(10));
CREATE TYPE app.floatrange AS RANGE (subtype = float8);

-- Every type pg copy handles.
CREATE TABLE app.all_types (
    id integer PRIMARY KEY,
    b boolean, i2 smallint, i4 integer, i8 bigint, n numeric, n2 numeric(12, 2), r real, d double precision,
    m money, t text, vc varchar(20), c char(5), bin bytea, dt date, tm time, ttz timetz, ts timestamp,
    tstz timestamptz, iv interval, u uuid, j json, jb jsonb, x xml, ip inet, net cidr, mac macaddr, mac8 macaddr8,
    bits bit(4), vbits varbit, pt point, ln line, seg lseg, bx box, pth path, pg polygon, ci circle, tsv tsvector,
    tsq tsquery, i4r int4range, tsr tstzrange, nmr nummultirange, grid integer[][], words text[], o oid, lsn pg_lsn,
    snap pg_snapshot, mood app.mood, moods app.mood[], qty app.positive_int, home app.address,
    homes app.address[], fr app.floatrange, attrs hstore, email citext, bounded integer[]
);

-- Primary-key changes.
CREATE TABLE app.accounts (id integer PRIMARY KEY, owner text NOT NULL, balance numeric NOT NULL);
INSERT INTO app.accounts SELECT i, 'owner ' || i, 100 FROM generate_series(1, 20) i;

-- No key at all, duplicate rows.
CREATE TABLE app.log_lines (line text, at timestamp);
ALTER TABLE app.log_lines REPLICA IDENTITY FULL;
INSERT INTO app.log_lines VALUES ('same', '2024-01-01'), ('same', '2024-01-01'), ('same', '2024-01-01'), (NULL, NULL);

-- A unique index over NOT NULL columns stands in for a key.
CREATE TABLE app.tags (name text NOT NULL, n integer);
CREATE UNIQUE INDEX tags_name ON app.tags (name);
ALTER TABLE app.tags REPLICA IDENTITY USING INDEX tags_name;
INSERT INTO app.tags VALUES ('a', 1), ('b', 2);

-- Partitions, one of them partitioned again, and a default.
CREATE TABLE app.events (id bigint, at date, kind text, payload text, PRIMARY KEY (id, at, kind)) PARTITION BY RANGE (at);
CREATE TABLE app.events_2023 PARTITION OF app.events FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
CREATE TABLE app.events_2024 PARTITION OF app.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')
    PARTITION BY LIST (kind);
CREATE TABLE app.events_2024_click PARTITION OF app.events_2024 FOR VALUES IN ('click');
CREATE TABLE app.events_2024_other PARTITION OF app.events_2024 DEFAULT;
CREATE TABLE app.events_later PARTITION OF app.events DEFAULT;
INSERT INTO app.events SELECT i, date '2023-06-01' + i, CASE WHEN i % 2 = 0 THEN 'click' ELSE 'view' END, 'p' || i
FROM generate_series(1, 400) i;

-- Inheritance.
CREATE TABLE app.vehicles (id integer, wheels integer);
CREATE TABLE app.cars (brand text) INHERITS (app.vehicles);
ALTER TABLE app.vehicles REPLICA IDENTITY FULL;
ALTER TABLE app.cars REPLICA IDENTITY FULL;
INSERT INTO app.vehicles VALUES (1, 2), (2, 3);
INSERT INTO app.cars VALUES (3, 4, 'volvo'), (4, 4, NULL);

-- One big transaction.
CREATE TABLE app.bulk (id integer PRIMARY KEY, v text);

-- A foreign-key cycle with deferred checks.
CREATE TABLE app.husband (id integer PRIMARY KEY, wife_id integer);
CREATE TABLE app.wife (id integer PRIMARY KEY, husband_id integer REFERENCES app.husband DEFERRABLE INITIALLY DEFERRED);
ALTER TABLE app.husband ADD FOREIGN KEY (wife_id) REFERENCES app.wife DEFERRABLE INITIALLY DEFERRED;

-- Source triggers that rewrite rows and write elsewhere; the target has the same triggers (copied) that must not fire.
CREATE TABLE app.stamped (id integer PRIMARY KEY, v text, touched integer NOT NULL DEFAULT 0);
CREATE TABLE app.stamp_audit (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, stamped_id integer, what text);
CREATE FUNCTION app.stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.v := NEW.v || '!';
    NEW.touched := NEW.touched + 1;
    RETURN NEW;
END $$;
CREATE FUNCTION app.audit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO app.stamp_audit (stamped_id, what) VALUES (NEW.id, TG_OP);
    RETURN NULL;
END $$;
CREATE TRIGGER stamp BEFORE INSERT OR UPDATE ON app.stamped FOR EACH ROW EXECUTE FUNCTION app.stamp();
CREATE TRIGGER audit AFTER INSERT OR UPDATE ON app.stamped FOR EACH ROW EXECUTE FUNCTION app.audit();

-- Truncates, alone, with a cascade, and followed by inserts in the same transaction.
CREATE TABLE app.scratch (id integer PRIMARY KEY, v text);
INSERT INTO app.scratch SELECT i, 'old' FROM generate_series(1, 50) i;
CREATE TABLE app.parent_t (id integer PRIMARY KEY);
CREATE TABLE app.child_t (id integer PRIMARY KEY, parent_id integer REFERENCES app.parent_t);
INSERT INTO app.parent_t SELECT generate_series(1, 10);
INSERT INTO app.child_t SELECT i, i FROM generate_series(1, 10) i;

-- Large values stored out of line, updated without being touched.
CREATE TABLE app.docs (id integer PRIMARY KEY, title text, body text, blob bytea);
ALTER TABLE app.docs ALTER COLUMN body SET STORAGE EXTERNAL;
ALTER TABLE app.docs ALTER COLUMN blob SET STORAGE EXTERNAL;

-- Generated and identity columns.
CREATE TABLE app.products (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    price numeric(10, 2) NOT NULL,
    qty integer NOT NULL DEFAULT 1,
    total numeric GENERATED ALWAYS AS (price * qty) STORED
);
INSERT INTO app.products (price, qty) VALUES (1.50, 2), (3.00, 1);

-- Written while the copy runs.
CREATE TABLE app.busy (id integer PRIMARY KEY, n integer NOT NULL);
INSERT INTO app.busy SELECT i, 0 FROM generate_series(1, 200) i;

-- Transfers between accounts by concurrent transactions that lock the same rows.
CREATE TABLE app.ledger (id integer PRIMARY KEY, balance bigint NOT NULL);
INSERT INTO app.ledger SELECT i, 1000 FROM generate_series(1, 10) i;
CREATE TABLE app.transfers (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, src integer, dst integer, amount integer);

-- Values whose text form depends on the writing session's settings; one table takes trigger capture's fast path, the
-- other (money, regclass) the one with fixed settings.
CREATE TABLE app.styled (id integer PRIMARY KEY, ts timestamp, tstz timestamptz, d date, iv interval, f float8,
    r real, b bytea);
CREATE TABLE app.styled_fixed (id integer PRIMARY KEY, m money, rc regclass, ts timestamp, f float8);
