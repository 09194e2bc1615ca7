-- Tenants (municipalities) and their organisation tree: authorities, departments, companies,
-- units and external partners.
CREATE TABLE tenants (
  tenant_id BIGINT NOT NULL PRIMARY KEY,
  public_id TEXT NOT NULL UNIQUE,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL
);

CREATE TABLE organisations (
  tenant_id BIGINT NOT NULL REFERENCES tenants (tenant_id),
  organisation_id BIGINT NOT NULL,
  public_id TEXT NOT NULL,
  parent_id BIGINT,
  kind TEXT NOT NULL CHECK (kind IN ('authority', 'department', 'company', 'unit', 'partner')),
  partner_type TEXT NOT NULL DEFAULT 'none',
  code TEXT NOT NULL,
  name_sv TEXT NOT NULL,
  name_en TEXT NOT NULL,
  description_sv TEXT NOT NULL DEFAULT '',
  description_en TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (tenant_id, organisation_id),
  UNIQUE (tenant_id, public_id),
  UNIQUE (tenant_id, code),
  FOREIGN KEY (tenant_id, parent_id) REFERENCES organisations (tenant_id, organisation_id)
);

CREATE INDEX organisations_parent ON organisations (tenant_id, parent_id);
