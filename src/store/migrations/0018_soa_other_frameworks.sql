-- The Statement of Applicability also holds the controls of an organisation's own frameworks
-- (imported OSCAL catalogs): each entry and each frozen entry names the framework its control
-- belongs to. Entries made before this are ISO/IEC 42001 Annex A controls.
ALTER TABLE soa_entries ADD COLUMN framework TEXT NOT NULL DEFAULT 'iso-iec-42001-2023';
ALTER TABLE soa_version_entries ADD COLUMN framework TEXT NOT NULL DEFAULT 'iso-iec-42001-2023';
