-- "Where to turn" (issue 5, item 5): the public directory of support services. Organisation
-- information only, never personal data, so nothing here is encrypted. Seeded from
-- content/directory/entries.toml (entry_key names the content entry; '' for entries added in the
-- UI) and then edited by competence-centre staff; `version` gives optimistic concurrency and
-- `visible` hides an entry from the public without losing it. Codes are space-separated lists.

CREATE TABLE support_directory_entries (
  tenant_id BIGINT NOT NULL REFERENCES tenants (tenant_id),
  entry_id BIGINT NOT NULL,
  public_id TEXT NOT NULL,
  entry_key TEXT NOT NULL,
  kind TEXT NOT NULL,
  target_groups TEXT NOT NULL,
  languages TEXT NOT NULL,
  phone TEXT NOT NULL,
  email TEXT NOT NULL,
  web TEXT NOT NULL,
  address TEXT NOT NULL,
  anonymous BIGINT NOT NULL CHECK (anonymous IN (0, 1)),
  free_of_charge BIGINT NOT NULL CHECK (free_of_charge IN (0, 1)),
  visible BIGINT NOT NULL DEFAULT 1 CHECK (visible IN (0, 1)),
  version BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, entry_id),
  UNIQUE (tenant_id, public_id)
);

CREATE UNIQUE INDEX support_directory_entries_key ON support_directory_entries (tenant_id, entry_key)
  WHERE entry_key <> '';

-- One row per entry and language (sv and en always; other languages when translated).
CREATE TABLE support_directory_texts (
  tenant_id BIGINT NOT NULL,
  entry_id BIGINT NOT NULL,
  lang TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL,
  hours TEXT NOT NULL,
  PRIMARY KEY (tenant_id, entry_id, lang),
  FOREIGN KEY (tenant_id, entry_id) REFERENCES support_directory_entries (tenant_id, entry_id)
);
