/**
 * The data folder:
 *   reference.yaml           ministries, scopes, strategy periods, projects (names in Japanese and English)
 *   project-mapping.yaml     how 2nd-period projects relate to 3rd-period ones
 *   documents/<id>.yaml      one file per source document, beside its text (<id>.txt)
 */
export const REFERENCE_FILE = 'reference.yaml';
export const MAPPING_FILE = 'project-mapping.yaml';
export const DOCUMENTS_DIR = 'documents';
