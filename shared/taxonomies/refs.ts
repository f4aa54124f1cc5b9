import { z } from 'zod';
import { isValidDivision } from './industries.js';
import { isValidPillarIndustry } from './pillar-industries.js';
import { isValidRegion } from './regions.js';
import { isValidTechField } from './tech-fields.js';

/**
 * Zod schemas for codes that point into the configurable taxonomies. They are
 * strings checked against the loaded files (a district may replace the files),
 * so contracts reject an unknown code with a field-named validation error.
 */
export const IndustryDivisionCode = z.string().refine(isValidDivision, { message: 'Unknown GB/T 4754-2017 division code' });
export const RegionCode = z.string().refine(isValidRegion, { message: 'Unknown GB/T 2260 region code' });
export const TechFieldCode = z.string().refine(isValidTechField, { message: 'Unknown technology field code' });
export const PillarIndustryCode = z.string().refine(isValidPillarIndustry, { message: 'Unknown pillar industry code' });
