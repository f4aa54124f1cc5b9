/**
 * Reference taxonomies of the achievement and demand catalogs, loaded from
 * config/taxonomies/*.json and validated at import. No Node APIs here: the
 * module is shared by the server and the browser bundle.
 */
export * from './codes.js';
export * from './industries.js';
export * from './regions.js';
export * from './tech-fields.js';
export * from './pillar-industries.js';
export * from './catalog-enums.js';
export * from './refs.js';
export type {
  Compatibility,
  EnumDefinition,
  EnumValue,
  IndustryDivision,
  IndustrySection,
  PillarIndustry,
  Region,
  RegionLevel,
  TechField,
  TechSubfield,
} from './schemas.js';
